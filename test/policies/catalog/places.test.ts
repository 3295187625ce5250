import fc from "fast-check";
import { classifyPlace, mayNamePlace, type PlaceForm } from "../../../policies/catalog/places";
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
    // Hangzhou finance OSS names a zone of its region in the host (the provider's cn-hzjbp).
    ["oss-cn-hzjbp-a-internal.aliyuncs.com", "cn-hzjbp"],
    ["oss-cn-hzjbp-b.aliyuncs.com", "cn-hzjbp"],
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
    "oss-cn-hongkong-b-internal.aliyuncs.com",
    "oss-ap-southeast-1a.aliyuncs.com",
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
      '"example.com" is not an Alibaba Cloud endpoint: data sent there goes to an unknown destination; use a mainland Alibaba Cloud endpoint, or record in residency-exceptions.json a mainland-verified exception (a destination a reviewer verified to be in mainland China)',
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

describe("the value form: a place by its shape, in no place position", () => {
  const valueOf = (value: string) => classifyPlace(value, "value");

  it.each([
    ["us-east-1", "outside", "us-east-1"],
    ["us-east-1a", "outside", "us-east-1"],
    ["cn-hongkong-b", "outside", "cn-hongkong"],
    ["oss-ap-southeast-1", "outside", "ap-southeast-1"],
    ["https://b.oss-eu-central-1.aliyuncs.com/key", "outside", "eu-central-1"],
    ["oss://bucket.oss-us-west-1.aliyuncs.com/artifacts/", "outside", "us-west-1"],
    ["http://me-east-1.log.aliyuncs.com", "outside", "me-east-1"],
    ["acs:mns:ap-northeast-1:123:/queues/q", "outside", "ap-northeast-1"],
    [
      "oss-accelerate.aliyuncs.com",
      "outside",
      "oss-accelerate (acceleration through points of presence abroad)",
    ],
    ["cn-shanghai", "mainland", "cn-shanghai"],
    ["cn-shanghai-b", "mainland", "cn-shanghai"],
    ["oss://b.oss-cn-hangzhou.aliyuncs.com/x", "mainland", "cn-hangzhou"],
    ["acs:kms:cn-beijing:123:key/k", "mainland", "cn-beijing"],
    ["com.aliyun.ap-southeast-1.oss", "outside", "ap-southeast-1"],
    ["com.aliyun.cn-hangzhou.oss", "mainland", "cn-hangzhou"],
  ])("%s is %s (%s)", (value, verdict, place) => {
    expect(valueOf(value)).toEqual({ verdict, place });
  });

  it.each([
    "us-east-team",
    "xx-nowhere-9",
    "logs-cn-hongkong",
    "CN-HONGKONG",
    " us-east-1",
    "replicates to us-east-1",
    "https://hooks.example.com/us-east-1",
    "collector.example.com",
    "ecs.aliyuncs.com",
    "acs:ram::123:role/x",
    "acs:oss:*:*:bucket/*",
    "oss://bucket/key",
    "com.aliyun.nowhere-1.oss",
    "10.0.0.1",
    "",
    "{not json",
    "[1, 2, 3]",
  ])("%p names no place", (value) =>
    expect(valueOf(value)).toEqual({ verdict: "unresolved", place: "names no place" }),
  );

  it("reads JSON and every string in it, the worst place first", () => {
    const flushers = JSON.stringify([
      { Type: "flusher_sls", Region: "cn-shanghai" },
      { Endpoint: "ap-south-1.log.aliyuncs.com" },
    ]);
    expect(valueOf(flushers)).toEqual({ verdict: "outside", place: "ap-south-1" });
    expect(valueOf(JSON.stringify({ a: { b: ["cn-shanghai-b"] } }))).toEqual({
      verdict: "mainland",
      place: "cn-shanghai",
    });
    expect(valueOf(JSON.stringify({ inner: JSON.stringify({ region: "eu-west-1" }) }))).toEqual({
      verdict: "outside",
      place: "eu-west-1",
    });
  });

  it("refuses JSON nested deeper than any document", () => {
    expect(valueOf(`${"[".repeat(40)}"x"${"]".repeat(40)}`)).toEqual({
      verdict: "outside",
      place: "JSON nested deeper than 32 levels",
    });
  });

  it("rejects text with no dash, brace or bracket before anything else", () => {
    expect(mayNamePlace("sh-dc-prod")).toBe(true);
    expect(mayNamePlace("${local.x}")).toBe(true);
    expect(mayNamePlace("[]")).toBe(true);
    expect(mayNamePlace("prodlogs")).toBe(false);
    expect(mayNamePlace("acs:ram::1:role/x")).toBe(false);
  });

  it("never calls a value mainland unless it names a mainland region exactly (property)", () => {
    const mainland = new Set(MAINLAND_REGION_IDS);
    const id = fc.oneof(
      fc.constantFrom(...MAINLAND_REGION_IDS, "cn-hongkong", "ap-southeast-1", "us-east-1"),
      fc.stringMatching(/^[a-z]{2,3}-[a-z]{3,9}(-[0-9])?$/),
    );
    const shaped = fc
      .tuple(
        id,
        fc.constantFrom("%s", "oss-%s", "%s-b", "%sa", "https://x.oss-%s.aliyuncs.com/k", "acs:oss:%s:1:b"),
      )
      .map(([region, form]) => ({ region, value: form.replace("%s", region) }));
    fc.assert(
      fc.property(shaped, ({ region, value }) => {
        const { verdict, place } = classifyPlace(value, "value");
        return verdict !== "mainland" || (mainland.has(region) && place === region);
      }),
    );
  });
});

describe("the account-type form", () => {
  it("reads the site the provider calls", () => {
    expect(classifyPlace("Domestic", "account-type").verdict).toBe("mainland");
    expect(classifyPlace("domestic", "account-type").verdict).toBe("mainland");
    expect(classifyPlace("International", "account-type")).toMatchObject({
      verdict: "outside",
      place: expect.stringContaining("ap-southeast-1"),
    });
    expect(classifyPlace("", "account-type").verdict).toBe("unresolved");
  });
});
