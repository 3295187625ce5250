import { readFileSync } from "node:fs";
import { PACKS } from "../../policies/packs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { checkStacks } from "../../policies/engine/check";
import { readStack } from "../../policies/engine/model";
import { DEFAULT_CONFIG } from "../../stacks/config";
import type { DataCenterConfig } from "../../stacks/config";
import { buildDataCenter } from "../../stacks/data-center";
import type { DataCenter } from "../../stacks/data-center";

type Block = Record<string, unknown> & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Synthesized = Record<keyof DataCenter, Block>;

/** Synthesizes the whole app, as `cdktf synth` does (guard included, cross-stack references wired), and reads each stack. */
function synthAll(config: DataCenterConfig): Synthesized {
  const app = Testing.app();
  const dataCenter = buildDataCenter(app, config);
  app.synth();
  return Object.fromEntries(
    Object.keys(dataCenter).map((name) => [
      name,
      JSON.parse(readFileSync(join(app.outdir, "stacks", name, "cdk.tf.json"), "utf8")) as Block,
    ]),
  ) as Synthesized;
}

function resourcesOf(stack: Block, type: string): Block[] {
  return Object.values((stack.resource?.[type] ?? {}) as Record<string, Block>);
}

let synthesized: Synthesized;

beforeAll(() => {
  synthesized = synthAll(DEFAULT_CONFIG);
});

describe("every stack", () => {
  it.each(["state", "network", "keys", "storage", "audit"] as const)("%s matches its snapshot", (name) => {
    expect(synthesized[name]).toMatchSnapshot();
  });

  it("sets an explicit mainland region on every provider: cn-shanghai by default, the DR region on the dr alias", () => {
    for (const stack of Object.values(synthesized)) {
      const providers = stack.provider.alicloud as Block[];
      expect(providers.find((each) => each.alias === undefined)?.region).toBe("cn-shanghai");
      for (const alias of providers.filter((each) => each.alias !== undefined)) {
        expect(alias).toEqual({ alias: "dr", region: "cn-beijing" });
      }
      expect(JSON.stringify(stack.provider)).not.toMatch(/access_key|secret_key|security_token/);
    }
  });

  it("encrypts every bucket of every stack with a CMK, never the KMS default key", () => {
    const buckets = Object.values(synthesized).flatMap((stack) => resourcesOf(stack, "alicloud_oss_bucket"));
    expect(buckets).toHaveLength(8);
    for (const bucket of buckets) {
      expect(bucket.server_side_encryption_rule).toEqual({
        sse_algorithm: "KMS",
        kms_master_key_id: expect.stringMatching(/alicloud_kms_key/),
      });
    }
  });

  it("keeps local state in the project root, by a path relative to the stack directory, by default", () => {
    expect(synthesized.network.terraform.backend).toEqual({
      local: { path: "../../../terraform.network.tfstate" },
    });
    expect(synthesized.audit.data.terraform_remote_state["cross-stack-reference-input-keys"].config).toEqual({
      path: "../../../terraform.keys.tfstate",
    });
  });

  it("passes the residency engine, all stacks read together", () => {
    const models = Object.entries(synthesized).map(([name, stack]) => readStack(stack, `${name}.json`, name));
    const report = checkStacks(models, { packs: PACKS.all });
    expect(report.findings).toEqual([]);
    expect(report.summary.stacks).toBe(5);
  });
});

/** The resources of a type created through the provider configuration (`alicloud` is the default). */
function resourcesWithProvider(stack: Block, type: string, provider: string): Block[] {
  return resourcesOf(stack, type).filter((each) => (each.provider ?? "alicloud") === provider);
}

/** The services a RAM role's trust policy lets assume it (the document is a jsonencode of an object). */
function trustedServices(role: Block | undefined): unknown {
  const document = /^\$\{jsonencode\((.*)\)\}$/s.exec(role?.document ?? "")?.[1] ?? "";
  return [...document.matchAll(/"Service" = \[([^\]]*)\]/g)].flatMap((match) =>
    [...match[1].matchAll(/"([^"]+)"/g)].map((service) => service[1]),
  );
}

