import providerRegions from "../../../policies/catalog/provider-regions.json";
import { classifyPlace } from "../../../policies/catalog/places";
import {
  MAINLAND_REGIONS,
  isMainlandRegion,
  type MainlandRegionKind,
} from "../../../policies/catalog/regions";

// The provider's IDs in `cn-` that are not in mainland China. Every other `cn-` ID the provider lists must
// be in the catalog, so that a new one fails here until someone confirms where it is.
const NOT_MAINLAND = new Set(["cn-hongkong"]);

// Catalog regions the provider does not list, each confirmed in Alibaba Cloud's endpoint lists.
const CATALOG_ONLY = new Set(["cn-wuhan-lr", "cn-zhengzhou-jva"]);

/** The kind a provider ID names: `cn-hzjbp` is the OSS location of Hangzhou finance (华东1金融云). */
function kindOf(id: string): MainlandRegionKind {
  if (id.includes("finance") || id === "cn-hzjbp") return "finance";
  return id.includes("-gov-") ? "gov" : "public";
}

const kindInCatalog = new Map(MAINLAND_REGIONS.map((region) => [region.id, region.kind]));
const listed = new Set(providerRegions.regions);
const mainlandIds = providerRegions.regions.filter((id) => id.startsWith("cn-") && !NOT_MAINLAND.has(id));
const foreignIds = providerRegions.regions.filter((id) => !mainlandIds.includes(id));

describe("the region catalog against the provider's region list", () => {
  it("is derived from a named commit of the provider's regions.go, on a date", () => {
    expect(providerRegions.source).toMatchObject({
      repository: "aliyun/terraform-provider-alicloud",
      path: "alicloud/connectivity/regions.go",
      list: "ValidRegions",
    });
    expect(providerRegions.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(providerRegions.source.committed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(providerRegions.derived).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("lists the regions added since the pinned provider version, and they are in the list", () => {
    expect(providerRegions.addedSince.tag).toBe("v1.247.0");
    expect(providerRegions.addedSince.regions).toContain("cn-zhongwei");
    for (const id of providerRegions.addedSince.regions) expect(listed.has(id)).toBe(true);
  });

  it.each(mainlandIds)("holds the mainland ID %s, with its kind, and places it in mainland China", (id) => {
    expect(kindInCatalog.get(id)).toBe(kindOf(id));
    expect(classifyPlace(id, "place")).toEqual({ verdict: "mainland", place: id });
  });

  it.each(foreignIds)("keeps %s outside mainland China", (id) => {
    expect(isMainlandRegion(id)).toBe(false);
    expect(classifyPlace(id, "place").verdict).toBe("outside");
  });

  it("keeps cn-hongkong outside, though the provider lists it", () => {
    expect(listed.has("cn-hongkong")).toBe(true);
    expect(foreignIds).toContain("cn-hongkong");
  });

  it("reads a finance access point's name with a letter added as no zone of it", () => {
    // Zones end in a letter after a dash or a digit; `-pub` ends in neither.
    expect(classifyPlace("cn-beijing-finance-1-pub-a", "place")).toEqual({
      verdict: "mainland",
      place: "cn-beijing-finance-1-pub",
    });
    expect(classifyPlace("cn-beijing-finance-1-pubx", "place").verdict).toBe("outside");
  });

  it("names every catalog region the provider does not list", () => {
    const unlisted = MAINLAND_REGIONS.map((region) => region.id).filter((id) => !listed.has(id));
    expect(new Set(unlisted)).toEqual(CATALOG_ONLY);
  });
});
