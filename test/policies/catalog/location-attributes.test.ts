import { readFileSync } from "fs";
import * as path from "path";
import {
  classifyAttribute,
  COVERED_NAMES,
  EXCLUDED_NAMES,
  PROVIDER_LOCATION_ATTRIBUTES,
} from "../../../policies/catalog/location-attributes";
import { LOCATION_BLOCKS } from "../../../policies/catalog/location-blocks";
import {
  deriveLocationBlocks,
  deriveLocationCandidates,
} from "../../../policies/catalog/location-candidates";

const SCHEMA = path.join(__dirname, "../../../../shared/provider-schemas/aliyun-alicloud-1.247.0.json");

describe("location attributes", () => {
  const candidates = deriveLocationCandidates(
    JSON.parse(readFileSync(SCHEMA, "utf8")),
    "registry.terraform.io/aliyun/alicloud",
  );

  it("refuses a schema without the provider, naming it", () => {
    const empty = { provider_schemas: {} };
    expect(() => deriveLocationCandidates(empty, "registry.terraform.io/aliyun/alicloud")).toThrow(
      "the schema has no provider registry.terraform.io/aliyun/alicloud",
    );
    expect(() => deriveLocationBlocks(empty, "registry.terraform.io/aliyun/alicloud", () => true)).toThrow(
      "the schema has no provider registry.terraform.io/aliyun/alicloud",
    );
  });

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

describe("location blocks", () => {
  it("lists exactly the nested blocks that hold a covered location attribute", () => {
    const isCovered = (type: string, attributePath: string, name: string) => {
      const classified = classifyAttribute(type, attributePath, name);
      return classified !== undefined && "form" in classified;
    };
    const derived = deriveLocationBlocks(
      JSON.parse(readFileSync(SCHEMA, "utf8")),
      "registry.terraform.io/aliyun/alicloud",
      isCovered,
    );
    const sorted = (table: Readonly<Record<string, readonly string[]>>) =>
      Object.fromEntries(Object.entries(table).map(([type, paths]) => [type, [...paths].sort()]));
    expect(sorted(LOCATION_BLOCKS)).toEqual(sorted(derived));
    expect(LOCATION_BLOCKS.alicloud_oss_bucket_replication).toEqual(["destination"]);
  });
});
