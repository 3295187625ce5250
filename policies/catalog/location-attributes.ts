import type { PlaceForm } from "./places";

/**
 * The reviewed classification of every provider-schema attribute that might place data or a network
 * path somewhere (see `location-candidates.ts`, which derives the candidates). An attribute is covered
 * (a place position, checked in its place form by RES-LOCATION-ATTRIBUTE), read by its value's shape like
 * any other argument (RES-PLACE-IN-VALUE, with the reason it is no place position), or excluded (with the
 * reason its value names no place whatever its shape); the test fails on a candidate that is none of
 * these. A type-specific entry wins over the entry for its name. The principles are in docs/places.md.
 */

/** Attribute names checked wherever they appear in an alicloud resource, at any nesting depth. */
export const COVERED_NAMES: Readonly<Record<string, PlaceForm>> = {
  ...Object.fromEntries(
    [
      // Regions: where a resource, a copy, a peer or a delivery lives.
      "region",
      "region_id",
      "region_ids",
      "region_no",
      "regions",
      "accelerate_region_id",
      "accepting_region_id",
      "access_region_id",
      "alicloud_certificate_region_id",
      "association_region_id",
      "bind_instance_region_id",
      "bucket_region",
      "cen_region_id",
      "cert_region",
      "child_instance_region_id",
      "cr_region",
      "cross_backup_region",
      "data_level2_backup_another_region_region",
      "data_region",
      "database_region",
      "deploy_region_id",
      "dest_region",
      "destination_endpoint_region",
      "destination_region",
      "destination_region_id",
      "ecs_region",
      "endpoint_group_region",
      "ens_region_id",
      "host_region_id",
      "instance_region_id",
      "log_backup_another_region_region",
      "mirror_dst_region",
      "mirror_multi_alternate_dst_region",
      "operating_region_list",
      "opposite_region",
      "opposite_region_id",
      "peer_transit_router_region_id",
      "policy_region_id",
      "pool_region_id",
      "primary_region",
      "replication_region_id",
      "service_region_id",
      "sls_region",
      "sls_region_id",
      "stack_instance_region_id",
      "stack_region_id",
      "storage_region",
      "target_copy_regions",
      "target_oss_region_id",
      "target_region_id",
      "to_region_id",
      "vbr_instance_region_id",
      "vpc_region",
      "vpc_region_id",
      "xtrace_region",
      // Sources too: replication pairs reverse on failover, and data read from abroad lives abroad.
      "replication_source_region_id",
      "source_endpoint_region",
      "source_region",
      "source_region_id",
      "source_region_ids",
      // Zones.
      "zone",
      "zones",
      "zone_id",
      "zone_ids",
      "arbiter_zone_id",
      "availability_zone",
      "destination_zone_id",
      "ecs_zone_id",
      "endpoint_zone_id",
      "hidden_zone_id",
      "master_zone_id",
      "primary_zone",
      "primary_zone_id",
      "secondary_zone",
      "secondary_zone_id",
      "selected_zones",
      "slave_zone_id",
      "source_zone_id",
      "standby_zone_id",
      "tertiary_zone",
      "tr_attachment_master_zone",
      "tr_attachment_slave_zone",
      "vswitch_zone_id",
      "zone_id_slave_1",
      "zone_id_slave_a",
      "zone_id_slave_b",
      // Endpoints, hosts, URLs and ARNs that data is sent to.
      "authorization_endpoint",
      "delivery_channel_target_arn",
      "dest_endpoint",
      "dest_url",
      "destination_endpoint_ip",
      "endpoint",
      "endpoint_address",
      "kafka_endpoint",
      "mirror_multi_alternate_url",
      "mirror_url",
      "mirror_url_slave",
      "oss_endpoint",
      "oversized_data_oss_target_arn",
      "pop_location",
      "service_location",
      "source_endpoint_ip",
      "location",
      // Regions and zones under names that do not say so.
      "area_id",
      "az",
      "cluster_zone_id", // StarRocks, in providers after 1.247.0
      // Destinations: a service sends data, alerts or requests there; a URL that is not a mainland Alibaba
      // Cloud endpoint is an unknown destination.
      "arn",
      "artifact_uri",
      "callback",
      "callback_url",
      "channels_ding_web_hook",
      "db_url",
      "destination",
      "ding_robot_webhook_url",
      "function_arn",
      "function_base_url",
      "mount_host",
      "netflow_server_ip",
      "nfs_volume_server",
      "notification_arn",
      "notification_urls",
      "prometheus_url",
      "proxy_host",
      "robot_addr",
      "server_addr",
      "server_url",
      "service_uri",
      "side_output_url",
      "side_output_url_list",
      "standby_server",
      "trigger_arn",
      "url",
      "web_hook",
      "webhook",
    ].map((name) => [name, "place" as PlaceForm]),
  ),
  remote_write_yaml: "remote-write-yaml",
  cbn_geographic_region_ida: "geo",
  cbn_geographic_region_idb: "geo",
  geographic_region_a_id: "geo",
  geographic_region_b_id: "geo",
  geographic_region_ids: "geo",
  scope: "cdn-scope",
};

