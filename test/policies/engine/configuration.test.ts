import { isOverrideFile, readConfiguration, type ConfigFile } from "../../../policies/engine/configuration";
import { InputError } from "../../../policies/engine/json";

const files = (byName: Record<string, unknown>): ConfigFile[] =>
  Object.entries(byName).map(([path, document]) => ({ path: `mod/${path}`, document }));

const failure = (byName: Record<string, unknown>): InputError => {
  try {
    readConfiguration(files(byName));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("readConfiguration", () => {
  it("merges the files of a module and reads every JSON form of a block", () => {
    const configuration = readConfiguration(
      files({
        "main.tf": {
          terraform: [{ required_version: ">= 1.0" }, { backend: [{ oss: [{ region: "cn-shanghai" }] }] }],
          provider: [
            { alicloud: { region: "cn-shanghai" } },
            { alicloud: [{ alias: "dr", region: "cn-beijing" }] },
          ],
          resource: [{ alicloud_vpc: { a: [{ cidr_block: "10.0.0.0/16" }] } }, { alicloud_vpc: [{ b: {} }] }],
          locals: [{ one: 1 }, { two: 2 }],
        },
        "more.tf.json": {
          data: { alicloud_zones: { all: {} } },
          variable: { region: [{ type: "string" }] },
          module: [{ net: { source: "./net" } }],
          output: { o: { value: "x" } },
        },
      }),
    );
    expect([...configuration.providers.keys()]).toEqual(["alicloud", "alicloud.dr"]);
    expect(configuration.resources.map((resource) => resource.address)).toEqual([
      "alicloud_vpc.a",
      "alicloud_vpc.b",
      "data.alicloud_zones.all",
    ]);
    expect(configuration.resources[0]).toMatchObject({
      file: "mod/main.tf",
      body: { cidr_block: "10.0.0.0/16" },
    });
    expect(configuration.backend).toEqual({
      file: "mod/main.tf",
      type: "oss",
      body: { region: "cn-shanghai" },
    });
    expect([...configuration.locals.keys()]).toEqual(["one", "two"]);
    expect(configuration.variables.get("region")?.body).toEqual({ type: "string" });
    expect(configuration.moduleCalls.get("net")).toEqual({
      file: "mod/more.tf.json",
      body: { source: "./net" },
    });
    expect([...configuration.outputs.keys()]).toEqual(["o"]);
  });

  it.each([
    ["a resource", { resource: { alicloud_vpc: { a: {} } } }, 'duplicate resource "alicloud_vpc.a"'],
    ["a data source", { data: { alicloud_zones: { z: {} } } }, 'duplicate resource "data.alicloud_zones.z"'],
    [
      "a provider configuration",
      { provider: { alicloud: { alias: "dr" } } },
      'duplicate provider configuration "alicloud.dr"',
    ],
    ["a variable", { variable: { v: {} } }, 'duplicate variable "v"'],
    ["a local value", { locals: { l: 1 } }, 'duplicate local value "l"'],
    ["an output", { output: { o: {} } }, 'duplicate output "o"'],
    ["a module call", { module: { m: { source: "./m" } } }, 'duplicate module call "m"'],
    [
      "a backend",
      { terraform: { backend: { oss: {} } } },
      'backend "oss" where backend "oss" is already configured (in mod/a.tf)',
    ],
  ])("refuses %s defined in two files, naming both", (_what, document, message) => {
    const error = failure({ "a.tf": document, "b.tf.json": document });
    expect(error.file).toBe("mod/b.tf.json");
    expect(error.message).toContain(message);
    if (!message.startsWith("backend")) expect(error.message).toContain("also defined in mod/a.tf");
  });

  it("names the file of a block of the wrong type", () => {
    const error = failure({ "a.tf": {}, "b.tf": { resource: { alicloud_vpc: { v: 3 } } } });
    expect(error.file).toBe("mod/b.tf");
    expect(error.message).toBe(
      'resource "alicloud_vpc" "v" must be a JSON object or an array of objects, not a number',
    );
  });
});

describe("override files", () => {
  it("are override.tf, override.tf.json, *_override.tf and *_override.tf.json", () => {
    for (const name of ["override.tf", "override.tf.json", "a_override.tf", "dir/x_override.tf.json"])
      expect(isOverrideFile(name)).toBe(true);
    for (const name of [
      "main.tf",
      "overrides.tf",
      "a-override.tf",
      "override.tfvars",
      "override.json",
      "override",
    ])
      expect(isOverrideFile(name)).toBe(false);
  });

  const base = {
    provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "dr", region: "cn-beijing" }] },
    resource: {
      alicloud_oss_bucket: {
        b: {
          bucket: "b",
          tags: { a: "1" },
          versioning: [{ status: "Enabled" }],
          lifecycle: { prevent_destroy: true, ignore_changes: ["tags"] },
        },
      },
    },
    variable: { region: { type: "string", default: "cn-shanghai", validation: [{ condition: "${true}" }] } },
    locals: { zone: "cn-shanghai-e" },
    output: { o: { value: "a" } },
    module: { m: { source: "./m", cidr: "10.0.0.0/16" } },
    terraform: { cloud: { organization: "o" } },
  };

  it("merge as Terraform merges them: arguments and nested block types replaced, lifecycle argument by argument", () => {
    const configuration = readConfiguration(
      files({
        "main.tf": base,
        "override.tf": {
          resource: {
            alicloud_oss_bucket: {
              b: { tags: { b: "2" }, versioning: [], lifecycle: [{ prevent_destroy: false }] },
            },
          },
          variable: { region: { default: "cn-hangzhou", validation: [{ condition: "${false}" }] } },
          locals: [{ zone: "cn-hangzhou-a" }],
          output: { o: { value: "b" } },
          module: { m: { cidr: "10.1.0.0/16" } },
          provider: { alicloud: { alias: "dr", region: "cn-wulanchabu" } },
          terraform: { backend: { oss: { region: "cn-hangzhou" } } },
        },
      }),
    );
    expect(configuration.resources[0]).toEqual({
      file: "mod/main.tf",
      address: "alicloud_oss_bucket.b",
      mode: "managed",
      type: "alicloud_oss_bucket",
      name: "b",
      typeProvider: "alicloud",
      providerKey: "alicloud",
      constructPath: undefined,
      body: {
        bucket: "b",
        tags: { b: "2" },
        versioning: [],
        lifecycle: { prevent_destroy: false, ignore_changes: ["tags"] },
      },
    });
    // Terraform keeps the original's validations: an override cannot pin (or unpin) a variable.
    expect(configuration.variables.get("region")?.body).toEqual({
      type: "string",
      default: "cn-hangzhou",
      validation: [{ condition: "${true}" }],
    });
    expect(configuration.locals.get("zone")).toEqual({ file: "mod/override.tf", value: "cn-hangzhou-a" });
    expect(configuration.outputs.get("o")?.body).toEqual({ value: "b" });
    expect(configuration.moduleCalls.get("m")?.body).toEqual({ source: "./m", cidr: "10.1.0.0/16" });
    expect(configuration.providers.get("alicloud.dr")?.body).toEqual({
      alias: "dr",
      region: "cn-wulanchabu",
    });
    expect(configuration.providers.get("alicloud")?.body).toEqual({ region: "cn-shanghai" });
    // A backend in an override file replaces the cloud block, and the other way round.
    expect(configuration.backend).toEqual({
      file: "mod/override.tf",
      type: "oss",
      body: { region: "cn-hangzhou" },
    });
  });

  it("apply in lexical order of their names, whatever order the files come in, each after every primary file", () => {
    const configuration = readConfiguration(
      files({
        "b_override.tf": { locals: { zone: "from-b" } },
        "a_override.tf": { locals: { zone: "from-a" } },
        "z.tf": base,
      }),
    );
    expect(configuration.locals.get("zone")?.value).toBe("from-b");
  });

  it("may create the default provider configuration, which exists implicitly", () => {
    const configuration = readConfiguration(
      files({
        "main.tf": { resource: { alicloud_vpc: { v: {} } } },
        "override.tf": { provider: { alicloud: { region: "cn-shanghai" } } },
      }),
    );
    expect(configuration.providers.get("alicloud")?.body).toEqual({ region: "cn-shanghai" });
  });

  it.each([
    [
      "a resource",
      { resource: { alicloud_vpc: { other: {} } } },
      'resource "alicloud_vpc.other" is in an override file, but no primary file',
    ],
    [
      "a data source",
      { data: { alicloud_zones: { z: {} } } },
      'resource "data.alicloud_zones.z" is in an override file',
    ],
    ["a variable", { variable: { other: {} } }, 'variable "other" is in an override file'],
    ["a local value", { locals: { other: 1 } }, 'local value "other" is in an override file'],
    ["an output", { output: { other: {} } }, 'output "other" is in an override file'],
    ["a module call", { module: { other: {} } }, 'module call "other" is in an override file'],
    [
      "an aliased provider",
      { provider: { alicloud: { alias: "other" } } },
      'provider configuration "alicloud.other" is in an override file',
    ],
    [
      "depends_on on a resource",
      { resource: { alicloud_oss_bucket: { b: { depends_on: [] } } } },
      "depends_on cannot be overridden",
    ],
    ["depends_on on an output", { output: { o: { depends_on: [] } } }, "depends_on cannot be overridden"],
    ["depends_on on a module call", { module: { m: { depends_on: [] } } }, "depends_on cannot be overridden"],
    ["a moved block", { moved: { from: "a", to: "b" } }, 'an override file cannot hold "moved" blocks'],
    ["an import block", { import: [{ to: "a", id: "b" }] }, 'an override file cannot hold "import" blocks'],
    [
      "two backends",
      { terraform: [{ backend: { oss: {} } }, { cloud: {} }] },
      "at most one backend or cloud block",
    ],
  ])("refuse %s they cannot apply, naming the override file", (_what, override, message) => {
    const error = failure({ "main.tf": base, "x_override.tf.json": override });
    expect(error.file).toBe("mod/x_override.tf.json");
    expect(error.message).toContain(message);
  });
});
