import { readFileSync } from "fs";
import * as path from "path";
import {
  ACCOUNT_ID_ATTRIBUTES,
  CURRENT_REGION_DATA_SOURCE,
  LISTING_ATTRIBUTES,
  listsProviderRegion,
  listsProviderZones,
  NOT_PROVIDER_ZONES,
  REGIONAL_LISTINGS,
} from "../../../policies/catalog/region-data-sources";

const SCHEMA = path.join(__dirname, "../../../../shared/provider-schemas/aliyun-alicloud-1.247.0.json");

interface Attribute {
  readonly computed?: boolean;
  readonly optional?: boolean;
  readonly required?: boolean;
}
type DataSources = Record<string, { block: { attributes: Record<string, Attribute> } }>;

/** The attributes Terraform computes and the configuration cannot set, by data source. */
function computedOnly(dataSources: DataSources, type: string): string[] {
  const attributes = dataSources[type]?.block.attributes ?? {};
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.computed === true && attribute.optional !== true)
    .map(([name]) => name)
    .sort();
}

describe("data sources placed in their provider's region", () => {
  const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as {
    provider_schemas: Record<string, { data_source_schemas: DataSources }>;
  };
  const dataSources =
    schema.provider_schemas["registry.terraform.io/aliyun/alicloud"]?.data_source_schemas ?? {};
  const zoneTypes = Object.keys(dataSources).filter((type) => type.endsWith("_zones"));

  it("classifies every *_zones data source of the schema: the provider's zones, or excluded with a reason", () => {
    expect(zoneTypes.length).toBeGreaterThan(25);
    for (const type of zoneTypes) expect(listsProviderZones(type) || NOT_PROVIDER_ZONES.has(type)).toBe(true);
    for (const type of NOT_PROVIDER_ZONES.keys()) expect(zoneTypes).toContain(type);
    expect(listsProviderZones("alicloud_zones")).toBe(true);
    expect(listsProviderZones("alicloud_pvtz_zones")).toBe(false);
    expect(listsProviderZones("other_zones")).toBe(false);
  });

  it("places only the listing attributes, which are what those data sources compute", () => {
    for (const type of [...zoneTypes.filter(listsProviderZones), CURRENT_REGION_DATA_SOURCE]) {
      const computed = computedOnly(dataSources, type);
      expect(computed.length).toBeGreaterThan(0);
      for (const name of computed) expect(LISTING_ATTRIBUTES.has(name)).toBe(true);
    }
    expect(Object.keys(dataSources[CURRENT_REGION_DATA_SOURCE]?.block.attributes ?? {})).toContain("current");
  });

  it("places the reviewed regional listings only through attributes the schema computes", () => {
    for (const [type, names] of REGIONAL_LISTINGS) {
      const computed = computedOnly(dataSources, type);
      for (const name of names) expect(computed).toContain(name);
      for (const name of names) expect(listsProviderRegion(type, name)).toBe(true);
    }
    expect(listsProviderRegion("alicloud_vswitches", "output_file")).toBe(false);
    expect(listsProviderRegion("alicloud_db_zones", "zones")).toBe(true);
    expect(listsProviderRegion("alicloud_db_zones", "output_file")).toBe(false);
    expect(listsProviderRegion("alicloud_vpcs", "vpcs")).toBe(false);
  });

  it("names account ID attributes that the schema has", () => {
    for (const [type, names] of ACCOUNT_ID_ATTRIBUTES) {
      const attributes = Object.keys(dataSources[type]?.block.attributes ?? {});
      for (const name of names) expect(attributes).toContain(name);
    }
  });
});
