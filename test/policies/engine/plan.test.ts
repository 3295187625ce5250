import { checkStacks } from "../../../policies/engine/check";
import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { InputError, readStack } from "../../../policies/engine/model";

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
  checkStacks([readStack(document, "plan.json", "plan")], { today: "2026-06-01", packs: [RESIDENCY_PACK] });

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

describe("plan reader", () => {
  const change = (
    address: string,
    type: string,
    after: Record<string, unknown> = {},
    actions = ["create"],
  ) => ({
    address,
    mode: "managed",
    type,
    name: address.split(".").at(-1),
    change: { actions, after, after_unknown: {} },
  });
  const providers = {
    alicloud: { name: "alicloud", expressions: { region: { constant_value: "cn-shanghai" } } },
    "alicloud.hk": {
      name: "alicloud",
      alias: "hk",
      expressions: { region: { constant_value: "cn-hongkong" } },
    },
  };
  const planOf = (
    changes: unknown,
    rootModule: Record<string, unknown> = {},
    providerConfig: Record<string, unknown> = providers,
    variables: Record<string, unknown> = { region: { value: "cn-shanghai" } },
  ) => ({
    format_version: "1.2",
    variables,
    resource_changes: changes,
    configuration: { provider_config: providerConfig, root_module: rootModule },
  });
  const read = (document: unknown) => readStack(document, "plan.json", "plan");
  const placements = (document: unknown) =>
    checkStacks([read(document)], { today: "2026-06-01", packs: [RESIDENCY_PACK] }).resources.map(
      ({ address, provider, places }) => ({
        address,
        provider,
        places,
      }),
    );

  it("is recognised by a format version with planned values or resource changes", () => {
    expect(read({ format_version: "1.2", resource_changes: [] }).kind).toBe("plan");
    expect(read({ format_version: "1.2", planned_values: {} })).toMatchObject({
      kind: "plan",
      resources: [],
    });
    expect(() => read({ resource_changes: [] })).toThrow('unexpected top-level key "resource_changes"');
    expect(() => read({ format_version: 1, resource_changes: [] })).toThrow(
      'unexpected top-level key "format_version"',
    );
  });

  it.each([
    [{ configuration: [] }, '"configuration" must be a JSON object, not an array'],
    [{ variables: "x" }, '"variables" must be a JSON object, not a string'],
    [
      { configuration: { provider_config: 1 } },
      "configuration.provider_config must be a JSON object, not a number",
    ],
    [
      { configuration: { provider_config: { alicloud: [] } } },
      'configuration.provider_config "alicloud" must be a JSON object, not an array',
    ],
    [
      { configuration: { provider_config: { alicloud: { expressions: [] } } } },
      'provider "alicloud" expressions must be a JSON object, not an array',
    ],
    [{ configuration: { root_module: 2 } }, "configuration.root_module must be a JSON object, not a number"],
    [
      { configuration: { root_module: { resources: [3] } } },
      "a configuration resource must be a JSON object, not a number",
    ],
    [
      { configuration: { root_module: { module_calls: [] } } },
      "module_calls must be a JSON object, not an array",
    ],
    [
      { configuration: { root_module: { module_calls: { net: 1 } } } },
      'module "net" must be a JSON object, not a number',
    ],
    [
      { configuration: { root_module: { module_calls: { net: { module: [] } } } } },
      'module "net" must be a JSON object, not an array',
    ],
    [{ resource_changes: {} }, '"resource_changes" must be an array'],
    [{ resource_changes: [7] }, "a resource change must be a JSON object, not a number"],
    [
      { resource_changes: [{ address: "alicloud_vpc.v", change: [] }] },
      "alicloud_vpc.v change must be a JSON object, not an array",
    ],
  ])("refuses a plan with %j, saying what is wrong", (blocks, message) => {
    const document = { format_version: "1.2", resource_changes: [], ...blocks };
    expect(() => read(document)).toThrow(InputError);
    expect(() => read(document)).toThrow(message);
  });

  it("names a provider configuration by its name, or by its key when the plan gives none", () => {
    const stack = read(
      planOf([], {}, { alicloud: { expressions: {} }, "alicloud.hk": { name: "alicloud", expressions: {} } }),
    );
    expect([...stack.providers.values()].map(({ key, name }) => [key, name])).toEqual([
      ["alicloud", "alicloud"],
      ["alicloud.hk", "alicloud"],
    ]);
  });

  it("checks an aliased provider configuration that no resource uses", () => {
    const report = checkStacks([read(planOf([]))], { today: "2026-06-01", packs: [RESIDENCY_PACK] });
    expect(report.findings).toMatchObject([{ address: "provider.alicloud.hk", verdict: "outside" }]);
  });

  it("places a resource by the provider configuration its configuration names, counted or not", () => {
    const root = {
      resources: [
        { address: "alicloud_vswitch.counted", provider_config_key: "alicloud.hk" },
        { address: "alicloud_vswitch.keyed", provider_config_key: "alicloud.hk" },
        { address: "alicloud_vswitch.plain", provider_config_key: "alicloud.hk" },
        { address: "alicloud_vswitch.unkeyed" },
        { address: "alicloud_vswitch.unconfigured", provider_config_key: 7 },
        { provider_config_key: "alicloud.hk" },
      ],
    };
    const changes = [
      change("alicloud_vswitch.counted[0]", "alicloud_vswitch"),
      change('alicloud_vswitch.keyed["a"]', "alicloud_vswitch"),
      change("alicloud_vswitch.plain", "alicloud_vswitch"),
      change("alicloud_vswitch.unkeyed", "alicloud_vswitch"),
      change("alicloud_vswitch.unconfigured", "alicloud_vswitch"),
    ];
    expect(placements(planOf(changes, root))).toEqual([
      { address: "alicloud_vswitch.counted[0]", provider: "alicloud.hk", places: ["cn-hongkong"] },
      { address: 'alicloud_vswitch.keyed["a"]', provider: "alicloud.hk", places: ["cn-hongkong"] },
      { address: "alicloud_vswitch.plain", provider: "alicloud.hk", places: ["cn-hongkong"] },
      { address: "alicloud_vswitch.unkeyed", provider: "alicloud", places: ["cn-shanghai"] },
      { address: "alicloud_vswitch.unconfigured", provider: "alicloud", places: ["cn-shanghai"] },
    ]);
  });

  it("places a module's resources by the provider configuration passed to the module, nested", () => {
    const root = {
      module_calls: {
        net: {
          module: {
            resources: [{ address: "alicloud_vswitch.s", provider_config_key: "alicloud.hk" }],
            module_calls: {
              inner: {
                module: { resources: [{ address: "alicloud_vpc.v", provider_config_key: "alicloud.hk" }] },
              },
            },
          },
        },
      },
    };
    const changes = [
      change("module.net.alicloud_vswitch.s", "alicloud_vswitch"),
      change("module.net.module.inner.alicloud_vpc.v", "alicloud_vpc"),
    ];
    expect(placements(planOf(changes, root))).toEqual([
      { address: "module.net.alicloud_vswitch.s", provider: "alicloud.hk", places: ["cn-hongkong"] },
      { address: "module.net.module.inner.alicloud_vpc.v", provider: "alicloud.hk", places: ["cn-hongkong"] },
    ]);
  });

  it("leaves out resources the plan deletes, and data sources from the placements", () => {
    const changes = [
      change("alicloud_vswitch.gone", "alicloud_vswitch", { zone_id: "cn-hongkong-b" }, ["delete"]),
      { ...change("data.alicloud_zones.z", "alicloud_zones", {}, ["read"]), mode: "data" },
      change("alicloud_vswitch.kept", "alicloud_vswitch", {}, ["update"]),
      change("alicloud_vswitch.odd", "alicloud_vswitch", {}, ["create", "update"]),
      { ...change("alicloud_vswitch.none", "alicloud_vswitch"), change: { after: {} } },
    ];
    const stack = read(planOf(changes));
    expect(stack.resources.map(({ address, mode, action }) => [address, mode, action])).toEqual([
      ["data.alicloud_zones.z", "data", "read"],
      ["alicloud_vswitch.kept", "managed", "update"],
      ["alicloud_vswitch.odd", "managed", undefined],
      ["alicloud_vswitch.none", "managed", undefined],
    ]);
    expect(placements(planOf(changes)).map(({ address }) => address)).toEqual([
      "alicloud_vswitch.kept",
      "alicloud_vswitch.odd",
      "alicloud_vswitch.none",
    ]);
  });

  it("refuses a provider region the plan records as no value, or as any expression but one planned variable", () => {
    const reasons = (region: unknown, variables?: Record<string, unknown>) =>
      checkStacks(
        [read(planOf([], {}, { alicloud: { name: "alicloud", expressions: { region } } }, variables))],
        { today: "2026-06-01", packs: [RESIDENCY_PACK] },
      ).findings.map((finding) => finding.resolved);
    expect(reasons("cn-shanghai")).toEqual(["the plan records no value for it"]);
    expect(reasons({ references: ["var.region", "var.zone"] })).toEqual([
      "the plan records it as an expression (var.region, var.zone)",
    ]);
    expect(reasons({ references: [7] })).toEqual(["the plan records it as an expression (7)"]);
    expect(reasons({})).toEqual(["the plan records it as an expression (computed)"]);
    expect(reasons({ references: "var.region" })).toEqual([
      "the plan records it as an expression (computed)",
    ]);
    expect(reasons({ references: ["local.var.region"] })).toEqual([
      "the plan records it as an expression (local.var.region)",
    ]);
    expect(reasons({ references: ["var.region.name"] })).toEqual([
      "the plan records it as an expression (var.region.name)",
    ]);
    expect(reasons({ references: ["var.region"] }, { region: "cn-shanghai" })).toEqual([
      "the plan records it as an expression (var.region)",
    ]);
    expect(reasons({ references: ["var.region"] })).toEqual([]);
    expect(reasons({ constant_value: "cn-shanghai" })).toEqual([]);
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