/** Type-specific attributes: a place position here, whatever the name means elsewhere. */
export const COVERED_PATHS: Readonly<Record<string, Readonly<Record<string, PlaceForm>>>> = {
  // Requests, with whatever data they carry, are forwarded to a backend or an origin.
  alicloud_api_gateway_api: { "http_service_config.address": "place" },
  alicloud_esa_origin_pool: { "origins.address": "place" },
  // The bastion host sends users' names and passwords to its directory servers.
  ...Object.fromEntries(
    ["alicloud_bastionhost_instance", "alicloud_yundun_bastionhost_instance"].map((type) => [
      type,
      { "ad_auth_server.server": "place", "ldap_auth_server.server": "place" } as const,
    ]),
  ),
  // Where a PAI dataset's data is kept (`oss://bucket.oss-cn-hangzhou.aliyuncs.com/path`).
  alicloud_pai_workspace_dataset: { uri: "place" },
  alicloud_pai_workspace_datasetversion: { uri: "place" },
  // ActionTrail delivers every audited event to these, in whatever region they are.
  ...Object.fromEntries(
    ["alicloud_actiontrail", "alicloud_actiontrail_trail"].map((type) => [
      type,
      { sls_project_arn: "place", mns_topic_arn: "place", oss_bucket_name: "oss-bucket" } as const,
    ]),
  ),
};

const NOT_A_PLACE =
  "a name, description, ID of a resource whose own placement is checked, a flag, a number or an enum";
const DTS_DETAIL =
  "a detail of a DTS endpoint whose region (`*_endpoint_region`) and address (`*_endpoint_ip`) are checked";
const SETTINGS_SCOPE = "a scope of settings or of audited resources, not a place where data is kept";

