import { InputError } from "../../../policies/engine/json";
import {
  bindVariables,
  loadRootModule,
  MAX_MODULE_DEPTH,
  type ModuleReader,
  type VariableFile,
} from "../../../policies/engine/load";
import { providerConfigOf, type StackModel } from "../../../policies/engine/model";

/** A file system of module directories, each one Terraform JSON document. */
function readerOf(modules: Record<string, unknown>): ModuleReader {
  return {
    readLocalModule(fromDirectory, source, callFile) {
      const directory = source.startsWith("../")
        ? `${fromDirectory.split("/").slice(0, -1).join("/")}/${source.slice(3)}`
        : `${fromDirectory}/${source.slice(2)}`;
      const document = modules[directory];
      if (document === undefined)
        return Promise.reject(new InputError(`no module at ${directory}`, callFile));
      return Promise.resolve({
        directory,
        identity: directory,
        files: [{ path: `${directory}/main.tf`, document }],
      });
    },
  };
}

const load = (root: unknown, modules: Record<string, unknown> = {}, variableFiles: VariableFile[] = []) =>
  loadRootModule(
    {
      name: "app",
      directory: "root",
      identity: "root",
      files: [{ path: "root/main.tf", document: root }],
      variableFiles,
    },
    readerOf(modules),
  );