describe("network", () => {
  it("puts the home vSwitches in two distinct cn-shanghai zones and the DR vSwitches in two cn-beijing zones", () => {
    const zonesThrough = (provider: string): string[] =>
      resourcesWithProvider(synthesized.network, "alicloud_vswitch", provider).map(
        (each) => each.zone_id as string,
      );
    expect(new Set(zonesThrough("alicloud")).size).toBeGreaterThanOrEqual(2);
    zonesThrough("alicloud").forEach((zone) => expect(zone).toMatch(/^cn-shanghai-[a-z]$/));
    expect(new Set(zonesThrough("alicloud.dr")).size).toBeGreaterThanOrEqual(2);
    zonesThrough("alicloud.dr").forEach((zone) => expect(zone).toMatch(/^cn-beijing-[a-z]$/));
  });

  it("denies by default; only the home VPC leaves, through the NAT gateway; both log flows in their region", () => {
    for (const group of resourcesOf(synthesized.network, "alicloud_security_group")) {
      expect(group).toMatchObject({ security_group_type: "enterprise", inner_access_policy: "Drop" });
    }
    const rulesThrough = (provider: string) =>
      resourcesWithProvider(synthesized.network, "alicloud_security_group_rule", provider).map((rule) => [
        rule.type,
        rule.port_range,
        rule.cidr_ip,
      ]);
    expect(rulesThrough("alicloud")).toEqual([
      ["ingress", "443/443", "10.20.0.0/16"],
      ["egress", "443/443", "0.0.0.0/0"],
    ]);
    expect(rulesThrough("alicloud.dr")).toEqual([["ingress", "443/443", "10.30.0.0/16"]]);
    expect(resourcesOf(synthesized.network, "alicloud_nat_gateway").map((nat) => nat.provider)).toEqual([
      undefined,
    ]);
    expect(resourcesOf(synthesized.network, "alicloud_snat_entry")).toHaveLength(2);
    for (const provider of ["alicloud", "alicloud.dr"]) {
      const [flowLog] = resourcesWithProvider(synthesized.network, "alicloud_vpc_flow_log", provider);
      expect(flowLog).toMatchObject({ traffic_type: "All", resource_type: "VPC" });
      expect(resourcesWithProvider(synthesized.network, "alicloud_log_project", provider)).toHaveLength(1);
      const [store] = resourcesWithProvider(synthesized.network, "alicloud_log_store", provider);
      expect(store.encrypt_conf).toEqual({ enable: true, encrypt_type: "default" });
    }
  });
});

describe("keys", () => {
  it("rotates, protects and delays deletion of every key", () => {
    const keys = resourcesOf(synthesized.keys, "alicloud_kms_key");
    expect(keys).toHaveLength(6);
    for (const key of keys) {
      expect(key).toMatchObject({
        automatic_rotation: "Enabled",
        rotation_interval: "31536000s",
        deletion_protection: "Enabled",
        pending_window_in_days: 30,
        key_spec: "Aliyun_AES_256",
      });
    }
    expect(resourcesOf(synthesized.keys, "alicloud_kms_alias")).toHaveLength(6);
  });

  it("keeps each region's keys in a KMS instance in that region's data-center VPC", () => {
    const instances = synthesized.keys.resource.alicloud_kms_instance as Record<string, Block>;
    const instanceOf = (provider: string): [string, Block] => {
      const found = Object.entries(instances).filter(
        ([, each]) => (each.provider ?? "alicloud") === provider,
      );
      expect(found).toHaveLength(1);
      return found[0] as [string, Block];
    };
    for (const [provider, vpc, zones] of [
      ["alicloud", /home-network_vpc/, ["cn-shanghai-e", "cn-shanghai-f"]],
      ["alicloud.dr", /dr-network_vpc/, ["cn-beijing-h", "cn-beijing-i"]],
    ] as const) {
      const [name, instance] = instanceOf(provider);
      expect(instance).toMatchObject({
        product_version: "3",
        payment_type: "PayAsYouGo",
        force_delete_without_backup: "false",
      });
      expect(instance.vpc_id).toMatch(vpc);
      expect(instance.zone_ids).toEqual(zones);
      expect(instance.vswitch_ids).toHaveLength(2);
      const keys = resourcesWithProvider(synthesized.keys, "alicloud_kms_key", provider);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(key.dkms_instance_id).toBe(`\${alicloud_kms_instance.${name}.id}`);
    }
  });

  it("creates a key per data class in the DR region through the dr alias", () => {
    const drKeys = resourcesWithProvider(synthesized.keys, "alicloud_kms_key", "alicloud.dr");
    expect(drKeys.map((key) => key.tags["data-class"]).sort()).toEqual([
      "important-data",
      "operational-logs",
      "personal-information",
    ]);
  });
});