/** Attribute names that look like places but are not, each with the reason. */
export const EXCLUDED_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      "basic_endpoint_group_name",
      "basic_endpoint_name",
      "custom_routing_endpoint_group_name",
      "db_endpoint_description",
      "db_endpoint_id",
      "db_instance_endpoint_description",
      "db_instance_endpoint_id",
      "db_proxy_endpoint_read_write_mode",
      "endpoint_config",
      "endpoint_description",
      "endpoint_enabled",
      "endpoint_group_id",
      "endpoint_group_type",
      "endpoint_id",
      "endpoint_name",
      "endpoint_port",
      "endpoint_protocol_version",
      "endpoint_public_access_enabled",
      "endpoint_request_protocol",
      "endpoint_sub_address_type",
      "endpoint_type",
      "enable_cross_region_copy",
      "gateway_endpoint_descrption",
      "gateway_endpoint_id",
      "gateway_endpoint_name",
      "http_endpoint",
      "inter_region_traffic_qos_policy_description",
      "inter_region_traffic_qos_policy_name",
      "inter_region_traffic_qos_queue_description",
      "inter_region_traffic_qos_queue_name",
      "ipam_scope_description",
      "ipam_scope_id",
      "ipam_scope_name",
      "ipam_scope_type",
      "traffic_to_endpoint_policy",
      "vpc_endpoint_name",
      "zone_affinity_enabled",
      "zone_count",
      "zone_private_ip_address_count",
      "cross_zone_enabled",
      "private_zone",
      "data_level2_backup_another_region_retention_period",
      "log_backup_another_region_retention_period",
      "schedule_area_level",
      "multi_az_policy",
      "az_balance",
    ].map((name) => [name, NOT_A_PLACE]),
  ),
  ...Object.fromEntries(
    [
      "destination_endpoint_database_name",
      "destination_endpoint_engine_name",
      "destination_endpoint_instance_id",
      "destination_endpoint_instance_type",
      "destination_endpoint_oracle_sid",
      "destination_endpoint_owner_id",
      "destination_endpoint_password",
      "destination_endpoint_port",
      "destination_endpoint_role",
      "destination_endpoint_user_name",
      "source_endpoint_database_name",
      "source_endpoint_engine_name",
      "source_endpoint_instance_id",
      "source_endpoint_instance_type",
      "source_endpoint_oracle_sid",
      "source_endpoint_owner_id",
      "source_endpoint_password",
      "source_endpoint_port",
      "source_endpoint_role",
      "source_endpoint_sid",
      "source_endpoint_user_name",
      "source_endpoint_vswitch_id",
    ].map((name) => [name, DTS_DETAIL]),
  ),
  ...Object.fromEntries(
    [
      "region_ids_scope",
      "exclude_region_ids_scope",
      "resource_group_ids_scope",
      "exclude_resource_group_ids_scope",
      "resource_ids_scope",
      "exclude_resource_ids_scope",
      "resource_types_scope",
      "exclude_resource_types_scope",
      "scope_compliance_resource_types",
      "tag_key_scope",
      "tag_value_scope",
      "auto_grouping_scope_condition",
      "config_scope",
      "effect_scope",
      "scope_type",
      "scope_value",
      "sync_scope",
      "transit_route_table_aggregation_scope",
      "transit_route_table_aggregation_scope_list",
      "trail_region",
    ].map((name) => [name, SETTINGS_SCOPE]),
  ),
  time_zone: "a clock time zone, not a place",
  db_time_zone: "a clock time zone, not a place",
  default_time_zone: "a clock time zone, not a place",
  zone_name: "a DNS zone name, not a place",
  public_zone_name: "a DNS zone name, not a place",
  cn_region_list: "a WAF match condition on where requests come from, not where data goes",
  other_region_list: "a WAF match condition on where requests come from, not where data goes",
  region_block_country_list: "a DDoS blocking list of request origins, not where data goes",
  region_block_province_list: "a DDoS blocking list of request origins, not where data goes",
  user_geo: "a cache rule condition on where requests come from, not where data goes",
  target_url:
    "a URL that synthetic monitoring probes or a redirect sends clients to; no stored data goes there",
  mirror_url_probe: "a path probed on the mirror origin, whose host `mirror_url` is checked",
  endpoint_sub_address: "an address inside the endpoint whose `endpoint_address` is checked",
  dest_role_arn: "a RAM role, a global identity that holds no data",
  delivery_channel_assume_role_arn: "a RAM role, a global identity that holds no data",
  hpn_zone: "a high-performance network segment inside the node's zone, which `zone` checks",
  multi_zone_combination:
    "a zone combination ID inside the instance's region; its zones are checked by `*_zone_id`",
  logical_region_id: "an EDAS namespace (`region:namespace`) inside the application's provider region",
  peer_location: "the free-text street address of the customer's own data center",
  php_arms_config_location: "a file path inside the container",
  php_config_location: "a file path inside the container",
  skip_region_validation: "a provider switch; the provider's `region` itself is checked",
};