const failure = async (loading: Promise<unknown>): Promise<InputError> => {
  try {
    await loading;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("bindVariables", () => {
  const declared = { region: {}, zones: {}, tags: {} };

  it("binds in Terraform's precedence, later files winning, and says which file each value came from", () => {
    const bound = bindVariables(declared, [
      { path: "terraform.tfvars", syntax: "hcl", values: { region: "cn-hangzhou", zones: ["a"] } },
      { path: "x.auto.tfvars.json", syntax: "json", values: { region: "cn-beijing" } },
      { path: "prod.tfvars", syntax: "hcl", values: { tags: { owner: "dc" } } },
    ]);
    expect(Object.fromEntries(bound)).toEqual({
      region: { value: "cn-beijing", file: "x.auto.tfvars.json" },
      zones: { value: ["a"], file: "terraform.tfvars" },
      tags: { value: { owner: "dc" }, file: "prod.tfvars" },
    });
  });

  it("takes JSON strings literally and HCL strings as the constants Terraform computes", () => {
    const bound = bindVariables(declared, [
      { path: "a.tfvars.json", syntax: "json", values: { region: "${var.other}" } },
      {
        path: "b.tfvars",
        syntax: "hcl",
        values: { zones: ["cn-$${x}", "${1 + 2}"], tags: { "%%{k}": "v" } },
      },
    ]);
    expect(bound.get("region")?.value).toBe("${var.other}");
    expect(bound.get("zones")?.value).toEqual(["cn-${x}", 3]);
    expect(bound.get("tags")?.value).toEqual({ "%{k}": "v" });
  });

  it.each([
    ["a reference", "${var.other}", 'variable "zones" refers to other values or calls a function'],
    [
      "a function call",
      '${upper("cn-shanghai")}',
      'variable "zones" refers to other values or calls a function',
    ],
    ["a template that does not parse", "${", 'variable "zones" is not a valid expression'],
  ])("refuses %s in a .tfvars file, as Terraform does, naming the file", (_what, text, message) => {
    const binding = () =>
      bindVariables(declared, [{ path: "b.tfvars", syntax: "hcl", values: { zones: [text] } }]);
    expect(binding).toThrow(message);
    expect(binding).toThrow(expect.objectContaining({ file: "b.tfvars" }));
  });

  it("refuses a file that sets an undeclared variable or is not a set of variables, naming the file", () => {
    expect(() =>
      bindVariables(declared, [{ path: "t.tfvars", syntax: "hcl", values: { regoin: "x" } }]),
    ).toThrow(
      new InputError(
        'sets variable "regoin", which the root module does not declare (a misspelt name would leave the intended value unset)',
      ),
    );
    expect(() => bindVariables(declared, [{ path: "t.tfvars.json", syntax: "json", values: [1] }])).toThrow(
      "a tfvars file must set variables",
    );
    let nested: unknown = "deep";
    for (let level = 0; level < 100; level++) nested = { level: nested };
    expect(() =>
      bindVariables(declared, [{ path: "t.tfvars.json", syntax: "json", values: { tags: nested } }]),
    ).toThrow('variable "tags" is nested more than 64 levels deep');
  });
});

describe("loadRootModule", () => {
  const root = {
    provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "dr", region: "cn-beijing" }] },
    variable: { region: {} },
    module: {
      net: { source: "./net", cidr: "10.0.0.0/16" },
      dr: { source: "./net", cidr: "10.1.0.0/16", providers: { alicloud: "${alicloud.dr}" } },
      registry: { source: "terraform-alicloud-modules/vpc/alicloud" },
    },
  };
  const net = {
    variable: { cidr: {} },
    resource: { alicloud_vpc: { main: { cidr_block: "${var.cidr}" } } },
    module: { inner: { source: "../shared" } },
    terraform: { backend: { s3: { region: "us-east-1" } } },
  };
  const shared = { resource: { alicloud_vswitch: { s: { provider: "alicloud.dr" } } } };
  const modules = { "root/net": net, "root/shared": shared };

  it("expands local modules recursively, addressing their resources under the call, remote calls left with the reason", async () => {
    const model = await load(root, modules, [
      { path: "root/terraform.tfvars", syntax: "hcl", values: { region: "cn-hangzhou" } },
    ]);
    expect(model.variableValues?.get("region")).toEqual({
      value: "cn-hangzhou",
      file: "root/terraform.tfvars",
    });
    expect([...model.modules.keys()]).toEqual(["module.registry"]);
    expect(model.unexpandedModules?.get("module.registry")).toContain("is not a local path");
    const children = model.children ?? [];
    expect(children.map((child) => [child.name, child.file, child.module?.path])).toEqual([
      ["app", "root/net", "module.net"],
      ["app", "root/net", "module.dr"],
    ]);
    const [first, second] = children as [StackModel, StackModel];
    expect(first.module?.parent).toBe(model);
    expect(first.module?.arguments).toEqual(root.module.net);
    expect(first.resources.map((resource) => resource.address)).toEqual(["module.net.alicloud_vpc.main"]);
    // Terraform ignores a backend outside the root module.
    expect(first.backends).toEqual([]);
    const inner = first.children?.[0];
    expect(inner?.module?.path).toBe("module.net.module.inner");
    expect(inner?.resources[0]?.address).toBe("module.net.module.inner.alicloud_vswitch.s");
    expect(second.children?.[0]?.resources[0]?.address).toBe("module.dr.module.inner.alicloud_vswitch.s");
  });

  it("gives a module's resources their caller's provider: the one passed, or the inherited default, never an alias not passed", async () => {
    const model = await load(root, modules);
    const [net, dr] = model.children as [StackModel, StackModel];
    const region = (stack: StackModel) => providerConfigOf(stack, stack.resources[0] as never).body.region;
    expect(region(net)).toBe("cn-shanghai");
    expect(region(dr)).toBe("cn-beijing");
    // alicloud.dr is neither declared in the module nor passed to it: Terraform has no configuration for it.
    const inner = net.children?.[0] as StackModel;
    expect(inner.providers.get("alicloud.dr")).toMatchObject({ declared: false, body: {} });
  });

  it("expands a count or for_each per instance, evaluated in the caller, and refuses one it cannot know, with the reason", async () => {
    const model = await load(
      {
        locals: { zones: ["cn-shanghai-b", "cn-shanghai-g"] },
        module: {
          two: { source: "./net", count: 2 },
          none: { source: "./net", count: 0 },
          each: { source: "./net", for_each: { a: "10.0.0.0/16", b: "10.1.0.0/16" } },
          perZone: { source: "./net", count: "${length(local.zones)}" },
          set: { source: "./net", for_each: '${toset(["x", "y"])}' },
          computed: { source: "./net", count: "${length(var.zones)}" },
          listed: { source: "./net", for_each: ["a"] },
          negative: { source: "./net", count: -1 },
        },
      },
      { "root/net": { resource: { alicloud_vpc: { v: {} } } } },
    );
    expect(model.children?.map((child) => [child.module?.path, child.moduleInstance])).toEqual([
      ["module.two[0]", { key: 0, value: undefined }],
      ["module.two[1]", { key: 1, value: undefined }],
      ['module.each["a"]', { key: "a", value: "10.0.0.0/16" }],
      ['module.each["b"]', { key: "b", value: "10.1.0.0/16" }],
      ["module.perZone[0]", { key: 0, value: undefined }],
      ["module.perZone[1]", { key: 1, value: undefined }],
      // A set of strings: each element is both each.key and each.value, already computed.
      ['module.set["x"]', { key: "x", value: "x", computed: true }],
      ['module.set["y"]', { key: "y", value: "y", computed: true }],
    ]);
    expect(model.children?.[2]?.resources[0]?.address).toBe('module.each["a"].alicloud_vpc.v');
    expect(Object.fromEntries(model.unexpandedModules ?? [])).toEqual({
      "module.computed":
        "its count is not known before apply (length() of an unknown value: var.zones is not declared in stack app), so the instances cannot be known before plan",
      "module.listed": "Terraform reports an error: its for_each is not a map or a set of strings",
      "module.negative": "Terraform reports an error: its count is not a whole number",
    });
    expect([...model.modules.keys()]).toEqual(["module.computed", "module.listed", "module.negative"]);
  });

  it.each([
    [
      "a missing module",
      { module: { m: { source: "./missing" } } },
      {},
      "no module at root/missing",
      "root/main.tf",
    ],
    [
      "a source that is not a string",
      { module: { m: { source: 3 } } },
      {},
      'module "m": source must be a literal string',
      "root/main.tf",
    ],
    [
      "both count and for_each",
      { module: { m: { source: "./m", count: 1, for_each: {} } } },
      { "root/m": {} },
      'module "m" sets both count and for_each; Terraform allows one',
      "root/main.tf",
    ],
    [
      "a cycle",
      { module: { a: { source: "./a" } } },
      {
        "root/a": { module: { b: { source: "./b" } } },
        "root/a/b": { module: { back: { source: "../b" } } },
      },
      'module "back" calls root/a/b, which is already among its callers: a cycle',
      "root/a/b/main.tf",
    ],
  ])("refuses %s, naming the calling file", async (_what, document, modules, message, file) => {
    const error = await failure(load(document, modules));
    expect(error.message).toBe(message);
    expect(error.file).toBe(file);
  });

  it(`refuses module trees deeper than ${MAX_MODULE_DEPTH} calls`, async () => {
    const modules: Record<string, unknown> = {};
    let directory = "root";
    for (let depth = 0; depth <= MAX_MODULE_DEPTH; depth++) {
      directory = `${directory}/m`;
      modules[directory] = { module: { m: { source: "./m" } } };
    }
    const error = await failure(load({ module: { m: { source: "./m" } } }, modules));
    expect(error.message).toBe(`module "m" is nested more than ${MAX_MODULE_DEPTH} calls deep`);
  });
});
