import { InputError, providerOfType, readStack } from "../../../policies/engine/model";

const read = (document: unknown) => readStack(document, "in.json", "fallback");

describe("readStack", () => {
  it.each([
    [[], "neither Terraform JSON nor a terraform show -json plan (empty)"],
    [{}, "neither Terraform JSON nor a terraform show -json plan (empty)"],
    [null, "expected a JSON object, found null"],
    ["cdk.tf.json", "expected a JSON object, found a string"],
    [[[1]], "the file must be a JSON object or an array of objects, not an array"],
    [{ resource: {}, resources: [] }, 'unexpected top-level key "resources" (not a Terraform block type)'],
    [{ format_version: "1.2" }, 'unexpected top-level key "format_version" (not a Terraform block type)'],
    [
      { ephemeral: { random_password: { db: { length: 16 } } } },
      "ephemeral blocks (Terraform 1.10+) are not read by this check, so it refuses them rather than pass what it cannot see: an ephemeral resource is opened by its provider at plan and apply, and no plan records it (alicloud 1.247.0 has no ephemeral resource type)",
    ],
    [
      { check: { health: { data: { http: { site: { url: "https://example.com" } } }, assert: {} } } },
      'check "health" has a scoped data source, which this check does not read, so it refuses it rather than pass what it cannot see; declare the data source at the top level of the module',
    ],
    [{ provider: 3 }, "provider must be a JSON object or an array of objects, not a number"],
    [
      { provider: { alicloud: [7] } },
      'provider "alicloud" must be a JSON object or an array of objects, not a number',
    ],
    [
      { resource: { alicloud_vpc: 1 } },
      'resource "alicloud_vpc" must be a JSON object or an array of objects, not a number',
    ],
    [
      { data: { alicloud_zones: { z: true } } },
      'data "alicloud_zones" "z" must be a JSON object or an array of objects, not a boolean',
    ],
    [
      { terraform: { backend: "oss" } },
      "terraform.backend must be a JSON object or an array of objects, not a string",
    ],
    [
      { terraform: { backend: { oss: 1 } } },
      "terraform.backend.oss must be a JSON object or an array of objects, not a number",
    ],
    [
      { terraform: { cloud: 2 } },
      "terraform.cloud must be a JSON object or an array of objects, not a number",
    ],
    [{ "//": { metadata: [] } }, '"//".metadata must be a JSON object, not an array'],
    [{ variable: 1 }, "variable must be a JSON object or an array of objects, not a number"],
    [{ output: { o: "x" } }, 'output "o" must be a JSON object or an array of objects, not a string'],
    [{ module: "m" }, "module must be a JSON object or an array of objects, not a string"],
    [{ locals: [{}, 2] }, "locals must be a JSON object or an array of objects, not a number"],
    [{ locals: "x" }, "locals must be a JSON object or an array of objects, not a string"],
    [
      { data: { terraform_remote_state: { shared: { backend: "oss", config: "x" } } } },
      "data.terraform_remote_state.shared.config must be a JSON object, not a string",
    ],
    [{ resource: { a_b: { x: [{}, {}] } } }, 'duplicate resource "a_b.x": it is defined twice in the file'],
    [{ resource: [{ a_b: { x: {} } }, { a_b: { x: {} } }] }, 'duplicate resource "a_b.x"'],
    [{ resource: { a_b: [{ x: {} }, { x: {} }] } }, 'duplicate resource "a_b.x"'],
    [[{ data: { a_b: { x: {} } } }, { data: { a_b: { x: {} } } }], 'duplicate resource "data.a_b.x"'],
    [{ locals: [{ a: 1 }, { a: 2 }] }, 'duplicate local value "a"'],
    [{ provider: { alicloud: [{}, {}] } }, 'duplicate provider configuration "alicloud"'],
    [{ variable: [{ v: {} }, { v: {} }] }, 'duplicate variable "v"'],
    [{ output: { o: [{}, {}] } }, 'duplicate output "o"'],
    [{ module: { m: [{}, {}] } }, 'duplicate module call "m"'],
    [
      { terraform: [{ backend: { oss: {} } }, { backend: { s3: {} } }] },
      'backend "s3" where backend "oss" is already configured (in in.json): a module has at most one',
    ],
    [
      { terraform: { backend: { oss: {} }, cloud: {} } },
      'a cloud block where backend "oss" is already configured',
    ],
  ])("refuses %j with a message that says what is wrong", (document, message) => {
    expect(() => read(document)).toThrow(InputError);
    expect(() => read(document)).toThrow(message);
  });

  it("reads the stack name, locals written as a list of blocks, modules and construct paths", () => {
    const stack = read({
      "//": { metadata: { stackName: "network" } },
      locals: [{ a: "cn-shanghai" }, { b: "cn-hangzhou" }],
      module: { vpc: { source: "./vpc" } },
      resource: {
        alicloud_vpc: { v: { "//": { metadata: { path: "network/v" } }, provider: "${alicloud.dr}" } },
      },
      data: { alicloud_zones: { z: { "//": { metadata: { path: 7 } } } } },
    });
    expect(stack).toMatchObject({ name: "network", kind: "cdktf", file: "in.json" });
    expect([...stack.modules.keys()]).toEqual(["module.vpc"]);
    expect(stack.locals).toEqual({ a: "cn-shanghai", b: "cn-hangzhou" });
    expect(
      stack.resources.map(({ address, mode, providerKey, constructPath }) => [
        address,
        mode,
        providerKey,
        constructPath,
      ]),
    ).toEqual([
      ["alicloud_vpc.v", "managed", "alicloud.dr", "network/v"],
      ["data.alicloud_zones.z", "data", "alicloud", undefined],
    ]);
    expect(stack.providers.get("alicloud.dr")).toMatchObject({ name: "alicloud", declared: false, body: {} });
    expect(read({ "//": { metadata: { stackName: 3 } }, locals: {} }).name).toBe("fallback");
  });

  it("accepts check, removed, moved and import blocks, which place nothing, beside the resources", () => {
    const model = read({
      check: { health: { assert: { condition: "${true}", error_message: "never" } } },
      removed: { from: "alicloud_vpc.old", lifecycle: { destroy: false } },
      resource: { alicloud_vpc: { main: { cidr_block: "10.0.0.0/16" } } },
    });
    expect(model.resources.map((resource) => resource.address)).toEqual(["alicloud_vpc.main"]);
  });

  it("reads a cloud block as a backend", () => {
    expect(read({ terraform: [{ cloud: { organization: "o" } }] }).backends).toEqual([
      { address: "terraform.cloud", type: "cloud", config: { organization: "o" } },
    ]);
  });

  it("reads remote state as backends", () => {
    const stack = read({
      terraform: { backend: { oss: { region: "cn-shanghai" } } },
      data: {
        terraform_remote_state: { shared: { backend: "oss", config: { region: "cn-hangzhou" } }, local: {} },
        alicloud_zones: { z: { backend: "oss", config: {} } },
      },
      resource: { terraform_remote_state: { not_data: { backend: "s3" } } },
    });
    expect(stack.backends.map(({ address, type, config }) => [address, type, config])).toEqual([
      ["terraform.backend.oss", "oss", { region: "cn-shanghai" }],
      ["data.terraform_remote_state.shared", "oss", { region: "cn-hangzhou" }],
      ["data.terraform_remote_state.local", "local", {}],
    ]);
  });

  it("unwraps a provider reference only when the whole value is one interpolation", () => {
    const providerKeys = (...providers: string[]) =>
      read({
        resource: {
          alicloud_vpc: Object.fromEntries(providers.map((provider, index) => [`v${index}`, { provider }])),
        },
      }).resources.map((resource) => resource.providerKey);
    expect(providerKeys("${alicloud.dr}", "alicloud.dr", "x${alicloud.dr}", "${alicloud.dr}x")).toEqual([
      "alicloud.dr",
      "alicloud.dr",
      "x${alicloud.dr}",
      "${alicloud.dr}x",
    ]);
  });

  it("names a resource type's provider by the part before the first underscore", () => {
    expect(providerOfType("alicloud_oss_bucket")).toBe("alicloud");
    expect(providerOfType("random")).toBe("random");
    expect(providerOfType("_odd")).toBe("");
  });
});