const NETWORK_ADDRESS =
  "an IP address, CIDR or port inside the network configuration of a resource whose own placement is checked";
const RAM_IDENTITY = "a RAM role, user or identity provider: a global identity that holds no data";
const PROBED =
  "an address that is probed or health-checked, or a condition on requests; no data is sent there";
const READ_FROM =
  "a source the service reads from (a template, package, image, script or token issuer): import is not export";
const DETAIL = "a name, path, condition or setting of a resource whose own placement is checked";

/**
 * Candidates that are no place position, but whose value may still name a place by its shape: read in the
 * value form, like every argument no list names, each with the reason it is not a place position.
 */
export const VALUE_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      "address",
      "address_list",
      "backend_servers",
      "destination_cidr_block",
      "destination_cidr_blocks",
      "destination_cidr_ip",
      "destination_cidrblock",
      "dns_address",
      "group_ip_address",
      "health_check_target_ip",
      "host_addr",
      "host_private_address",
      "host_public_address",
      "intranet_address",
      "ip_address",
      "ipv6_address",
      "peer_ip_address",
      "primary_ip_address",
      "private_ip_address",
      "private_ipv4_address",
      "remote_addr",
      "remote_subnet",
      "server_ip",
      "sub_address",
      "sub_domain_dns_address",
      "transit_router_route_entry_destination_cidr_block",
    ].map((name) => [name, NETWORK_ADDRESS]),
  ),
  ...Object.fromEntries(
    [
      "acr_assume_role_arn",
      "arn_role",
      "log_read_role_arn",
      "oidc_provider_arn",
      "oss_write_role_arn",
      "role_arn",
      "sls_write_role_arn",
      "sse_role_arn",
      "user_arn",
    ].map((name) => [name, RAM_IDENTITY]),
  ),
  ...Object.fromEntries(
    [
      "check_url",
      "health_check_host",
      "health_check_uri",
      "health_check_url",
      "http_get_url",
      "ns_server",
      "target",
    ].map((name) => [name, PROBED]),
  ),
  ...Object.fromEntries(
    [
      "cover_url",
      "credentials_uri",
      "custom_prometheus_url",
      "hadoop_hosts_address",
      "image_url",
      "input_file_url",
      "issuer_uri",
      "issuer_url",
      "package_url",
      "server",
      "source_arn",
      "source_url",
      "stack_policy_during_update_url",
      "stack_policy_url",
      "template_url",
      "urgent_image_url",
      "urgent_live_stream_url",
      "war_url",
    ].map((name) => [name, READ_FROM]),
  ),
  ...Object.fromEntries(
    [
      "computing_server",
      "custom_host_alias",
      "custom_page_url",
      "dead_letter_target_queue",
      "dead_letter_target_topic",
      "execution_target",
      "host",
      "mount_target",
      "mount_target_domain",
      "origin_host",
      "remote_database",
      "remote_directory",
      "reply_address",
      "sni_host",
      "target_bucket",
      "uri",
      "use_body_encoding_for_uri",
    ].map((name) => [name, DETAIL]),
  ),
};

/** Type-specific candidates read in the value form: the name is a place position elsewhere, but not here. */
export const VALUE_PATHS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ...Object.fromEntries(
    [
      "alicloud_cloud_firewall_control_policy",
      "alicloud_cloud_firewall_nat_firewall_control_policy",
      "alicloud_cloud_firewall_vpc_firewall_control_policy",
    ].map((type) => [type, { destination: "a firewall rule's match condition on where traffic goes" }]),
  ),
  alicloud_ehpc_cluster: { "post_install_script.url": READ_FROM },
  alicloud_slb_rule: { url: "a URL path that the forwarding rule matches" },
};

const CONFIG_RULE_PARAMETERS =
  "the parameters of a Cloud Config rule (such as the regions it allows): what it audits, not where data goes";

