import { readFileSync } from "fs";
import * as path from "path";
import {
  classifyAttribute,
  COVERED_NAMES,
  EXCLUDED_NAMES,
  PROVIDER_LOCATION_ATTRIBUTES,
} from "../../policies/location-attributes";
import { deriveLocationCandidates } from "../../policies/schema/location-candidates";

const SCHEMA = path.join(__dirname, "../../../shared/provider-schemas/aliyun-alicloud-1.247.0.json");

describe("location attributes", () => {
  const candidates = deriveLocationCandidates(
    JSON.parse(readFileSync(SCHEMA, "utf8")),
    "registry.terraform.io/aliyun/alicloud",
  );

  it("derives the candidates from the provider schema", () => {
    expect(candidates.length).toBeGreaterThan(400);
    expect(candidates).toContainEqual({
      type: "alicloud_oss_bucket_replication",
      path: "destination.location",
      name: "location",
    });
  });

  it("covers or excludes, with a reason, every candidate the schema yields", () => {
    const unclassified = candidates
      .filter(({ type, path: attributePath, name }) =>
        type === "provider"
          ? !PROVIDER_LOCATION_ATTRIBUTES.has(attributePath) && !(name in EXCLUDED_NAMES)
          : classifyAttribute(type, attributePath, name) === undefined,
      )
      .map(({ type, path: attributePath }) => `${type}:${attributePath}`);
    expect(unclassified).toEqual([]);
  });

  it("never both covers and excludes a name, and gives every exclusion a reason", () => {
    expect(Object.keys(COVERED_NAMES).filter((name) => name in EXCLUDED_NAMES)).toEqual([]);
    expect(Object.values(EXCLUDED_NAMES).filter((reason) => reason.length < 20)).toEqual([]);
  });

  it("does not look names up on Object.prototype", () => {
    expect(classifyAttribute("alicloud_vpc", "constructor", "constructor")).toBeUndefined();
  });
});
