import { checkStacks } from "../../../policies/engine/check";
import { readStack } from "../../../policies/engine/model";

/** A minimal `terraform show -json` plan with one alicloud resource change. */
function plan(
  change: Record<string, unknown>,
  providerRegion: unknown = { constant_value: "cn-shanghai" },
  type = "alicloud_vswitch",
) {
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    variables: { region: { value: "cn-hangzhou" } },
    planned_values: { root_module: {} },
    resource_changes: [
      {
        address: `${type}.a`,
        mode: "managed",
        type,
        name: "a",
        provider_name: "registry.terraform.io/aliyun/alicloud",
        change,
      },
    ],
    configuration: {
      provider_config: { alicloud: { name: "alicloud", expressions: { region: providerRegion } } },
      root_module: { resources: [{ address: `${type}.a`, provider_config_key: "alicloud" }] },
    },
  };
}

const checkPlan = (document: Record<string, unknown>) =>
  checkStacks([readStack(document, "plan.json", "plan")], { today: "2026-06-01" });

describe("plan input", () => {
  it("is detected by shape and checks planned values, carrying the action", () => {
    const report = checkPlan(
      plan({ actions: ["create"], after: { zone_id: "cn-shanghai-b" }, after_unknown: { id: true } }),
    );
    expect(report.inputs).toEqual([{ path: "plan.json", kind: "plan" }]);
    expect(report.findings).toEqual([]);
    expect(report.resources).toMatchObject([
      { address: "alicloud_vswitch.a", action: "create", places: ["cn-shanghai"] },
    ]);
  });

  it("refuses a location attribute that is unknown until apply", () => {
    const report = checkPlan(plan({ actions: ["create"], after: {}, after_unknown: { zone_id: true } }));
    expect(report.findings).toMatchObject([
      { attribute: "zone_id", verdict: "unresolved", resolved: "known only after apply" },
    ]);
  });

  it("refuses a location block that is wholly unknown until apply, once, by its outermost path", () => {
    const unknownDestination = { actions: ["create"], after: {}, after_unknown: { destination: true } };
    expect(
      checkPlan(plan(unknownDestination, undefined, "alicloud_oss_bucket_replication")).findings,
    ).toMatchObject([
      { address: "alicloud_oss_bucket_replication.a", attribute: "destination", verdict: "unresolved" },
    ]);
    const unknownRoutingRules = { actions: ["create"], after: {}, after_unknown: { routing_rules: [true] } };
    expect(
      checkPlan(plan(unknownRoutingRules, undefined, "alicloud_oss_bucket_website")).findings.map(
        (f) => f.attribute,
      ),
    ).toEqual(["routing_rules"]);
  });

  it("refuses a foreign planned value and marks replacements", () => {
    const report = checkPlan(
      plan({ actions: ["delete", "create"], after: { zone_id: "cn-hongkong-b" }, after_unknown: {} }),
    );
    expect(report.findings).toMatchObject([{ verdict: "outside" }]);
    expect(report.resources[0]?.action).toBe("replace");
  });

  it("resolves a provider region given by a planned variable, and refuses other expressions", () => {
    const change = { actions: ["no-op"], after: {}, after_unknown: {} };
    expect(checkPlan(plan(change, { references: ["var.region"] })).resources[0]?.places).toEqual([
      "cn-hangzhou",
    ]);
    expect(checkPlan(plan(change, { references: ["data.x.y"] })).findings).toMatchObject([
      { address: "provider.alicloud", verdict: "unresolved" },
    ]);
  });
});

describe("plan input with a module's own provider", () => {
  it("places the module's resources by that provider, whose variables the plan does not record", () => {
    const bucket = (module: string) => ({
      address: `module.${module}.alicloud_oss_bucket.b`,
      mode: "managed",
      type: "alicloud_oss_bucket",
      name: "b",
      change: { actions: ["create"], after: { bucket: "b" }, after_unknown: {} },
    });
    const resources = (module: string) => [
      { address: "alicloud_oss_bucket.b", provider_config_key: `module.${module}:alicloud` },
    ];
    const document = {
      format_version: "1.2",
      variables: { region: { value: "cn-shanghai" } },
      resource_changes: [bucket("dr"), bucket("hk")],
      configuration: {
        provider_config: {
          alicloud: { name: "alicloud", expressions: { region: { references: ["var.region"] } } },
          // The module's var.region is set by its call (cn-hongkong), not by the root's variable.
          "module.dr:alicloud": {
            name: "alicloud",
            module_address: "module.dr",
            expressions: { region: { references: ["var.region"] } },
          },
          "module.hk:alicloud": {
            name: "alicloud",
            module_address: "module.hk",
            expressions: { region: { constant_value: "cn-hongkong" } },
          },
        },
        root_module: {
          module_calls: {
            dr: {
              expressions: { region: { constant_value: "cn-hongkong" } },
              module: { resources: resources("dr") },
            },
            hk: { module: { resources: resources("hk") } },
          },
        },
      },
    };
    const report = checkPlan(document);
    expect(report.resources.map(({ provider, verdict }) => [provider, verdict])).toEqual([
      ["module.dr:alicloud", "unresolved"],
      ["module.hk:alicloud", "outside"],
    ]);
    expect(report.findings).toMatchObject([
      { address: "provider.module.dr:alicloud", verdict: "unresolved" },
      { address: "provider.module.hk:alicloud", verdict: "outside" },
    ]);
  });
});
