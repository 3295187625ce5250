/**
 * The region catalog: the one list of Alibaba Cloud regions that are in mainland China.
 *
 * Membership is by explicit ID, never by a `cn-` prefix: `cn-hongkong` is outside mainland China,
 * and any region this list does not name (a new one, a typo) is treated as outside until it is added.
 * Held by a test against the provider's region list (`provider-regions.json`, derived from
 * `alicloud/connectivity/regions.go` of aliyun/terraform-provider-alicloud) and checked against Alibaba
 * Cloud's published region and endpoint lists; add a region here only after confirming where its data
 * centers are.
 */
export type MainlandRegionKind = "public" | "finance" | "gov";

export interface MainlandRegion {
  readonly id: string;
  readonly kind: MainlandRegionKind;
  readonly city: string;
}

export const MAINLAND_REGIONS: readonly MainlandRegion[] = [
  { id: "cn-qingdao", kind: "public", city: "Qingdao" },
  { id: "cn-beijing", kind: "public", city: "Beijing" },
  { id: "cn-zhangjiakou", kind: "public", city: "Zhangjiakou" },
  { id: "cn-huhehaote", kind: "public", city: "Hohhot" },
  { id: "cn-wulanchabu", kind: "public", city: "Ulanqab" },
  { id: "cn-hangzhou", kind: "public", city: "Hangzhou" },
  { id: "cn-shanghai", kind: "public", city: "Shanghai" },
  { id: "cn-nanjing", kind: "public", city: "Nanjing" },
  { id: "cn-fuzhou", kind: "public", city: "Fuzhou" },
  { id: "cn-wuhan-lr", kind: "public", city: "Wuhan" },
  { id: "cn-shenzhen", kind: "public", city: "Shenzhen" },
  { id: "cn-heyuan", kind: "public", city: "Heyuan" },
  { id: "cn-guangzhou", kind: "public", city: "Guangzhou" },
  { id: "cn-chengdu", kind: "public", city: "Chengdu" },
  { id: "cn-zhongwei", kind: "public", city: "Zhongwei" },
  // The China Unicom joint-venture region: not in the provider's list, but in Alibaba Cloud's endpoint lists.
  { id: "cn-zhengzhou-jva", kind: "public", city: "Zhengzhou" },
  { id: "cn-hangzhou-finance", kind: "finance", city: "Hangzhou" },
  { id: "cn-shanghai-finance-1", kind: "finance", city: "Shanghai" },
  { id: "cn-shenzhen-finance-1", kind: "finance", city: "Shenzhen" },
  { id: "cn-beijing-finance-1", kind: "finance", city: "Beijing" },
  // Other names the provider accepts for the finance regions (their OSS locations, public access points).
  { id: "cn-hzfinance", kind: "finance", city: "Hangzhou" },
  { id: "cn-hzjbp", kind: "finance", city: "Hangzhou" },
  { id: "cn-shanghai-finance-1-pub", kind: "finance", city: "Shanghai" },
  { id: "cn-shenzhen-finance", kind: "finance", city: "Shenzhen" },
  { id: "cn-szfinance", kind: "finance", city: "Shenzhen" },
  { id: "cn-beijing-finance-1-pub", kind: "finance", city: "Beijing" },
  { id: "cn-north-2-gov-1", kind: "gov", city: "Beijing" },
];

const mainlandIds: ReadonlySet<string> = new Set(MAINLAND_REGIONS.map((region) => region.id));

/** The IDs of every mainland region, in catalog order. */
export const MAINLAND_REGION_IDS: readonly string[] = MAINLAND_REGIONS.map((region) => region.id);

/** True only for an exact, lower-case region ID in the mainland catalog. */
export function isMainlandRegion(regionId: string): boolean {
  return mainlandIds.has(regionId);
}
