import { readFileSync } from "fs";
import * as path from "path";
import {
  classifyAttribute,
  COVERED_NAMES,
  EXCLUDED_NAMES,
  isPlacePosition,
  PROVIDER_LOCATION_ATTRIBUTES,
  VALUE_NAMES,
} from "../../../policies/catalog/location-attributes";
import { LOCATION_BLOCKS } from "../../../policies/catalog/location-blocks";
import {
  deriveLocationBlocks,
  deriveLocationCandidates,
  renderLocationBlocks,
} from "../../../policies/catalog/location-candidates";

const SCHEMA_SOURCE = "../shared/provider-schemas/aliyun-alicloud-1.247.0.json";
const SCHEMA = path.join(__dirname, "../../..", SCHEMA_SOURCE);
const BLOCKS_FILE = path.join(__dirname, "../../../policies/catalog/location-blocks.ts");

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
      .filter(
        ({ type, path: attributePath, name }) =>
          !(type === "provider" && PROVIDER_LOCATION_ATTRIBUTES.has(attributePath)) &&
          classifyAttribute(type, attributePath, name) === undefined,
      )
      .map(({ type, path: attributePath }) => `${type}:${attributePath}`);
    expect(unclassified).toEqual([]);
  });

  it("classifies each name once, and gives every exclusion and every value-read name a reason", () => {
    const lists = [Object.keys(COVERED_NAMES), Object.keys(EXCLUDED_NAMES), Object.keys(VALUE_NAMES)];
    const all = lists.flat();
    expect(all.filter((name, index) => all.indexOf(name) !== index)).toEqual([]);
    const reasons = [...Object.values(EXCLUDED_NAMES), ...Object.values(VALUE_NAMES)];
    expect(reasons.filter((reason) => reason.length < 20)).toEqual([]);
  });

  it("finds the destinations of issue 11 among the candidates, as place positions", () => {
    const positions = [
      ["alicloud_cms_alarm", "webhook"],
      ["alicloud_arms_alert_robot", "robot_addr"],
      ["alicloud_aligreen_callback", "callback_url"],
      ["alicloud_msc_sub_webhook", "server_url"],
      ["alicloud_cms_event_rule", "webhook_parameters.url"],
      ["alicloud_ess_notification", "notification_arn"],
      ["alicloud_cms_alarm", "targets.arn"],
      ["alicloud_fc_function_async_invoke_config", "destination_config.on_failure.destination"],
      ["alicloud_pai_workspace_experiment", "artifact_uri"],
      ["alicloud_arms_remote_write", "remote_write_yaml"],
      ["alicloud_api_gateway_api", "http_service_config.address"],
      ["alicloud_bp_studio_application", "area_id"],
      ["alicloud_eflo_node_group", "az"],
    ] as const;
    for (const [type, attributePath] of positions) {
      const name = attributePath.split(".").at(-1) as string;
      expect(candidates).toContainEqual({ type, path: attributePath, name });
      expect([type, attributePath, isPlacePosition(type, attributePath, name)]).toEqual([
        type,
        attributePath,
        true,
      ]);
    }
  });

  it("reads PrivateZone's zone_id as a DNS zone, and an availability zone's zone_id as a place", () => {
    expect(classifyAttribute("alicloud_pvtz_zone_record", "zone_id", "zone_id")).toMatchObject({
      excluded: expect.stringContaining("DNS zone"),
    });
    expect(isPlacePosition("alicloud_pvtz_endpoint", "ip_configs.zone_id", "zone_id")).toBe(true);
    expect(isPlacePosition("alicloud_vswitch", "zone_id", "zone_id")).toBe(true);
  });

  it("reads a RAM role ARN, a health check and a firewall match by their values' shape, not as place positions", () => {
    expect(classifyAttribute("alicloud_log_etl", "role_arn", "role_arn")).toEqual({ form: "value" });
    expect(classifyAttribute("alicloud_slb_listener", "health_check_uri", "health_check_uri")).toEqual({
      form: "value",
    });
    expect(classifyAttribute("alicloud_cloud_firewall_control_policy", "destination", "destination")).toEqual(
      { form: "value" },
    );
    expect(isPlacePosition("alicloud_cloud_firewall_control_policy", "destination", "destination")).toBe(
      false,
    );
  });

  it("does not look names up on Object.prototype", () => {
    expect(classifyAttribute("alicloud_vpc", "constructor", "constructor")).toBeUndefined();
  });
});

describe("location blocks", () => {
  const derived = deriveLocationBlocks(
    JSON.parse(readFileSync(SCHEMA, "utf8")),
    "registry.terraform.io/aliyun/alicloud",
    isPlacePosition,
  );

  it("is the generated file, not stale: run node scripts/derive-location-attributes.mjs --write", () => {
    expect(readFileSync(BLOCKS_FILE, "utf8")).toBe(renderLocationBlocks(derived, SCHEMA_SOURCE));
  });

  it("lays long entries out one path a line, as Prettier does", () => {
    const long = { alicloud_x: Array.from({ length: 12 }, (_, index) => `block_${index}`) };
    expect(renderLocationBlocks(long, "s").split("\n")).toContain('    "block_0",');
    expect(renderLocationBlocks({ alicloud_y: ["b", "a"] }, "s")).toContain('  alicloud_y: ["a", "b"],');
  });

  it("lists exactly the nested blocks that hold a covered location attribute", () => {
    const sorted = (table: Readonly<Record<string, readonly string[]>>) =>
      Object.fromEntries(Object.entries(table).map(([type, paths]) => [type, [...paths].sort()]));
    expect(sorted(LOCATION_BLOCKS)).toEqual(sorted(derived));
    expect(LOCATION_BLOCKS.alicloud_oss_bucket_replication).toEqual(["destination"]);
  });
});
