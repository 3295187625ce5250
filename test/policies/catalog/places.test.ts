import fc from "fast-check";
import { classifyPlace, type PlaceForm } from "../../../policies/catalog/places";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";

const verdictOf = (value: string, form: PlaceForm = "place") => classifyPlace(value, form).verdict;

describe("place forms", () => {
  it.each([
    ["cn-shanghai", "cn-shanghai"],
    ["cn-shanghai-b", "cn-shanghai"],
    ["cn-shanghai-finance-1z", "cn-shanghai-finance-1"],
    ["oss-cn-hangzhou", "cn-hangzhou"],
    ["oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou"],
    ["oss-cn-hangzhou-internal.aliyuncs.com", "cn-hangzhou"],
    ["https://my-bucket.oss-cn-beijing.aliyuncs.com/path", "cn-beijing"],
    ["cn-shanghai.log.aliyuncs.com", "cn-shanghai"],
    ["cn-shanghai-intranet.log.aliyuncs.com", "cn-shanghai"],
    ["kms-vpc.cn-shanghai.aliyuncs.com", "cn-shanghai"],
    ["acs:kms:cn-shanghai:123456789:key/abc", "cn-shanghai"],
  ])("%s is in mainland region %s", (value, region) => {
    expect(classifyPlace(value, "place")).toEqual({ verdict: "mainland", place: region });
  });

  it.each([
    "cn-hongkong",
    "cn-hongkong-b",
    "oss-cn-hongkong",
    "oss-cn-hongkong.aliyuncs.com",
    "oss-cn-hongkong-internal.aliyuncs.com",
    "oss-accelerate.aliyuncs.com",
    "oss-accelerate-overseas.aliyuncs.com",
    "acs:oss:ap-southeast-1:123:bucket",
    "ap-southeast-1a",
    "eu-central-1",
    "cn-shanghai-evil",
    "xcn-shanghai",
    "x.cn-shanghai-evil.aliyuncs.com",
  ])("%s is outside", (value) => expect(verdictOf(value)).toBe("outside"));

  it.each([
    "CN-SHANGHAI",
    " cn-shanghai",
    "cn-shanghai ",
    "",
    "ecs.aliyuncs.com",
    "oss-cn-shanghai.aliyuncs.com.evil.example",
    "collector.example.com",
    "acs:ram::123:role/x",
    "10.0.0.1",
  ])("%p is never mainland", (value) => expect(verdictOf(value)).toBe("unresolved"));

  it("reads CEN / Global Accelerator geographic regions", () => {
    expect(verdictOf("China", "geo")).toBe("mainland");
    expect(verdictOf("China-mainland", "geo")).toBe("mainland");
    for (const foreign of ["Asia-Pacific", "Europe", "North-America", "china", "Global"]) {
      expect(verdictOf(foreign, "geo")).toBe("outside");
    }
  });

  it("reads CDN / DCDN scope", () => {
    expect(verdictOf("domestic", "cdn-scope")).toBe("mainland");
    expect(verdictOf("overseas", "cdn-scope")).toBe("outside");
    expect(verdictOf("global", "cdn-scope")).toBe("outside");
  });

  it("never accepts a string outside the catalog, in any form (property)", () => {
    const mainland = new Set(MAINLAND_REGION_IDS);
    const region = fc.constantFrom(...MAINLAND_REGION_IDS, "cn-hongkong", "ap-southeast-1");
    const mutated = fc
      .tuple(
        region,
        fc.constantFrom("", " ", "0", "-evil", "X", "\t"),
        fc.constantFrom("", " ", "x", "evil-", "X"),
        fc.boolean(),
      )
      .map(([id, suffix, prefix, upper]) => `${prefix}${upper ? id.toUpperCase() : id}${suffix}`);
    const wrapped = fc
      .tuple(
        mutated,
        fc.constantFrom("%s", "oss-%s", "%s-b", "oss-%s.aliyuncs.com", "acs:oss:%s:1:b", "x.%s.aliyuncs.com"),
      )
      .map(([id, form]) => ({ id, value: form.replace("%s", id) }));
    fc.assert(
      fc.property(wrapped, ({ id, value }) => {
        const verdict = classifyPlace(value, "place");
        return verdict.verdict !== "mainland" || mainland.has(id);
      }),
    );
  });
});

describe("classifyPlace, edges", () => {
  it.each([
    ["oss-cn-shanghai.aliyuncs.com:443", "mainland", "cn-shanghai"],
    ["https://oss-cn-shanghai.aliyuncs.com:8443/bucket", "mainland", "cn-shanghai"],
    [
      "oss-cn-shanghai.aliyuncs.com evil",
      "unresolved",
      '"oss-cn-shanghai.aliyuncs.com evil" names no region, zone, OSS location, endpoint or ARN',
    ],
    [
      "evil oss-cn-shanghai.aliyuncs.com",
      "unresolved",
      '"evil oss-cn-shanghai.aliyuncs.com" names no region, zone, OSS location, endpoint or ARN',
    ],
    ["abc-cn-shanghai", "outside", "abc-cn-shanghai"],
    ["shanghai", "unresolved", '"shanghai" names no region, zone, OSS location, endpoint or ARN'],
    ["acs:kms", "unresolved", 'ARN "acs:kms" names no region'],
    ["acs:kms::123:key/k", "unresolved", 'ARN "acs:kms::123:key/k" names no region'],
    [
      "example.com",
      "unresolved",
      '"example.com" is not an Alibaba Cloud endpoint; where it keeps data is unknown',
    ],
    [
      "oss-xcn-shanghai.aliyuncs.com",
      "unresolved",
      'endpoint "oss-xcn-shanghai.aliyuncs.com" names no region',
    ],
    [
      "myoss-accelerate.aliyuncs.com",
      "unresolved",
      'endpoint "myoss-accelerate.aliyuncs.com" names no region',
    ],
    [
      "oss-accelerate-x.aliyuncs.com",
      "unresolved",
      'endpoint "oss-accelerate-x.aliyuncs.com" names no region',
    ],
    [
      "oss-accelerate.aliyuncs.com",
      "outside",
      "oss-accelerate (acceleration through points of presence abroad)",
    ],
    ["cn-shanghai-1", "outside", "cn-shanghai-1"],
    ["cn-shanghaixb", "outside", "cn-shanghaixb"],
    ["cn-beijing-a", "mainland", "cn-beijing"],
    ["cn-shanghai-finance-1a", "mainland", "cn-shanghai-finance-1"],
    ["cn-shanghai-é", "unresolved", '"cn-shanghai-é" names no region, zone, OSS location, endpoint or ARN'],
    ["cn-shanghai-{", "unresolved", '"cn-shanghai-{" names no region, zone, OSS location, endpoint or ARN'],
  ])("%s is %s: %s", (value, verdict, place) => {
    expect(classifyPlace(value, "place")).toEqual({ verdict, place });
  });
});
