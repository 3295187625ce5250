import fc from "fast-check";
import { classifyPlace, type PlaceVerdict } from "../../../policies/catalog/places";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";

/** Each form in which an Alibaba Cloud value names a region, built from a region ID. */
const FORMS: Readonly<Record<string, (region: string) => string>> = {
  region: (region) => region,
  zone: (region) => `${region}-b`,
  "OSS location": (region) => `oss-${region}`,
  endpoint: (region) => `oss-${region}.aliyuncs.com`,
  "internal endpoint": (region) => `https://oss-${region}-internal.aliyuncs.com/path`,
  "service endpoint": (region) => `kms-vpc.${region}.aliyuncs.com`,
  ARN: (region) => `acs:kms:${region}:1234567890:key/key-abc`,
};

const mainlandRegion = fc.constantFrom(...MAINLAND_REGION_IDS);
const form = fc.constantFrom(...Object.keys(FORMS));
const isMainland = (verdict: PlaceVerdict) => verdict.verdict === "mainland";

/** True when `value` is a mainland region ID or one of its zones: a legitimate suffix, not a near miss. */
function namesMainlandZoneOrRegion(value: string): boolean {
  return MAINLAND_REGION_IDS.some(
    (region) => value === region || new RegExp(`^${region}(-[a-z]|(?<=\\d)[a-z])$`).test(value),
  );
}

/** A mainland region ID changed so that it no longer names a mainland region. */
const nearMiss = fc.oneof(
  // the classics, always among the cases tried
  fc.constantFrom(
    "cn-shanghai-1",
    "cn-shanghaix",
    "cn-shanghaixb",
    "cn-shanghai-evil",
    "xcn-shanghai",
    "CN-SHANGHAI",
  ),
  // case changes: at least one letter upper-cased
  fc
    .tuple(mainlandRegion, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }))
    .map(([region, flips]) =>
      [...region].map((char, index) => (flips[index] === true ? char.toUpperCase() : char)).join(""),
    )
    .filter((value) => value !== value.toLowerCase()),
  // whitespace on either side or inside
  fc
    .tuple(mainlandRegion, fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u200b"), fc.nat())
    .map(([region, space, at]) => {
      const index = at % (region.length + 1);
      return region.slice(0, index) + space + region.slice(index);
    }),
  // prefixes: `xcn-shanghai`, `evil-cn-shanghai`
  fc
    .tuple(fc.stringMatching(/^[a-z0-9]{1,6}-?$/), mainlandRegion)
    .map(([prefix, region]) => prefix + region)
    .filter((value) => !namesMainlandZoneOrRegion(value)),
  // suffixes (no dot: in a host name a dot starts a new label, which is another test): `cn-shanghai-evil`, `cn-shanghaix`, `cn-shanghai-1`, `cn-shanghai_`
  fc
    .tuple(mainlandRegion, fc.stringMatching(/^[-_]?[a-z0-9]{1,6}$|^[-_]$/))
    .map(([region, suffix]) => region + suffix)
    .filter((value) => !namesMainlandZoneOrRegion(value)),
  // a character dropped
  fc
    .tuple(mainlandRegion, fc.nat())
    .map(([region, at]) => region.slice(0, at % region.length) + region.slice((at % region.length) + 1))
    .filter((value) => !namesMainlandZoneOrRegion(value)),
);

const hongKong = fc
  .tuple(
    fc.constantFrom("cn-hongkong", "CN-HONGKONG", "Cn-HongKong", "cn-hongkong ", "cn-hongkong-finance"),
    form,
  )
  .map(([region, name]) => FORMS[name]?.(region) ?? region);

describe("place parsing properties", () => {
  it("accepts a mainland region in every form, and resolves it to that region", () => {
    fc.assert(
      fc.property(mainlandRegion, form, (region, name) => {
        expect(classifyPlace(FORMS[name]?.(region) ?? "", "place")).toEqual({
          verdict: "mainland",
          place: region,
        });
      }),
      { numRuns: 200 },
    );
  });

  it("never accepts cn-hongkong, in any form or spelling", () => {
    fc.assert(
      fc.property(hongKong, (value) => {
        expect(isMainland(classifyPlace(value, "place"))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("never accepts a near miss of a mainland region, in any form", () => {
    fc.assert(
      fc.property(nearMiss, form, (miss, name) => {
        const value = FORMS[name]?.(miss) ?? miss;
        expect(isMainland(classifyPlace(value, "place"))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("never accepts a string that names no mainland region", () => {
    const fragment = fc.constantFrom(
      ...MAINLAND_REGION_IDS,
      "cn-hongkong",
      "ap-southeast-1",
      "cn-",
      "shanghai",
      "oss-",
      "-internal",
      ".aliyuncs.com",
      "acs:",
      ":",
      "-",
      ".",
      "/",
      "b",
      "1",
      " ",
      "X",
      "https://",
    );
    const value = fc.oneof(
      fc.string(),
      fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(value, (text) => {
        const verdict = classifyPlace(text, "place");
        if (!isMainland(verdict)) return;
        expect(MAINLAND_REGION_IDS).toContain(verdict.place);
        expect(text).toContain(verdict.place);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts only the exact mainland names of geographic regions and CDN scopes", () => {
    const geo = fc.oneof(fc.string(), fc.constantFrom("china", "CHINA", " China", "China ", "Asia-Pacific"));
    const scope = fc.oneof(fc.string(), fc.constantFrom("Domestic", "domestic ", "overseas", "global"));
    fc.assert(
      fc.property(geo, scope, (region, cdnScope) => {
        expect(isMainland(classifyPlace(region, "geo"))).toBe(["China", "China-mainland"].includes(region));
        expect(isMainland(classifyPlace(cdnScope, "cdn-scope"))).toBe(cdnScope === "domestic");
      }),
      { numRuns: 300 },
    );
  });
});