/** Type-specific exclusions: the same name means a place elsewhere but not here. */
export const EXCLUDED_PATHS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  alicloud_config_aggregate_config_rule: { input_parameters: CONFIG_RULE_PARAMETERS },
  alicloud_config_rule: { input_parameters: CONFIG_RULE_PARAMETERS },
  alicloud_cloud_storage_gateway_gateway: {
    location: "`On_Premise` or `Cloud`: where the gateway runs, in the provider's region",
  },
  alicloud_ehpc_cluster: { "additional_volumes.location": "a mount path inside the cluster" },
  alicloud_resource_manager_control_policy: {
    policy_document:
      "a control policy only restricts what may be done: the regions it names are those it denies",
  },
  alicloud_reserved_instance: { scope: "`Region` or `Zone`: how a reservation applies, not a place" },
  // One name, two meanings: PrivateZone's `zone_id` is a DNS zone, not an availability zone.
  alicloud_pvtz_zone_attachment: { zone_id: "the PrivateZone DNS zone attached, not an availability zone" },
  alicloud_pvtz_zone_record: { zone_id: "the PrivateZone DNS zone of the record, not an availability zone" },
};

/** Provider attributes the provider rules check (`region`, endpoint overrides). */
export const PROVIDER_LOCATION_ATTRIBUTES: ReadonlySet<string> = new Set([
  "region",
  "log_endpoint",
  "mns_endpoint",
  "endpoints.location",
]);

/** The classification of one attribute: its place form, the reason it is excluded, or nothing. */
export type AttributeClass = { readonly form: PlaceForm } | { readonly excluded: string } | undefined;

// Maps, not the objects above, for lookups: a key such as `constructor` must not find Object.prototype.
// Classifications are built once, not per attribute visited: the walk over 10,000 resources allocates none.
const VALUE_CLASS: AttributeClass = { form: "value" };
const classByName = new Map<string, AttributeClass>([
  ...Object.entries(EXCLUDED_NAMES).map(([name, excluded]) => [name, { excluded }] as const),
  ...Object.keys(VALUE_NAMES).map((name) => [name, VALUE_CLASS] as const),
  ...Object.entries(COVERED_NAMES).map(([name, form]) => [name, { form }] as const),
]);
const pathsByType = new Map(
  [
    ...new Set([...Object.keys(COVERED_PATHS), ...Object.keys(VALUE_PATHS), ...Object.keys(EXCLUDED_PATHS)]),
  ].map((type) => [
    type,
    new Map<string, AttributeClass>([
      ...Object.entries(EXCLUDED_PATHS[type] ?? {}).map(([path, excluded]) => [path, { excluded }] as const),
      ...Object.keys(VALUE_PATHS[type] ?? {}).map((path) => [path, VALUE_CLASS] as const),
      ...Object.entries(COVERED_PATHS[type] ?? {}).map(([path, form]) => [path, { form }] as const),
    ]),
  ]),
);

/** How the attribute `name` (at `path` in a `type` resource) is classified: a form, an exclusion, or nothing. */
export function classifyAttribute(type: string, path: string, name: string): AttributeClass {
  return attributeClassifier(type)(path, name);
}

/** Classifies the attributes of one resource type, by path and name as `classifyAttribute` does. */
export type AttributeClassifier = (path: string, name: string) => AttributeClass;

const classifyByName: AttributeClassifier = (_path, name) => classByName.get(name);

/**
 * The classifier of a resource type's attributes, looked up once per resource rather than once for each of
 * its attributes: most types have no path of their own, and theirs is classified by name alone.
 */
export function attributeClassifier(type: string): AttributeClassifier {
  const paths = pathsByType.get(type);
  return paths === undefined ? classifyByName : (path, name) => paths.get(path) ?? classByName.get(name);
}

/** True for a place position: an attribute RES-LOCATION-ATTRIBUTE checks in its place form. */
export function isPlacePosition(type: string, path: string, name: string): boolean {
  const classified = classifyAttribute(type, path, name);
  return classified !== undefined && "form" in classified && classified.form !== "value";
}
