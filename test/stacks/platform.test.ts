import { Testing } from "cdktf";
import { checkStacks } from "../../policies/engine/check";
import { readStack } from "../../policies/engine/model";
import { PACKS } from "../../policies/packs";
import { isMainlandRegion, MAINLAND_REGION_IDS } from "../../policies/catalog/regions";
import { FOREIGN_REGION_IDS, REGION_RULE_RESOURCE_TYPES } from "../../stacks/account";
import { addResidencyGuard } from "../../policies/adapters/cdktf/residency-guard";
import { buildPlatform } from "../../stacks/platform";
import type { Block } from "./synth";
import {
  allResources,
  configFrom,
  DEFAULT_CONFIG_PATH,
  resourcesByName,
  resourcesOf,
  resourcesWithProvider,
  synthAccountWithControlPolicy,
  synthPlatform,
  THREE_DATA_CENTERS_PATH,
} from "./synth";

const DEFAULT_STACKS = ["state", "account", "shanghai-network", "shanghai-keys", "shanghai-storage"];

let synthesized: Record<string, Block>;
let three: Record<string, Block>;

beforeAll(() => {
  synthesized = synthPlatform(configFrom(DEFAULT_CONFIG_PATH));
  three = synthPlatform(configFrom(THREE_DATA_CENTERS_PATH, "oss"));
});

/** The services a RAM role's trust policy lets assume it (the document is a jsonencode of an object). */
function trustedServices(role: Block | undefined): unknown {
  const document = /^\$\{jsonencode\((.*)\)\}$/s.exec(role?.document ?? "")?.[1] ?? "";
  return [...document.matchAll(/"Service" = \[([^\]]*)\]/g)].flatMap((match) =>
    [...match[1].matchAll(/"([^"]+)"/g)].map((service) => service[1]),
  );
}

function passesTheGuard(stacks: Record<string, Block>): void {
  const models = Object.entries(stacks).map(([name, stack]) => readStack(stack, `${name}.json`, name));
  const report = checkStacks(models, { packs: PACKS.all });
  expect(report.findings).toEqual([]);
  expect(report.summary.stacks).toBe(Object.keys(stacks).length);
}

describe("the stacks of the committed configuration", () => {
  it("are the state bootstrap, the account stack and three stacks named from the data center", () => {
    expect(Object.keys(synthesized)).toEqual(DEFAULT_STACKS);
  });

  it.each(DEFAULT_STACKS)("%s matches its snapshot", (name) => {
    expect(synthesized[name]).toMatchSnapshot();
  });

  it("set an explicit mainland region on every provider: the data center's, the DR region on the dr alias", () => {
    for (const [id, stack] of Object.entries(synthesized)) {
      const providers = stack.provider.alicloud as Block[];
      expect({ id, region: providers.find((each) => each.alias === undefined)?.region }).toEqual({
        id,
        region: "cn-shanghai",
      });
      for (const alias of providers.filter((each) => each.alias !== undefined)) {
        expect(alias).toEqual({ alias: "dr", region: "cn-beijing" });
      }
      expect(JSON.stringify(stack.provider)).not.toMatch(/access_key|secret_key|security_token/);
    }
  });

  it("encrypt every bucket with a CMK of the app, never the KMS default key", () => {
    const buckets = allResources(synthesized).filter(({ type }) => type === "alicloud_oss_bucket");
    expect(buckets).toHaveLength(9);
    for (const { body } of buckets) {
      expect(body.server_side_encryption_rule).toEqual({
        sse_algorithm: "KMS",
        kms_master_key_id: expect.stringMatching(/alicloud_kms_key/),
      });
    }
  });

  it("keep local state in the project root, by a path relative to the stack directory, by default", () => {
    expect(synthesized["shanghai-network"].terraform.backend).toEqual({
      local: { path: "../../../terraform.shanghai-network.tfstate" },
    });
    expect(
      synthesized.account.data.terraform_remote_state["cross-stack-reference-input-shanghai-keys"].config,
    ).toEqual({ path: "../../../terraform.shanghai-keys.tfstate" });
  });

  it("pass the residency engine, all stacks read together", () => {
    passesTheGuard(synthesized);
  });
});