describe("storage", () => {
  const buckets = (): Block[] => resourcesOf(synthesized.storage, "alicloud_oss_bucket");

  it("keeps every bucket private, SSE-KMS encrypted, versioned, with noncurrent versions expiring and HTTPS only", () => {
    expect(buckets()).toHaveLength(6);
    for (const bucket of buckets()) {
      expect(bucket.acl).toBe("private");
      expect(bucket.server_side_encryption_rule.sse_algorithm).toBe("KMS");
      expect(bucket.versioning).toEqual({ status: "Enabled" });
      expect(bucket.lifecycle_rule[0].noncurrent_version_expiration).toEqual([{ days: 90 }]);
      expect(bucket.policy).toContain("acs:SecureTransport");
    }
    expect(resourcesOf(synthesized.storage, "alicloud_oss_bucket_public_access_block")).toHaveLength(6);
    for (const block of resourcesOf(synthesized.storage, "alicloud_oss_bucket_public_access_block")) {
      expect(block.block_public_access).toBe(true);
    }
    const accountBlocks = resourcesOf(synthesized.storage, "alicloud_oss_account_public_access_block");
    expect(accountBlocks.map((block) => block.block_public_access)).toEqual([true]);
  });

  it("encrypts each data bucket with its class's key from the keys stack and logs access", () => {
    const personal = buckets().find((bucket) => bucket.bucket === "sh-dc-prod-personal-information");
    expect(personal?.server_side_encryption_rule.kms_master_key_id).toMatch(
      /cross-stack-output-alicloud_kms_keyhome-personal-information_key/,
    );
    expect(personal?.logging.target_bucket).toMatch(/^\$\{alicloud_oss_bucket\.access-logs_bucket_/);
  });

  it("encrypts every bucket with a CMK of its own region, the DR access logs with the DR logs key", () => {
    for (const bucket of buckets()) {
      const key = bucket.server_side_encryption_rule.kms_master_key_id as string;
      expect(key).toMatch(
        bucket.provider === "alicloud.dr" ? /alicloud_kms_keydr-/ : /alicloud_kms_keyhome-/,
      );
    }
    const drLogs = buckets().find((bucket) => bucket.bucket === "sh-dc-prod-dr-access-logs");
    expect(drLogs?.server_side_encryption_rule.kms_master_key_id).toMatch(/keydr-operational-logs_key/);
  });

  it("replicates personal information and important data to the DR region, encrypted with the DR key", () => {
    const replications = resourcesOf(synthesized.storage, "alicloud_oss_bucket_replication");
    expect(replications).toHaveLength(2);
    const drBuckets = Object.entries(
      synthesized.storage.resource.alicloud_oss_bucket as Record<string, Block>,
    );
    for (const replication of replications) {
      const target = /^\$\{alicloud_oss_bucket\.([^.]+)\.location\}$/.exec(
        replication.destination.location,
      )?.[1];
      const [, replica] = drBuckets.find(([name]) => name === target) ?? [];
      expect(replica?.provider).toBe("alicloud.dr");
      expect(replica?.bucket).toMatch(/^sh-dc-prod-dr-/);
      expect(replication.encryption_configuration.replica_kms_key_id).toMatch(
        /cross-stack-output-alicloud_kms_keydr-/,
      );
      expect(replica?.server_side_encryption_rule.kms_master_key_id).toBe(
        replication.encryption_configuration.replica_kms_key_id,
      );
    }
  });

  it("replicates through a role only OSS can assume, allowed to read the sources, write the replicas and use their keys", () => {
    const roles = synthesized.storage.resource.alicloud_ram_role as Record<string, Block>;
    const [roleName, role] =
      Object.entries(roles).find(([name]) => name.startsWith("replication-role")) ?? [];
    expect(trustedServices(role)).toEqual(["oss.aliyuncs.com"]);
    for (const replication of resourcesOf(synthesized.storage, "alicloud_oss_bucket_replication")) {
      expect(replication.sync_role).toBe(`\${alicloud_ram_role.${roleName}.name}`);
    }
    const [policy] = resourcesOf(synthesized.storage, "alicloud_ram_policy");
    const grants = policy.policy_document as string;
    for (const bucket of [
      "personal-information",
      "important-data",
      "dr-personal-information",
      "dr-important-data",
    ]) {
      expect(grants).toMatch(new RegExp(`oss:ReplicateGet[^}]*alicloud_oss_bucket\\.${bucket}_bucket_`));
    }
    expect(grants).toMatch(/oss:ReplicatePut[^}]*alicloud_oss_bucket\.dr-personal-information_bucket_/);
    expect(grants).not.toMatch(/oss:ReplicatePut[^}]*alicloud_oss_bucket\.personal-information_bucket_/);
    expect(grants).toMatch(/kms:GenerateDataKey[^}]*keydr-personal-information_key_\w+arn/);
    expect(grants).not.toMatch(/"\*"/);
    const attachments = resourcesOf(synthesized.storage, "alicloud_ram_role_policy_attachment");
    expect(attachments.filter((each) => each.role_name === `\${alicloud_ram_role.${roleName}.name}`)).toEqual(
      [expect.objectContaining({ policy_type: "Custom" })],
    );
  });

  it("encrypts the application logstore with the logs CMK in the home region, through a role only SLS can assume", () => {
    const [store] = resourcesOf(synthesized.storage, "alicloud_log_store");
    expect(store.encrypt_conf.enable).toBe(true);
    expect(store.encrypt_conf.user_cmk_info.region_id).toBe("cn-shanghai");
    expect(store.encrypt_conf.user_cmk_info.cmk_key_id).toMatch(/home-operational-logs_key/);
    const roleName = /^\$\{alicloud_ram_role\.([^.]+)\.arn\}$/.exec(
      store.encrypt_conf.user_cmk_info.arn,
    )?.[1];
    const role = (synthesized.storage.resource.alicloud_ram_role as Record<string, Block>)[roleName ?? ""];
    expect(trustedServices(role)).toEqual(["log.aliyuncs.com"]);
  });
});

