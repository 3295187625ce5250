/**
 * Data sources whose results Terraform reads only at plan time, but whose place is known before: the zones
 * of the provider's region, the provider's region itself, and the account ID (which names no place and is
 * digits only, so it may stand in a host name's label).
 */

/** `*_zones` data sources that list something other than the provider's availability zones, and why. */
export const NOT_PROVIDER_ZONES: ReadonlyMap<string, string> = new Map([
  ["alicloud_pvtz_zones", "PrivateZone zones are DNS zones, not availability zones"],
  ["alicloud_cen_private_zones", "a CEN PrivateZone access names a host region, which may be any region"],
  ["alicloud_rds_collation_time_zones", "time zones, not availability zones"],
]);

/** The computed attributes through which a zones data source (and `alicloud_regions`) returns its list. */
export const LISTING_ATTRIBUTES: ReadonlySet<string> = new Set(["ids", "names", "zones", "regions"]);

/** Whether a data source type lists the availability zones of its provider's region. */
export function listsProviderZones(type: string): boolean {
  return type.startsWith("alicloud_") && type.endsWith("_zones") && !NOT_PROVIDER_ZONES.has(type);
}

/**
 * Other data sources that list what a regional API finds in the provider's region (instance types and
 * their zones, node classes, stocks, vSwitches), reviewed one by one, with the attributes holding the list.
 */
export const REGIONAL_LISTINGS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["alicloud_instance_types", new Set(["ids", "instance_types"])],
  ["alicloud_polardb_node_classes", new Set(["classes"])],
  ["alicloud_emr_instance_types", new Set(["ids", "types"])],
  ["alicloud_cloud_storage_gateway_stocks", new Set(["stocks"])],
  ["alicloud_cen_transit_router_available_resources", new Set(["resources"])],
  ["alicloud_vswitches", new Set(["names", "vswitches"])],
]);

/** Whether an attribute of a data source lists what its provider's region holds (not `alicloud_regions`). */
export function listsProviderRegion(type: string, attribute: string): boolean {
  if (listsProviderZones(type)) return LISTING_ATTRIBUTES.has(attribute);
  return REGIONAL_LISTINGS.get(type)?.has(attribute) === true;
}

/** The data source that, with `current = true`, returns its provider's region. */
export const CURRENT_REGION_DATA_SOURCE = "alicloud_regions";

/** Attributes that hold the account ID, by data source type. */
export const ACCOUNT_ID_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["alicloud_account", new Set(["id"])],
  ["alicloud_caller_identity", new Set(["id", "account_id"])],
]);