describe("more data centers from the configuration file alone", () => {
  it("adds three stacks per data center and still one state and one account stack", () => {
    expect(Object.keys(three).sort()).toEqual(
      [
        "state",
        "account",
        ...["shanghai", "shenzhen", "chengdu"].flatMap((name) => [
          `${name}-network`,
          `${name}-keys`,
          `${name}-storage`,
        ]),
      ].sort(),
    );
  });

  it("puts each data center's stacks in its region and its DR region", () => {
    for (const [name, home, dr] of [
      ["shenzhen", "cn-shenzhen", "cn-guangzhou"],
      ["chengdu", "cn-chengdu", "cn-beijing"],
    ]) {
      for (const kind of ["network", "keys", "storage"]) {
        expect(three[`${name}-${kind}`].provider.alicloud).toEqual([
          { region: home },
          { alias: "dr", region: dr },
        ]);
      }
      const zones = resourcesWithProvider(three[`${name}-network`], "alicloud_vswitch", "alicloud").map(
        (each) => each.zone_id,
      );
      zones.forEach((zone) => expect(zone).toMatch(new RegExp(`^${home}-[a-z]$`)));
    }
  });

  it("creates the account-wide resources once: one public access block, one trail, one region rule", () => {
    const count = (type: string) => allResources(three).filter((each) => each.type === type).length;
    expect(count("alicloud_oss_account_public_access_block")).toBe(1);
    expect(count("alicloud_actiontrail_trail")).toBe(1);
    expect(count("alicloud_config_rule")).toBe(1);
    expect(count("alicloud_resource_manager_service_linked_role")).toBe(1);
  });

  it("names every bucket apart (OSS names are global) and from its data center", () => {
    const names = allResources(three)
      .filter(({ type }) => type === "alicloud_oss_bucket")
      .map(({ body }) => body.bucket as string);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("acme-prod-shenzhen-dr-personal-information");
    expect(names).toContain("acme-prod-chengdu-important-data");
  });

  it("names every RAM role and policy apart (RAM names are account-wide)", () => {
    // Per data center a replication and an SLS role, the replication role's policy; the state's replication.
    for (const [type, attribute, count] of [
      ["alicloud_ram_role", "name", 7],
      ["alicloud_ram_policy", "policy_name", 4],
    ] as const) {
      const names = allResources(three)
        .filter((each) => each.type === type)
        .map(({ body }) => body[attribute] as string);
      expect(names).toHaveLength(count);
      expect(new Set(names).size).toBe(count);
    }
  });

  it("keeps every stack but the state bootstrap in the state bucket, never the bootstrap itself", () => {
    expect(three.state.terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
    for (const [id, stack] of Object.entries(three).filter(([id]) => id !== "state")) {
      expect(stack.terraform.backend.oss).toMatchObject({
        bucket: "acme-prod-terraform-state",
        prefix: `stacks/${id}`,
      });
    }
  });

  it("passes the residency engine, all eleven stacks read together, and synthesizes with the guard on each", () => {
    passesTheGuard(three);
  });
});

describe("network", () => {
  const network = () => synthesized["shanghai-network"];

  it("puts the home vSwitches in two distinct cn-shanghai zones and the DR vSwitches in two cn-beijing zones", () => {
    const zonesThrough = (provider: string): string[] =>
      resourcesWithProvider(network(), "alicloud_vswitch", provider).map((each) => each.zone_id as string);
    expect(zonesThrough("alicloud")).toEqual(["cn-shanghai-e", "cn-shanghai-f"]);
    expect(zonesThrough("alicloud.dr")).toEqual(["cn-beijing-h", "cn-beijing-i"]);
  });

  it("denies by default; only the home VPC leaves, through the NAT gateway; both log flows in their region", () => {
    for (const group of resourcesOf(network(), "alicloud_security_group")) {
      expect(group).toMatchObject({ security_group_type: "enterprise", inner_access_policy: "Drop" });
    }
    const rulesThrough = (provider: string) =>
      resourcesWithProvider(network(), "alicloud_security_group_rule", provider).map((rule) => [
        rule.type,
        rule.port_range,
        rule.cidr_ip,
      ]);
    expect(rulesThrough("alicloud")).toEqual([
      ["ingress", "443/443", "10.20.0.0/16"],
      ["egress", "443/443", "0.0.0.0/0"],
    ]);
    expect(rulesThrough("alicloud.dr")).toEqual([["ingress", "443/443", "10.30.0.0/16"]]);
    expect(resourcesOf(network(), "alicloud_nat_gateway").map((nat) => nat.provider)).toEqual([undefined]);
    expect(resourcesOf(network(), "alicloud_snat_entry")).toHaveLength(2);
    for (const provider of ["alicloud", "alicloud.dr"]) {
      const [flowLog] = resourcesWithProvider(network(), "alicloud_vpc_flow_log", provider);
      expect(flowLog).toMatchObject({ traffic_type: "All", resource_type: "VPC" });
      const [store] = resourcesWithProvider(network(), "alicloud_log_store", provider);
      expect(store.encrypt_conf).toEqual({ enable: true, encrypt_type: "default" });
    }
  });
});

describe("keys", () => {
  const keys = () => synthesized["shanghai-keys"];

  it("rotates, protects and delays deletion of every key of every stack", () => {
    const all = allResources(synthesized).filter(({ type }) => type === "alicloud_kms_key");
    expect(all).toHaveLength(8);
    for (const { body } of all) {
      expect(body).toMatchObject({
        automatic_rotation: "Enabled",
        rotation_interval: "31536000s",
        deletion_protection: "Enabled",
        pending_window_in_days: 30,
        key_spec: "Aliyun_AES_256",
      });
    }
  });

  it("keeps each region's keys in a KMS instance in that region's data-center VPC", () => {
    const instances = resourcesByName(keys(), "alicloud_kms_instance");
    for (const [provider, vpc, zones] of [
      ["alicloud", /home-network_vpc/, ["cn-shanghai-e", "cn-shanghai-f"]],
      ["alicloud.dr", /dr-network_vpc/, ["cn-beijing-h", "cn-beijing-i"]],
    ] as const) {
      const found = Object.entries(instances).filter(
        ([, each]) => (each.provider ?? "alicloud") === provider,
      );
      expect(found).toHaveLength(1);
      const [name, instance] = found[0];
      expect(instance).toMatchObject({
        product_version: "3",
        payment_type: "PayAsYouGo",
        force_delete_without_backup: "false",
      });
      expect(instance.vpc_id).toMatch(vpc);
      expect(instance.zone_ids).toEqual(zones);
      expect(instance.vswitch_ids).toHaveLength(2);
      const regionKeys = resourcesWithProvider(keys(), "alicloud_kms_key", provider);
      expect(regionKeys.map((key) => key.tags["data-class"]).sort()).toEqual([
        "important-data",
        "operational-logs",
        "personal-information",
      ]);
      for (const key of regionKeys) expect(key.dkms_instance_id).toBe(`\${alicloud_kms_instance.${name}.id}`);
    }
  });
});

describe("storage", () => {
  const storage = () => synthesized["shanghai-storage"];
  const buckets = (): Block[] => resourcesOf(storage(), "alicloud_oss_bucket");

  it("keeps every bucket private through alicloud_oss_bucket_acl (the bucket's acl is deprecated), public access blocked", () => {
    const all = allResources(synthesized);
    const bucketNames = all
      .filter(({ type }) => type === "alicloud_oss_bucket")
      .map(({ stack, name }) => `${stack}/${name}`);
    for (const { body } of all.filter(({ type }) => type === "alicloud_oss_bucket"))
      expect(body.acl).toBeUndefined();
    const aclTargets = all
      .filter(({ type }) => type === "alicloud_oss_bucket_acl")
      .map(({ stack, body }) => {
        expect(body.acl).toBe("private");
        return `${stack}/${/^\$\{alicloud_oss_bucket\.([^.]+)\.bucket\}$/.exec(body.bucket)?.[1]}`;
      });
    expect(aclTargets.sort()).toEqual(bucketNames.sort());
    const blocks = all.filter(({ type }) => type === "alicloud_oss_bucket_public_access_block");
    expect(blocks).toHaveLength(bucketNames.length);
    for (const { body } of blocks) expect(body.block_public_access).toBe(true);
  });

  it("keeps every bucket SSE-KMS encrypted, versioned, with noncurrent versions expiring and HTTPS only", () => {
    expect(buckets()).toHaveLength(6);
    for (const bucket of buckets()) {
      expect(bucket.server_side_encryption_rule.sse_algorithm).toBe("KMS");
      expect(bucket.versioning).toEqual({ status: "Enabled" });
      expect(bucket.lifecycle_rule[0].noncurrent_version_expiration).toEqual([{ days: 90 }]);
      expect(bucket.policy).toContain("acs:SecureTransport");
    }
  });

  it("encrypts every bucket with a CMK of its own region and class, and logs access in-region", () => {
    for (const bucket of buckets()) {
      const key = bucket.server_side_encryption_rule.kms_master_key_id as string;
      const where = bucket.provider === "alicloud.dr" ? "dr" : "home";
      expect(key).toMatch(new RegExp(`alicloud_kms_key${where}-${bucket.tags["data-class"]}_key`));
    }
    const personal = buckets().find((bucket) => bucket.bucket === "acme-prod-shanghai-personal-information");
    expect(personal?.logging.target_bucket).toMatch(/^\$\{alicloud_oss_bucket\.access-logs_bucket_/);
  });

  it("logs every bucket's access, the access-log buckets into themselves", () => {
    for (const { body } of allResources(synthesized).filter(({ type }) => type === "alicloud_oss_bucket")) {
      expect(body.logging).toEqual({ target_bucket: expect.any(String), target_prefix: `${body.bucket}/` });
    }
    const logs = buckets().filter((bucket) => /access-logs$/.test(bucket.bucket));
    expect(logs.map((bucket) => bucket.logging.target_bucket)).toEqual(logs.map((bucket) => bucket.bucket));
  });

  // From the security pack (SEC-DATA-CLASS-BUCKET-POLICY): only the data center's network reaches the data.
  it("denies object requests to personal information and important data from outside the VPC of the bucket's region, but for the replication role", () => {
    const replicationRole = Object.keys(resourcesByName(storage(), "alicloud_ram_role")).find((name) =>
      name.startsWith("dr-replication_role"),
    );
    const dataBuckets = buckets().filter((bucket) => bucket.tags["data-class"] !== "operational-logs");
    expect(dataBuckets).toHaveLength(4);
    for (const bucket of dataBuckets) {
      // Written out, not ${jsonencode(...)}: the guard reads each reference in it.
      const policy = JSON.parse(bucket.policy);
      const vpc = bucket.provider === "alicloud.dr" ? "dr-network_vpc" : "home-network_vpc";
      expect(policy.Statement).toContainEqual({
        Effect: "Deny",
        Action: ["oss:*"],
        Principal: ["*"],
        Resource: [`acs:oss:*:*:${bucket.bucket}/*`],
        Condition: {
          StringNotEquals: {
            "acs:SourceVpc": [
              expect.stringMatching(new RegExp(`cross-stack-output-alicloud_vpc${vpc}_\\w+id\\}$`)),
            ],
          },
          StringNotLike: { "acs:PrincipalARN": [`\${alicloud_ram_role.${replicationRole}.arn}`] },
        },
      });
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: "Deny",
          Condition: { Bool: { "acs:SecureTransport": ["false"] } },
        }),
      );
    }
    for (const bucket of buckets().filter((each) => each.tags["data-class"] === "operational-logs")) {
      expect(JSON.parse(bucket.policy).Statement).toHaveLength(1);
    }
  });

  it("replicates personal information and important data to the DR region, encrypted with the DR key", () => {
    const replications = resourcesOf(storage(), "alicloud_oss_bucket_replication");
    expect(replications).toHaveLength(2);
    const byName = resourcesByName(storage(), "alicloud_oss_bucket");
    for (const replication of replications) {
      const target = /^\$\{alicloud_oss_bucket\.([^.]+)\.location\}$/.exec(
        replication.destination.location,
      )?.[1];
      const replica = byName[target ?? ""];
      expect(replica?.provider).toBe("alicloud.dr");
      expect(replica?.bucket).toMatch(/^acme-prod-shanghai-dr-/);
      expect(replication.encryption_configuration.replica_kms_key_id).toMatch(
        /cross-stack-output-alicloud_kms_keydr-/,
      );
      expect(replica?.server_side_encryption_rule.kms_master_key_id).toBe(
        replication.encryption_configuration.replica_kms_key_id,
      );
    }
  });

  it("replicates through a role only OSS can assume, allowed to read the sources, write the replicas and use their keys", () => {
    const roles = resourcesByName(storage(), "alicloud_ram_role");
    const [roleName, role] =
      Object.entries(roles).find(([name]) => name.startsWith("dr-replication_role")) ?? [];
    expect(trustedServices(role)).toEqual(["oss.aliyuncs.com"]);
    for (const replication of resourcesOf(storage(), "alicloud_oss_bucket_replication")) {
      expect(replication.sync_role).toBe(`\${alicloud_ram_role.${roleName}.name}`);
    }
    const [policy] = resourcesOf(storage(), "alicloud_ram_policy");
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
  });

  // Deploy readiness: a reference to the role orders a resource after the role, not after its policies;
  // in parallel with the attachments, OSS and SLS refuse the role on the first apply.
  it("creates each replication rule and the CMK logstore only after their role's policy attachments", () => {
    for (const stack of Object.values(three)) {
      const attachments = resourcesByName(stack, "alicloud_ram_role_policy_attachment");
      const attachmentsOf = (roleReference: string) =>
        Object.entries(attachments)
          .filter(([, each]) => each.role_name === roleReference.replace(/\.(arn|name)\}$/, ".name}"))
          .map(([name]) => `alicloud_ram_role_policy_attachment.${name}`)
          .sort();
      for (const replication of resourcesOf(stack, "alicloud_oss_bucket_replication")) {
        expect(attachmentsOf(replication.sync_role)).toHaveLength(1);
        expect([...replication.depends_on].sort()).toEqual(attachmentsOf(replication.sync_role));
      }
      for (const store of resourcesOf(stack, "alicloud_log_store").filter(
        (each) => each.encrypt_conf?.user_cmk_info,
      )) {
        expect(attachmentsOf(store.encrypt_conf.user_cmk_info.arn)).toHaveLength(2);
        expect([...store.depends_on].sort()).toEqual(attachmentsOf(store.encrypt_conf.user_cmk_info.arn));
      }
    }
  });

  it("encrypts the application logstore with the logs CMK in the home region, through a role only SLS can assume", () => {
    const [store] = resourcesOf(storage(), "alicloud_log_store");
    expect(store.encrypt_conf.enable).toBe(true);
    expect(store.encrypt_conf.user_cmk_info.region_id).toBe("cn-shanghai");
    expect(store.encrypt_conf.user_cmk_info.cmk_key_id).toMatch(/home-operational-logs_key/);
    const roleName = /^\$\{alicloud_ram_role\.([^.]+)\.arn\}$/.exec(
      store.encrypt_conf.user_cmk_info.arn,
    )?.[1];
    expect(trustedServices(resourcesByName(storage(), "alicloud_ram_role")[roleName ?? ""])).toEqual([
      "log.aliyuncs.com",
    ]);
  });
});

