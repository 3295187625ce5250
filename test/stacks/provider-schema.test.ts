import { constraintProblems, GO_CONSTRAINTS } from "./provider-constraints";
import { readProviderSchema, schemaProblems } from "./provider-schema";
import type { ProviderSchema } from "./provider-schema";
import type { Block } from "./synth";
import {
  allResources,
  configFrom,
  DEFAULT_CONFIG_PATH,
  synthAccountWithControlPolicy,
  synthPlatform,
  THREE_DATA_CENTERS_PATH,
} from "./synth";

let schema: ProviderSchema;
let stacks: Record<string, Block>;

beforeAll(() => {
  schema = readProviderSchema();
  // Both configurations and the opt-in control policy, so that the OSS backend and the policy are walked too.
  stacks = {
    ...synthPlatform(configFrom(DEFAULT_CONFIG_PATH)),
    "control-policy/account": synthAccountWithControlPolicy().account,
    ...Object.fromEntries(
      Object.entries(synthPlatform(configFrom(THREE_DATA_CENTERS_PATH, "oss"))).map(([id, stack]) => [
        `three/${id}`,
        stack,
      ]),
    ),
  };
});

describe("every synthesized resource and data source matches the provider schema (1.247.0)", () => {
  it("has a type the provider knows, every required attribute and block, nothing unknown or deprecated, values of the schema's types", () => {
    const problems = allResources(stacks).flatMap(({ stack, type, name, body }) => {
      const resource = schema.resources[type];
      if (!resource) return [`${stack}: ${type}.${name}: not a resource type of the provider`];
      return schemaProblems(`${stack}: ${type}.${name}`, body, resource.block);
    });
    expect(problems).toEqual([]);
  });

  it("reads data sources the provider has, with valid arguments", () => {
    const problems = Object.entries(stacks).flatMap(([stack, json]) =>
      Object.entries((json.data ?? {}) as Record<string, Record<string, Block>>)
        .filter(([type]) => type.startsWith("alicloud_"))
        .flatMap(([type, byName]) =>
          Object.entries(byName).flatMap(([name, body]) => {
            const source = schema.dataSources[type];
            if (!source) return [`${stack}: data.${type}.${name}: not a data source of the provider`];
            return schemaProblems(`${stack}: data.${type}.${name}`, body, source.block);
          }),
        ),
    );
    expect(problems).toEqual([]);
  });

  it("holds to the provider's Go constraints (ExactlyOneOf, ConflictsWith, allowed values), for every type the stacks use", () => {
    const resources = allResources(stacks);
    const unread = [...new Set(resources.map(({ type }) => type))].filter(
      (type) => !(type in GO_CONSTRAINTS),
    );
    expect(unread).toEqual([]);
    const problems = resources.flatMap(({ stack, type, name, body }) =>
      constraintProblems(`${stack}: ${type}.${name}`, GO_CONSTRAINTS[type], body),
    );
    expect(problems).toEqual([]);
  });
});

describe("the schema check itself", () => {
  const bucket = () => schema.resources.alicloud_oss_bucket.block;

  it("finds an unknown attribute, a read-only one, a deprecated one and a wrong type", () => {
    expect(
      schemaProblems(
        "b",
        { bucket: "x", acl: "private", location: "oss-cn-shanghai", colour: "red", force_destroy: "yes" },
        bucket(),
      ),
    ).toEqual([
      "b.acl: is deprecated",
      "b.location: is read-only",
      "b.colour: is neither an attribute nor a block of the schema",
      'b.force_destroy: "yes" is not a bool',
    ]);
  });

  it("lets a whole expression stand for any type, but not a template for a number", () => {
    expect(schemaProblems("b", { force_destroy: "${var.destroy}", tags: "${local.tags}" }, bucket())).toEqual(
      [],
    );
    const rule = schema.resources.alicloud_config_rule.block;
    expect(
      schemaProblems(
        "r",
        { rule_name: "r", source_owner: "ALIYUN", source_identifier: "x", risk_level: "${a}-1" },
        rule,
      ),
    ).toEqual(['r.risk_level: "${a}-1" is not a number']);
  });

  it("finds a missing required attribute and block, and a block count over max_items", () => {
    const replication = schema.resources.alicloud_oss_bucket_replication.block;
    expect(schemaProblems("r", {}, replication)).toEqual([
      "r.bucket: is required",
      "r.destination: block is required",
    ]);
    expect(
      schemaProblems("b", { versioning: [{ status: "Enabled" }, { status: "Enabled" }] }, bucket()),
    ).toEqual(["b.versioning: 2 blocks, the schema allows 0 to 1"]);
    expect(schemaProblems("b", { versioning: [{ state: "Enabled" }] }, bucket())).toEqual([
      "b.versioning[0].state: is neither an attribute nor a block of the schema",
      "b.versioning[0].status: is required",
    ]);
  });

  it("finds the config rule of the first deploy: neither resource_types_scope nor scope_compliance_resource_types", () => {
    const rule = {
      rule_name: "r",
      source_owner: "ALIYUN",
      source_identifier: "x",
      risk_level: 1,
      config_rule_trigger_types: "ConfigurationItemChangeNotification",
    };
    expect(constraintProblems("r", GO_CONSTRAINTS.alicloud_config_rule, rule)).toEqual([
      "r (resource_alicloud_config_rule.go): exactly one of resource_types_scope, scope_compliance_resource_types must be set, got 0",
    ]);
  });

  it("finds a conflict, a value out of its list, nested too, and a number out of range", () => {
    expect(
      constraintProblems("k", GO_CONSTRAINTS.alicloud_kms_key, {
        pending_window_in_days: 3,
        deletion_window_in_days: 7,
        automatic_rotation: "On",
      }),
    ).toEqual([
      "k (resource_alicloud_kms_key.go): pending_window_in_days conflicts with deletion_window_in_days",
      'k (resource_alicloud_kms_key.go): automatic_rotation = "On" is not one of Enabled, Disabled',
      "k (resource_alicloud_kms_key.go): pending_window_in_days = 3 is not between 7 and 366",
    ]);
    expect(
      constraintProblems("b", GO_CONSTRAINTS.alicloud_oss_bucket, {
        server_side_encryption_rule: { sse_algorithm: "kms" },
      }),
    ).toEqual([
      'b (resource_alicloud_oss_bucket.go): server_side_encryption_rule.sse_algorithm = "kms" is not one of AES256, KMS, SM4',
    ]);
    expect(
      constraintProblems("o", GO_CONSTRAINTS.alicloud_ots_instance, {
        network_type_acl: ["VPC", "INTERNET"],
      }),
    ).toEqual([]);
  });
});
