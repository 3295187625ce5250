import { TerraformStack, Testing } from "cdktf";
import { OssBucket } from "../../.gen/providers/alicloud/oss-bucket";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { RamRole } from "../../.gen/providers/alicloud/ram-role";
import { DATA_CLASSES } from "../../stacks/config";
import { ResourceTags, setDataClass } from "../../stacks/tagging";
import { readProviderSchema } from "./provider-schema";
import type { Block } from "./synth";
import {
  allResources,
  configFrom,
  DEFAULT_CONFIG_PATH,
  synthPlatform,
  THREE_DATA_CENTERS_PATH,
} from "./synth";

let stacks: Record<string, Block>;

beforeAll(() => {
  stacks = {
    ...synthPlatform(configFrom(DEFAULT_CONFIG_PATH)),
    ...Object.fromEntries(
      Object.entries(synthPlatform(configFrom(THREE_DATA_CENTERS_PATH))).map(([id, stack]) => [
        `three/${id}`,
        stack,
      ]),
    ),
  };
});

describe("tags on the synthesized stacks", () => {
  it("every resource whose provider schema has tags carries the environment, a data class and the configured tags", () => {
    const { resources } = readProviderSchema();
    const taggable = allResources(stacks).filter(({ type }) => resources[type].block.attributes?.tags);
    // The taggable types the stacks use, read from the schema: the check below covers each of them.
    expect([...new Set(taggable.map(({ type }) => type))].sort()).toEqual([
      "alicloud_eip_address",
      "alicloud_kms_key",
      "alicloud_log_project",
      "alicloud_nat_gateway",
      "alicloud_oss_bucket",
      "alicloud_ots_instance",
      "alicloud_ram_policy",
      "alicloud_security_group",
      "alicloud_vpc",
      "alicloud_vpc_flow_log",
      "alicloud_vswitch",
    ]);
    const untagged = taggable
      .filter(
        ({ body }) =>
          !(
            body.tags?.environment === "prod" &&
            DATA_CLASSES.includes(body.tags?.["data-class"]) &&
            body.tags?.owner === "platform-engineering" &&
            body.tags?.["managed-by"] === "cdktf"
          ),
      )
      .map(({ stack, type, name }) => `${stack}: ${type}.${name}`);
    expect(untagged).toEqual([]);
  });

  it("tags the replication role's RAM policy, untagged before", () => {
    const [policy] = Object.values(
      stacks["shanghai-storage"].resource.alicloud_ram_policy as Record<string, Block>,
    );
    expect(policy.tags).toEqual({
      owner: "platform-engineering",
      "managed-by": "cdktf",
      environment: "prod",
      "data-class": "operational-logs",
    });
  });

  it("tags each data bucket and key with the class it holds", () => {
    const classOf = (type: string, pattern: RegExp) =>
      allResources(stacks)
        .filter((each) => each.type === type && pattern.test(each.name))
        .map(({ body }) => body.tags["data-class"]);
    expect(new Set(classOf("alicloud_oss_bucket", /^(dr-)?personal-information_bucket/))).toEqual(
      new Set(["personal-information"]),
    );
    expect(new Set(classOf("alicloud_kms_key", /important-data_key/))).toEqual(new Set(["important-data"]));
    expect(new Set(classOf("alicloud_oss_bucket", /access-logs_bucket/))).toEqual(
      new Set(["operational-logs"]),
    );
  });
});

describe("ResourceTags", () => {
  function stackWithAspect(): TerraformStack {
    const stack = new TerraformStack(Testing.app(), "tagged");
    new AlicloudProvider(stack, "alicloud", { region: "cn-shanghai" });
    ResourceTags.applyTo(stack, "staging", { owner: "team" });
    return stack;
  }

  it("keeps a resource's own tags, but environment and data-class are the aspect's", () => {
    const stack = stackWithAspect();
    setDataClass(stack, "important-data");
    new OssBucket(stack, "bucket", { bucket: "b", tags: { purpose: "reports", environment: "prod" } });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.resource.alicloud_oss_bucket.bucket.tags).toEqual({
      owner: "team",
      purpose: "reports",
      environment: "staging",
      "data-class": "important-data",
    });
  });

  it("leaves a resource without tags in its schema alone", () => {
    const stack = stackWithAspect();
    setDataClass(stack, "operational-logs");
    new RamRole(stack, "role", { name: "r" });
    expect(JSON.parse(Testing.synth(stack)).resource.alicloud_ram_role.role.tags).toBeUndefined();
  });

  it("refuses a taggable resource with no data class above it", () => {
    const stack = stackWithAspect();
    new OssBucket(stack, "bucket", { bucket: "b" });
    expect(() => Testing.synth(stack)).toThrow(/tagged\/bucket \(alicloud_oss_bucket\) has no data class/);
  });
});