describe("account", () => {
  const account = () => synthesized.account;

  it("blocks public access for the whole account", () => {
    expect(resourcesOf(account(), "alicloud_oss_account_public_access_block")).toEqual([
      expect.objectContaining({ block_public_access: true }),
    ]);
  });

  it("records every region in one trail, delivered to a WORM bucket by reference and to SLS in cn-shanghai", () => {
    const [trail] = resourcesOf(account(), "alicloud_actiontrail_trail");
    expect(trail).toMatchObject({ trail_region: "All", event_rw: "All", status: "Enable" });
    expect(trail.oss_bucket_name).toMatch(/^\$\{alicloud_oss_bucket\.trail-bucket_[^.]+\.bucket\}$/);
    expect(trail.sls_project_arn).toMatch(/^acs:log:cn-shanghai:/);
    expect(resourcesOf(account(), "alicloud_oss_bucket_worm")[0]).toMatchObject({ status: "Locked" });
  });

  // Deploy readiness: a lookup of the role is empty until ActionTrail made it, and roles[0] fails plan.
  it("creates ActionTrail's service-linked role and writes to SLS through it, looking nothing up", () => {
    const [trail] = resourcesOf(account(), "alicloud_actiontrail_trail");
    expect(trail.sls_write_role_arn).toBe(
      "${alicloud_resource_manager_service_linked_role.actiontrail-role.arn}",
    );
    expect(
      resourcesByName(account(), "alicloud_resource_manager_service_linked_role")["actiontrail-role"],
    ).toMatchObject({
      service_name: "actiontrail.aliyuncs.com",
    });
    expect(account().data?.alicloud_ram_roles).toBeUndefined();
  });

  // Deploy readiness: the provider declares ExactlyOneOf resource_types_scope / scope_compliance_resource_types.
  it("limits resources to the catalog's regions with a Cloud Config rule scoped by resource_types_scope", () => {
    const [rule] = resourcesOf(account(), "alicloud_config_rule");
    expect(rule.source_identifier).toBe("resource-region-limit");
    expect(rule.resource_types_scope).toEqual(REGION_RULE_RESOURCE_TYPES);
    expect(rule.scope_compliance_resource_types).toBeUndefined();
    expect(rule.input_parameters).toEqual({ regions: MAINLAND_REGION_IDS.join(",") });
    expect(rule.input_parameters.regions.split(",")).not.toContain("cn-hongkong");
  });

  it("has no Resource Directory control policy unless the configuration asks for one", () => {
    expect(resourcesOf(account(), "alicloud_resource_manager_control_policy")).toEqual([]);
    const { account: withPolicy } = synthAccountWithControlPolicy();
    const [policy] = resourcesOf(withPolicy, "alicloud_resource_manager_control_policy");
    expect(policy.effect_scope).toBe("RAM");
    // A control policy has Effect, Action/NotAction, Resource and Condition only: no NotResource.
    expect(JSON.parse(policy.policy_document)).toEqual({
      Version: "1",
      Statement: [
        { Effect: "Deny", Action: ["*"], Resource: FOREIGN_REGION_IDS.map((region) => `acs:*:${region}:*`) },
      ],
    });
    expect(resourcesOf(withPolicy, "alicloud_resource_manager_control_policy_attachment")).toEqual([
      expect.objectContaining({ target_id: "fd-examplefolder1" }),
    ]);
  });

  // The catalog keeps a control policy's document out of the value scan: the regions it names are denied.
  it("passes the residency guard when enabled", () => {
    const { app } = synthAccountWithControlPolicy();
    expect(() => app.synth()).not.toThrow();
  });

  it("denies only foreign regions: none of them is in the mainland catalog, cn-hongkong is among them", () => {
    expect(FOREIGN_REGION_IDS.filter(isMainlandRegion)).toEqual([]);
    expect(FOREIGN_REGION_IDS).toEqual(
      expect.arrayContaining(["cn-hongkong", "ap-southeast-1", "us-west-1", "eu-central-1"]),
    );
  });
});