describe("audit", () => {
  it("delivers the trail to a WORM bucket of the stack, by reference, and to SLS in cn-shanghai", () => {
    const [trail] = resourcesOf(synthesized.audit, "alicloud_actiontrail_trail");
    expect(trail.oss_bucket_name).toMatch(/^\$\{alicloud_oss_bucket\.trail-bucket_[^.]+\.bucket\}$/);
    expect(trail.sls_project_arn).toMatch(/^acs:log:cn-shanghai:/);
    expect(trail.sls_write_role_arn).toMatch(
      /^\$\{data\.alicloud_ram_roles\.actiontrail-role\.roles\[0\]\.arn\}$/,
    );
    expect(synthesized.audit.data.alicloud_ram_roles["actiontrail-role"].name_regex).toBe(
      "^AliyunServiceRoleForActionTrail$",
    );
    expect(resourcesOf(synthesized.audit, "alicloud_oss_bucket_worm")[0]).toMatchObject({ status: "Locked" });
  });

  it("limits resources to the mainland regions of the catalog with a Cloud Config rule", () => {
    const [rule] = resourcesOf(synthesized.audit, "alicloud_config_rule");
    expect(rule.source_identifier).toBe("resource-region-limit");
    expect(Object.keys(rule.input_parameters)).toEqual(["regions"]);
    const regions = (rule.input_parameters.regions as string).split(",");
    expect(regions).toContain("cn-shanghai");
    expect(regions).not.toContain("cn-hongkong");
  });
});

