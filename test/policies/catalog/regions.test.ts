import { MAINLAND_REGION_IDS, isMainlandRegion } from "../../../policies/catalog/regions";

describe("region catalog", () => {
  it("accepts the home and DR regions", () => {
    expect(isMainlandRegion("cn-shanghai")).toBe(true);
    expect(isMainlandRegion("cn-hangzhou")).toBe(true);
  });

  it.each(["cn-hongkong", "ap-southeast-1", "cn-shanghai-evil", "CN-SHANGHAI", "", "cn-"])(
    "refuses %p",
    (region) => expect(isMainlandRegion(region)).toBe(false),
  );

  it("lists no region twice", () => {
    expect(new Set(MAINLAND_REGION_IDS).size).toBe(MAINLAND_REGION_IDS.length);
  });
});