describe("state", () => {
  const state = () => synthesized.state;

  it("encrypts the state bucket and its DR copy with state CMKs, held in KMS instances in the stack's own VPCs", () => {
    const buckets = resourcesOf(state(), "alicloud_oss_bucket");
    expect(buckets.map((bucket) => [bucket.bucket, bucket.provider])).toEqual([
      ["acme-prod-dr-terraform-state", "alicloud.dr"],
      ["acme-prod-terraform-state", undefined],
    ]);
    const keys = resourcesByName(state(), "alicloud_kms_key");
    const instances = resourcesByName(state(), "alicloud_kms_instance");
    for (const bucket of buckets) {
      const keyName = /^\$\{alicloud_kms_key\.([^.]+)\.id\}$/.exec(
        bucket.server_side_encryption_rule.kms_master_key_id,
      )?.[1];
      const key = keys[keyName ?? ""];
      expect(key).toMatchObject({ automatic_rotation: "Enabled", deletion_protection: "Enabled" });
      expect(key.provider).toBe(bucket.provider);
      const instance =
        instances[/^\$\{alicloud_kms_instance\.([^.]+)\.id\}$/.exec(key.dkms_instance_id)?.[1] ?? ""];
      expect(instance.vpc_id).toMatch(/^\$\{alicloud_vpc\.(dr-)?state-network_vpc_[^.]+\.id\}$/);
      // Its access logs go into the bucket itself: no data center's log bucket exists yet.
      expect(bucket.logging.target_bucket).toBe(bucket.bucket);
    }
    expect(resourcesOf(state(), "alicloud_vpc").map((vpc) => vpc.cidr_block)).toEqual([
      "10.10.1.0/24",
      "10.10.0.0/24",
    ]);
    expect(resourcesOf(state(), "alicloud_nat_gateway")).toEqual([]);
  });

  it("serves state objects only to the state VPC of the bucket's region and the replication role", () => {
    const role = Object.keys(resourcesByName(state(), "alicloud_ram_role"))[0];
    for (const bucket of resourcesOf(state(), "alicloud_oss_bucket")) {
      const vpc = bucket.provider === "alicloud.dr" ? "dr-state-network_vpc" : "state-network_vpc";
      expect(JSON.parse(bucket.policy).Statement[1]).toEqual({
        Effect: "Deny",
        Action: ["oss:*"],
        Principal: ["*"],
        Resource: [`acs:oss:*:*:${bucket.bucket}/*`],
        Condition: {
          StringNotEquals: {
            "acs:SourceVpc": [
              expect.stringMatching(new RegExp(`^\\$\\{alicloud_vpc\\.${vpc}_\\w+\\.id\\}$`)),
            ],
          },
          StringNotLike: { "acs:PrincipalARN": [`\${alicloud_ram_role.${role}.arn}`] },
        },
      });
    }
  });

  it("replicates the state bucket to its in-country DR copy", () => {
    const [replication] = resourcesOf(state(), "alicloud_oss_bucket_replication");
    expect(replication.bucket).toMatch(/^\$\{alicloud_oss_bucket\.state-bucket_[^.]+\.bucket\}$/);
    expect(replication.destination.location).toMatch(
      /^\$\{alicloud_oss_bucket\.dr-state-bucket_[^.]+\.location\}$/,
    );
    expect(replication.encryption_configuration.replica_kms_key_id).toMatch(
      /^\$\{alicloud_kms_key\.dr-state-key_/,
    );
  });

  it("depends on no other stack, so it can be deployed first with local state", () => {
    expect(state().data?.terraform_remote_state).toBeUndefined();
    expect(JSON.stringify(state())).not.toMatch(/cross-stack/);
  });

  // Deploy readiness and the security pack: accessed_by = "Any" was internet-reachable and is deprecated.
  it("keeps the lock instance off the internet: VPC access only, bound to the state VPC", () => {
    const [instance] = resourcesOf(state(), "alicloud_ots_instance");
    expect(instance.network_type_acl).toEqual(["VPC"]);
    expect(instance.network_source_acl).toEqual(["TRUST_PROXY"]);
    expect(instance.accessed_by).toBeUndefined();
    const [attachment] = resourcesOf(state(), "alicloud_ots_instance_attachment");
    expect(attachment.instance_name).toBe("${alicloud_ots_instance.lock-instance.name}");
    expect(attachment.vswitch_id).toMatch(/^\$\{alicloud_vswitch\.state-network_vswitch-cn-shanghai-e_/);
    expect(resourcesOf(state(), "alicloud_ots_table")[0]).toMatchObject({
      table_name: "terraform_state_lock",
      enable_sse: true,
    });
  });

  // Deploy readiness: encrypt = true uploads state with x-oss-server-side-encryption: AES256 (Terraform's
  // oss backend, client.go), which overrides the bucket's default SSE-KMS under the state CMK.
  it("with STATE_BACKEND=oss, keeps state in the bucket without the backend's encrypt, locking through the VPC endpoint", () => {
    const backend = three["shenzhen-storage"].terraform.backend.oss;
    expect(backend).toEqual({
      bucket: "acme-prod-terraform-state",
      prefix: "stacks/shenzhen-storage",
      key: "terraform.tfstate",
      region: "cn-shanghai",
      endpoint: "oss-cn-shanghai-internal.aliyuncs.com",
      acl: "private",
      tablestore_endpoint: "https://acme-prod-tf.cn-shanghai.vpc.tablestore.aliyuncs.com",
      tablestore_table: "terraform_state_lock",
    });
    expect(backend.encrypt).toBeUndefined();
  });
});

/** The committed configuration with its data center's DR network moved to a foreign region. */
function withForeignDr(region: string) {
  const config = configFrom(DEFAULT_CONFIG_PATH);
  const [shanghai] = config.dataCenters;
  const zones = shanghai.dr.zones.map((zone, index) => ({
    ...zone,
    zone: `${region}${/\d$/.test(region) ? "" : "-"}${"bc"[index]}`,
  }));
  return { ...config, dataCenters: [{ ...shanghai, dr: { ...shanghai.dr, region, zones } }] };
}

describe("the residency guard on the platform", () => {
  // As under `cdktf synth`: the guard reports through the manifest, and the cdktf CLI prints and fails.
  beforeAll(() => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  });
  afterAll(() => {
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  });

  /** What the app guard refuses in a platform whose DR region is the given one, as `npm run synth` runs it. */
  function violationsWith(drRegion: string): string[] {
    const app = Testing.app();
    buildPlatform(app, withForeignDr(drRegion));
    const guard = addResidencyGuard(app);
    app.synth();
    return (guard.report?.findings ?? []).map(
      (f) => `${f.stack} ${f.rule} ${f.address} ${f.attribute} ${f.resolved}`,
    );
  }

  it("refuses to synthesize a data center whose DR region (replication target) is outside mainland China", () => {
    expect(violationsWith("cn-hongkong")).toContainEqual(
      expect.stringMatching(/^shanghai-\w+ RES-PROVIDER-REGION provider\.alicloud\.dr region cn-hongkong$/),
    );
  });

  it("refuses a replication target outside the mainland", () => {
    expect(violationsWith("ap-southeast-1")).toContainEqual(
      expect.stringMatching(
        /^shanghai-storage RES-LOCATION-ATTRIBUTE alicloud_oss_bucket_replication\.dr-replication_personal-information-replication_\w+ destination\.location ap-southeast-1$/,
      ),
    );
  });
});
