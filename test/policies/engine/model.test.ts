import { InputError, providerOfType, readStack } from "../../../policies/engine/model";

const read = (document: unknown) => readStack(document, "in.json", "fallback");

describe("readStack", () => {
  it.each([
    [[], "expected a JSON object, found an array"],
    [null, "expected a JSON object, found null"],
    ["cdk.tf.json", "expected a JSON object, found a string"],
    [{}, "neither Terraform JSON nor a terraform show -json plan (empty object)"],
    [
      { resource: {}, resources: [] },
      'neither Terraform JSON nor a terraform show -json plan (unexpected top-level key "resources")',
    ],
    [
      { format_version: "1.2" },
      'neither Terraform JSON nor a terraform show -json plan (unexpected top-level key "format_version")',
    ],
    [{ provider: [] }, '"provider" must be a JSON object, not an array'],
    [{ provider: { alicloud: [7] } }, 'provider "alicloud" must be a JSON object, not a number'],
    [{ resource: { alicloud_vpc: [] } }, '"resource" "alicloud_vpc" must be a JSON object, not an array'],
    [
      { data: { alicloud_zones: { z: true } } },
      '"data" "alicloud_zones" "z" must be a JSON object, not a boolean',
    ],
    [{ terraform: { backend: "oss" } }, '"terraform.backend" must be a JSON object, not a string'],
    [{ terraform: { backend: { oss: 1 } } }, "terraform.backend.oss must be a JSON object, not a number"],
    [{ terraform: { cloud: [] } }, "terraform.cloud must be a JSON object, not an array"],
    [{ "//": { metadata: [] } }, '"//".metadata must be a JSON object, not an array'],
    [{ variable: 1 }, '"variable" must be a JSON object, not a number'],
    [{ output: [] }, '"output" must be a JSON object, not an array'],
    [{ module: "m" }, '"module" must be a JSON object, not a string'],
    [{ locals: [{}, 2] }, '"locals" must be a JSON object, not a number'],
    [{ locals: "x" }, '"locals" must be a JSON object, not a string'],
    [{ terraform: null }, '"terraform" must be a JSON object, not null'],
    [{ "//": [] }, '"//" must be a JSON object, not an array'],
    [
      { data: { terraform_remote_state: { shared: { backend: "oss", config: "x" } } } },
      "data.terraform_remote_state.shared.config must be a JSON object, not a string",
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
    expect(stack).toMatchObject({ name: "network", kind: "cdktf", file: "in.json", modules: ["module.vpc"] });
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

  it("reads remote state and cloud blocks as backends", () => {
    const stack = read({
      terraform: { backend: { oss: { region: "cn-shanghai" } }, cloud: { organization: "o" } },
      data: {
        terraform_remote_state: { shared: { backend: "oss", config: { region: "cn-hangzhou" } }, local: {} },
        alicloud_zones: { z: { backend: "oss", config: {} } },
      },
      resource: { terraform_remote_state: { not_data: { backend: "s3" } } },
    });
    expect(stack.backends.map(({ address, type, config }) => [address, type, config])).toEqual([
      ["terraform.backend.oss", "oss", { region: "cn-shanghai" }],
      ["terraform.cloud", "cloud", { organization: "o" }],
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
