import * as fs from "fs";
import * as path from "path";

/** The stack name of every generated configuration. */
export const BENCH_STACK = "bench";

export type Body = Record<string, unknown>;

export interface Resource {
  readonly type: string;
  readonly name: string;
  readonly body: Body;
}

const PI = { "data-class": "personal-information" };

/**
 * A bucket of personal information as ResidentBucket builds it: private, versioned, logging into itself, under
 * its class's key, and a policy (JSON.stringify of references, as CDKTF writes it) that denies requests from
 * outside the VPC.
 */
function residentBucket(bucket: string, key: string, vpc: string): Body {
  const objects = `acs:oss:*:*:${bucket}/*`;
  return {
    bucket,
    acl: "private",
    versioning: { status: "Enabled" },
    logging: { target_bucket: bucket, target_prefix: "access/" },
    server_side_encryption_rule: { sse_algorithm: "KMS", kms_master_key_id: key },
    policy: JSON.stringify({
      Version: "1",
      Statement: [
        {
          Effect: "Deny",
          Principal: ["*"],
          Action: ["oss:*"],
          Resource: [objects],
          Condition: { StringNotEquals: { "acs:SourceVpc": [vpc] } },
        },
      ],
    }),
    tags: PI,
  };
}

/**
 * One landing zone of a realistic mainland deployment: network in two Shanghai zones, a KMS key, a KMS key per region,
 * a bucket of personal information replicated to its twin in the DR region (through the `dr` alias), RDS, SLS,
 * ECS, NAT: secure by the security pack too, as the stacks are.
 */
export function landingZone(i: number): Resource[] {
  const ref = (type: string, name: string, attribute: string): string =>
    `\${${type}.${name}_${i}.${attribute}}`;
  const cidr = (third: number): string => `10.${i % 250}.${third}.0/24`;
  return [
    { type: "alicloud_vpc", name: "vpc", body: { vpc_name: `vpc-${i}`, cidr_block: `10.${i % 250}.0.0/16` } },
    {
      type: "alicloud_vswitch",
      name: "vsw_b",
      body: { vpc_id: ref("alicloud_vpc", "vpc", "id"), cidr_block: cidr(1), zone_id: "${local.zone_b}" },
    },
    {
      type: "alicloud_vswitch",
      name: "vsw_g",
      body: { vpc_id: ref("alicloud_vpc", "vpc", "id"), cidr_block: cidr(2), zone_id: "cn-shanghai-g" },
    },
    {
      type: "alicloud_kms_key",
      name: "key",
      body: {
        description: `data key ${i}`,
        automatic_rotation: "Enabled",
        rotation_interval: "365d",
        tags: PI,
      },
    },
    {
      type: "alicloud_kms_key",
      name: "dr_key",
      body: {
        provider: "alicloud.dr",
        description: `DR data key ${i}`,
        automatic_rotation: "Enabled",
        rotation_interval: "365d",
        tags: PI,
      },
    },
    {
      type: "alicloud_oss_bucket",
      name: "data",
      body: residentBucket(
        `data-${i}`,
        ref("alicloud_kms_key", "key", "id"),
        ref("alicloud_vpc", "vpc", "id"),
      ),
    },
    {
      type: "alicloud_oss_bucket",
      name: "dr",
      body: {
        provider: "alicloud.dr",
        ...residentBucket(
          `data-dr-${i}`,
          ref("alicloud_kms_key", "dr_key", "id"),
          ref("alicloud_vpc", "vpc", "id"),
        ),
      },
    },
    {
      type: "alicloud_oss_bucket_replication",
      name: "replication",
      body: {
        bucket: ref("alicloud_oss_bucket", "data", "bucket"),
        action: "ALL",
        destination: {
          bucket: ref("alicloud_oss_bucket", "dr", "bucket"),
          location: "oss-${local.dr_region}",
        },
        encryption_configuration: { replica_kms_key_id: ref("alicloud_kms_key", "dr_key", "id") },
      },
    },
    {
      type: "alicloud_db_instance",
      name: "db",
      body: {
        engine: "MySQL",
        engine_version: "8.0",
        instance_type: "mysql.n2.medium.2c",
        instance_storage: 50,
        zone_id: "${local.zone_b}",
        vswitch_id: ref("alicloud_vswitch", "vsw_b", "id"),
        security_ips: [cidr(1)],
        ssl_action: "Open",
        tde_status: "Enabled",
        encryption_key: ref("alicloud_kms_key", "key", "id"),
        auto_upgrade_minor_version: "Auto",
        sql_collector_status: "Enabled",
        sql_collector_config_value: 180,
        tags: PI,
      },
    },
    { type: "alicloud_log_project", name: "logs", body: { project_name: `audit-logs-${i}` } },
    { type: "alicloud_security_group", name: "sg", body: { vpc_id: ref("alicloud_vpc", "vpc", "id") } },
    {
      type: "alicloud_instance",
      name: "ecs",
      body: {
        instance_type: "ecs.g7.large",
        image_id: "aliyun_3_x64_20G_alibase_20240819.vhd",
        availability_zone: "cn-shanghai-g",
        vswitch_id: ref("alicloud_vswitch", "vsw_g", "id"),
        security_groups: [ref("alicloud_security_group", "sg", "id")],
      },
    },
    {
      type: "alicloud_nat_gateway",
      name: "nat",
      body: {
        vpc_id: ref("alicloud_vpc", "vpc", "id"),
        vswitch_id: ref("alicloud_vswitch", "vsw_g", "id"),
        nat_type: "Enhanced",
      },
    },
  ].map((resource) => ({ ...resource, name: `${resource.name}_${i}` }));
}

/**
 * Terraform JSON in the shape CDKTF synthesizes (`//` metadata with construct paths), with exactly
 * `resourceCount` resources, all in mainland China: landing zones of thirteen resources, the last one cut short.
 */
export function generateConfiguration(resourceCount: number): Body {
  const resource: Record<string, Record<string, Body>> = {};
  for (let zone = 0, emitted = 0; emitted < resourceCount; zone++) {
    for (const { type, name, body } of landingZone(zone).slice(0, resourceCount - emitted)) {
      resource[type] ??= {};
      resource[type][name] = {
        ...body,
        "//": { metadata: { path: `${BENCH_STACK}/${name}`, uniqueId: name } },
      };
      emitted++;
    }
  }
  return {
    "//": { metadata: { backend: "oss", stackName: BENCH_STACK, version: "0.21.0" } },
    terraform: {
      required_providers: { alicloud: { source: "aliyun/alicloud", version: "1.247.0" } },
      backend: {
        oss: {
          bucket: "bench-tfstate",
          prefix: BENCH_STACK,
          key: "terraform.tfstate",
          region: "cn-shanghai",
        },
      },
    },
    locals: { home_region: "cn-shanghai", dr_region: "cn-hangzhou", zone_b: "cn-shanghai-b" },
    provider: { alicloud: [{ region: "${local.home_region}" }, { alias: "dr", region: "cn-hangzhou" }] },
    resource,
  };
}

/** Writes `<dir>/<size>/cdk.tf.json` for each size and returns the file paths, in the order of `sizes`. */
export function writeConfigurations(dir: string, sizes: readonly number[]): string[] {
  return sizes.map((size) => {
    const file = path.join(dir, String(size), "cdk.tf.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(generateConfiguration(size), null, 2));
    return file;
  });
}