describe("state", () => {
  it("encrypts the state bucket with the state CMK, held in a KMS instance in the stack's own VPC", () => {
    const [bucket] = resourcesOf(synthesized.state, "alicloud_oss_bucket");
    expect(bucket).toMatchObject({ bucket: "sh-dc-prod-terraform-state", acl: "private" });
    const keyName = /^\$\{alicloud_kms_key\.([^.]+)\.id\}$/.exec(
      bucket.server_side_encryption_rule.kms_master_key_id,
    )?.[1];
    expect(bucket.server_side_encryption_rule.sse_algorithm).toBe("KMS");
    const key = (synthesized.state.resource.alicloud_kms_key as Record<string, Block>)[keyName ?? ""];
    expect(key).toMatchObject({ automatic_rotation: "Enabled", deletion_protection: "Enabled" });
    const [instanceName, instance] = Object.entries(
      synthesized.state.resource.alicloud_kms_instance as Record<string, Block>,
    )[0];
    expect(key.dkms_instance_id).toBe(`\${alicloud_kms_instance.${instanceName}.id}`);
    expect(instance.vpc_id).toMatch(/^\$\{alicloud_vpc\.state-network_vpc_[^.]+\.id\}$/);
    expect(instance.zone_ids).toEqual(["cn-shanghai-e", "cn-shanghai-f"]);
    expect(resourcesOf(synthesized.state, "alicloud_vpc").map((vpc) => vpc.cidr_block)).toEqual([
      "10.10.0.0/24",
    ]);
    expect(resourcesOf(synthesized.state, "alicloud_nat_gateway")).toEqual([]);
    // Its access logs go into the bucket itself: the storage stack's log bucket comes later.
    expect(bucket.logging.target_bucket).toBe("sh-dc-prod-terraform-state");
  });

  it("depends on no other stack, so it can be deployed first with local state", () => {
    expect(synthesized.state.data?.terraform_remote_state).toBeUndefined();
    expect(JSON.stringify(synthesized.state)).not.toMatch(/cross-stack/);
  });

  it("creates the Tablestore lock table, encrypted", () => {
    expect(resourcesOf(synthesized.state, "alicloud_ots_table")[0]).toMatchObject({
      table_name: "terraform_state_lock",
      enable_sse: true,
    });
  });

  it("with STATE_BACKEND=oss, keeps the other stacks' state in that bucket in cn-shanghai, locked and encrypted", () => {
    const oss = synthAll({ ...DEFAULT_CONFIG, stateBackend: "oss" });
    expect(oss.state.terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
    expect(oss.storage.terraform.backend.oss).toMatchObject({
      bucket: "sh-dc-prod-terraform-state",
      region: "cn-shanghai",
      encrypt: true,
      tablestore_table: "terraform_state_lock",
      tablestore_endpoint: "https://sh-dc-prod-tf.cn-shanghai.ots.aliyuncs.com",
    });
  });
});

describe("the residency guard on the data center", () => {
  it("refuses to synthesize a data center whose DR region (replication target) is outside mainland China", () => {
    const app = Testing.app();
    buildDataCenter(app, { ...DEFAULT_CONFIG, drRegion: "cn-hongkong" });
    expect(() => app.synth()).toThrow(
      /residency RES-PROVIDER-REGION\] provider\.alicloud\.dr region = "cn-hongkong"/,
    );
  });

  it("refuses a replication target outside the mainland even when only the storage stack is foreign", () => {
    const { storage } = buildDataCenter(Testing.app(), { ...DEFAULT_CONFIG, drRegion: "ap-southeast-1" });
    expect(() => Testing.synth(storage, true)).toThrow(
      /alicloud_oss_bucket_replication\.personal-information-replication destination\.location[^\n]*ap-southeast-1/,
    );
  });
});
