import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { BadInputError, checkPaths, loadStacks } from "../../../../policies/adapters/cli/inputs";
import { Unresolvable } from "../../../../policies/engine/model";
import { RESIDENCY_PACK } from "../../../../policies/packs/residency";

const work = mkdtempSync(path.join(tmpdir(), "residency-inputs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a directory of files and returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const root = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const HOME = `provider "alicloud" {\n  region = "cn-shanghai"\n}\n`;
const PROVIDERS = `${HOME}provider "alicloud" {\n  alias  = "abroad"\n  region = "ap-southeast-1"\n}\n`;

const check = (...paths: string[]) => checkPaths(paths, { packs: [RESIDENCY_PACK] });

async function problem(input: string, variableFiles?: string[]): Promise<string> {
  try {
    await loadStacks(input, { variableFiles });
  } catch (error) {
    if (error instanceof BadInputError) return error.message;
    throw error;
  }
  throw new Error("expected bad input");
}

describe("a Terraform module directory", () => {
  it("is read from all its .tf and .tf.json files, HCL through HashiCorp's parser, as Terraform JSON", async () => {
    const root = tree("mixed", {
      "providers.tf": HOME,
      "main.tf": `resource "alicloud_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
      "more.tf.json": JSON.stringify({
        resource: [{ alicloud_vswitch: { s: [{ vpc_id: "${alicloud_vpc.main.id}" }] } }],
      }),
      ".hidden.tf": "this is not HCL {",
      "notes.tf~": "neither {",
      "README.md": "# not configuration",
    });
    const [stack] = await loadStacks(root);
    expect(stack).toMatchObject({ name: "mixed", file: root, kind: "terraform" });
    expect(stack?.resources.map((resource) => [resource.address, resource.body])).toEqual([
      ["alicloud_vpc.main", { cidr_block: "10.0.0.0/16" }],
      ["alicloud_vswitch.s", { vpc_id: "${alicloud_vpc.main.id}" }],
    ]);
    const report = await check(root);
    expect(report.summary).toMatchObject({ violations: 0, resources: 2 });
    expect(report.inputs).toEqual([{ path: root, kind: "terraform" }]);
  });

  it("refuses a resource placed abroad, wherever in the module it is written", async () => {
    const root = tree("abroad", {
      "providers.tf": PROVIDERS,
      "main.tf": `resource "alicloud_vpc" "far" {\n  provider = alicloud.abroad\n}\n`,
    });
    const report = await check(root);
    expect(report.findings.filter((finding) => !finding.covered)).toEqual([
      expect.objectContaining({
        rule: "RES-PROVIDER-REGION",
        address: "provider.alicloud.abroad",
        verdict: "outside",
        // Findings and placements name the file that defines the block, not only the directory.
        source: { file: path.join(root, "providers.tf") },
      }),
    ]);
    expect(report.resources.map((resource) => resource.source)).toEqual([
      { file: path.join(root, "main.tf") },
    ]);
  });

  it("applies override files after the primary files, as Terraform merges them", async () => {
    const root = tree("override", {
      "providers.tf": HOME,
      "main.tf": `resource "alicloud_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
      "override.tf": `provider "alicloud" {\n  region = "us-west-1"\n}\n`,
    });
    const report = await check(root);
    expect(report.findings).toEqual([
      expect.objectContaining({ address: "provider.alicloud", value: "us-west-1", verdict: "outside" }),
    ]);
  });

  it("binds variables from terraform.tfvars, *.auto.tfvars(.json) in lexical order, then each --var-file", async () => {
    const root = tree("variables", {
      "main.tf": `variable "region" {}\nvariable "zone" {}\nvariable "cidr" {}\nvariable "owner" {}\n`,
      "terraform.tfvars": `region = "cn-hangzhou"\nzone = "cn-hangzhou-a"\ncidr = "10.0.0.0/8"\nowner = "a"\n`,
      "terraform.tfvars.json": JSON.stringify({ zone: "cn-hangzhou-b" }),
      "b.auto.tfvars": `cidr = "10.1.0.0/16"\n`,
      "a.auto.tfvars.json": JSON.stringify({ cidr: "10.2.0.0/16", owner: "b" }),
    });
    const extra = tree("variables-extra", { "prod.tfvars": `owner = "c"\n` });
    const [stack] = await loadStacks(root, { variableFiles: [path.join(extra, "prod.tfvars")] });
    expect(Object.fromEntries(stack?.variableValues ?? [])).toEqual({
      region: { value: "cn-hangzhou", file: path.join(root, "terraform.tfvars") },
      zone: { value: "cn-hangzhou-b", file: path.join(root, "terraform.tfvars.json") },
      cidr: { value: "10.1.0.0/16", file: path.join(root, "b.auto.tfvars") },
      owner: { value: "c", file: path.join(extra, "prod.tfvars") },
    });
    const report = await checkPaths([root], {
      packs: [RESIDENCY_PACK],
      variableFiles: [path.join(extra, "prod.tfvars")],
    });
    expect(report.inputs[0]?.variables).toEqual([
      { variable: "cidr", file: path.join(root, "b.auto.tfvars") },
      { variable: "owner", file: path.join(extra, "prod.tfvars") },
      { variable: "region", file: path.join(root, "terraform.tfvars") },
      { variable: "zone", file: path.join(root, "terraform.tfvars.json") },
    ]);
  });

  it("keeps a tfvars expression Terraform cannot take as a constant out of the values", async () => {
    const root = tree("variables-escaped", {
      "main.tf": `variable "name" {}\n`,
      "terraform.tfvars": `name = "x-$\${literal}"\n`,
    });
    const [stack] = await loadStacks(root);
    expect(stack?.variableValues?.get("name")?.value).toBe("x-${literal}");
    expect(stack?.variableValues?.get("name")?.value).not.toBeInstanceOf(Unresolvable);
  });

  it("expands local modules under module.NAME, each resource with its caller's provider; remote modules stay refused", async () => {
    const root = tree("modules", {
      "main.tf": `${PROVIDERS}
module "home" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}
module "far" {
  source    = "./modules/net"
  cidr      = "10.1.0.0/16"
  providers = { alicloud = alicloud.abroad }
}
module "registry" {
  source = "terraform-alicloud-modules/vpc/alicloud"
}
`,
      "modules/net/main.tf": `variable "cidr" {}\nresource "alicloud_vpc" "v" {\n  cidr_block = var.cidr\n}\n`,
    });
    const report = await check(root);
    expect(report.resources.map((resource) => [resource.address, resource.places, resource.verdict])).toEqual(
      [
        ["module.far.alicloud_vpc.v", ["ap-southeast-1"], "outside"],
        ["module.home.alicloud_vpc.v", ["cn-shanghai"], "mainland"],
      ],
    );
    expect(report.findings.find((finding) => finding.rule === "RES-MODULE")).toMatchObject({
      address: "module.registry",
      value: "terraform-alicloud-modules/vpc/alicloud",
      resolved:
        'its source "terraform-alicloud-modules/vpc/alicloud" is not a local path, so its resources cannot be read before plan',
      message: expect.stringContaining("Vendor the module"),
    });
  });

  it("expands a module called for each element of a set, each.value as the instance's argument", async () => {
    const root = tree("module-for-each", {
      "main.tf": `${HOME}
module "zone" {
  source   = "./modules/zone"
  for_each = toset(["cn-shanghai-b", "cn-hongkong-b"])
  zone     = each.value
}
`,
      "modules/zone/main.tf": `variable "zone" {}\nresource "alicloud_vswitch" "s" {\n  zone_id = var.zone\n}\n`,
    });
    const report = await check(root);
    expect(report.resources.map((resource) => [resource.address, resource.verdict])).toEqual([
      ['module.zone["cn-hongkong-b"].alicloud_vswitch.s', "outside"],
      ['module.zone["cn-shanghai-b"].alicloud_vswitch.s', "mainland"],
    ]);
    expect(report.findings.map((finding) => [finding.rule, finding.address, finding.resolved])).toEqual([
      ["RES-LOCATION-ATTRIBUTE", 'module.zone["cn-hongkong-b"].alicloud_vswitch.s', "cn-hongkong-b"],
    ]);
  });

  it("converts what a call and a tfvars file give to each variable's type, as Terraform does", async () => {
    // Terraform gives the module the strings "true" and "2", so both comparisons hold: both vSwitches abroad exist.
    const root = tree("module-variable-types", {
      "main.tf": `${HOME}
variable "copies" { type = string }
module "m" {
  source = "./m"
  abroad = true
  copies = var.copies
}
`,
      "terraform.tfvars": "copies = 2\n",
      "m/main.tf": `variable "abroad" { type = string }
variable "copies" {}
resource "alicloud_vswitch" "abroad" {
  count   = var.abroad == "true" ? 1 : 0
  zone_id = "ap-southeast-1a"
}
resource "alicloud_vswitch" "copy" {
  count   = var.copies == "2" ? 1 : 0
  zone_id = "ap-southeast-1b"
}
`,
    });
    const report = await check(root);
    expect(report.findings.map((finding) => [finding.address, finding.resolved])).toEqual([
      ["module.m.alicloud_vswitch.abroad", "ap-southeast-1a"],
      ["module.m.alicloud_vswitch.copy", "ap-southeast-1b"],
    ]);
  });

  it("refuses a value a call gives that its variable's type refuses", async () => {
    const root = tree("module-variable-type-error", {
      "main.tf": `${HOME}
module "m" {
  source = "./m"
  zone   = ["cn-shanghai-b"]
}
`,
      "m/main.tf": `variable "zone" { type = string }\nresource "alicloud_vswitch" "s" {\n  zone_id = var.zone\n}\n`,
    });
    const [finding] = (await check(root)).findings;
    expect(finding?.message).toContain(
      "Terraform reports an error: var.zone is not of its type: the value must be a string, not a list",
    );
  });

  it("refuses a key repeated in one object of a hand-written JSON file, naming the file and line", async () => {
    const repeated =
      '{\n  "resource": {"alicloud_vpc": {"a": {}}},\n  "resource": {"alicloud_vpc": {"b": {}}}\n}\n';
    const root = tree("repeated-keys", { "main.tf": HOME, "more.tf.json": repeated });
    expect(await problem(root)).toBe(
      `${path.join(root, "more.tf.json")}:3: repeats the key "resource" in one object: Terraform reads every occurrence (a block type written twice is two sets of blocks), JSON.parse only the last, so the check would not see the others; write them under one key`,
    );
    const variables = tree("repeated-tfvars", {
      "main.tf": `${HOME}variable "zone" {}\n`,
      "terraform.tfvars.json": '{"zone": "cn-shanghai-b", "zone": "cn-hongkong-b"}',
    });
    expect(await problem(variables)).toContain(
      'terraform.tfvars.json:1: repeats the key "zone" in one object',
    );
  });

  it("still reads a directory of synthesized CDKTF output as stacks", async () => {
    const root = tree("cdktf-out", {
      "manifest.json": "{}",
      "stacks/app/cdk.tf.json": JSON.stringify({
        "//": { metadata: { stackName: "app" } },
        provider: { alicloud: [{ region: "cn-shanghai" }] },
      }),
    });
    expect((await loadStacks(root)).map((stack) => [stack.name, stack.kind])).toEqual([["app", "cdktf"]]);
  });

  it("reads JSON as UTF-8, whether it is pure ASCII, large or not", async () => {
    for (const name of ["logs", "日志-données"])
      for (const description of ["", "x".repeat(2_000_000)]) {
        const body = { name, description };
        const document = JSON.stringify({ resource: { alicloud_log_project: { p: body } } });
        const root = tree(`json-text-${name.length}-${description.length}`, { "stack.json": document });
        const [stack] = await loadStacks(path.join(root, "stack.json"));
        expect(stack?.resources[0]?.body).toEqual(body);
      }
  });
});

describe("bad input in a module directory: one line naming the file (and the line, for HCL)", () => {
  let deep = '"leaf"';
  for (let level = 0; level < 70; level++) deep = `{ k = ${deep} }`;
  it.each([
    [
      "a .tf file that does not parse",
      { "main.tf": 'resource "alicloud_vpc" "v" {\n  cidr_block = \n}\n' },
      "main.tf:2: not valid HCL: Invalid expression",
    ],
    [
      "a .tf file with many problems: the first, and how many more",
      { "main.tf": 'a = "x\nb = "y\n' },
      'main.tf:1: not valid HCL: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax. (and 1 more problem)',
    ],
    [
      "a .tf.json file that does not parse",
      { "main.tf.json": '{\n  "resource": \n}' },
      "main.tf.json: not valid JSON (Unexpected token",
    ],
    [
      "a .tf.json file that starts with a byte order mark, which Terraform refuses too",
      { "main.tf.json": '\uFEFF{"locals": {"a": 1}}' },
      "main.tf.json: not valid JSON: it starts with a byte order mark (U+FEFF)",
    ],
    [
      "a tfvars file that does not parse",
      { "main.tf": 'variable "a" {}\n', "terraform.tfvars": "a = = 1\n" },
      "terraform.tfvars:1: not valid HCL",
    ],
    [
      "a tfvars file that sets an undeclared variable",
      { "main.tf": 'variable "region" {}\n', "x.auto.tfvars.json": '{"regoin": "cn-shanghai"}' },
      'x.auto.tfvars.json: sets variable "regoin", which the root module does not declare',
    ],
    [
      "a missing module source",
      { "main.tf": 'module "m" {\n  source = "./nowhere"\n}\n' },
      'main.tf: module source "./nowhere" names',
    ],
    [
      "a module directory with no configuration",
      { "main.tf": 'module "m" {\n  source = "./empty"\n}\n', "empty/readme.txt": "none" },
      "which holds no .tf or .tf.json file",
    ],
    [
      "tags nested deeper than any schema allows",
      { "main.tf": `resource "alicloud_vpc" "v" {\n  tags = ${deep}\n}\n` },
      'main.tf: resource "alicloud_vpc" "v" is nested more than 64 levels deep',
    ],
    [
      "the same resource in two files",
      { "a.tf": 'resource "alicloud_vpc" "v" {}\n', "b.tf": 'resource "alicloud_vpc" "v" {}\n' },
      'b.tf: duplicate resource "alicloud_vpc.v": it is also defined in',
    ],
  ])("%s", async (name, files, message) => {
    const root = tree(`bad-${name.replace(/\W+/g, "-")}`, files);
    expect(await problem(root)).toContain(message);
  });

  it("refuses --var-file for an input that is not a module directory, and a .tf file given alone", async () => {
    const stacks = tree("stacks-for-var-file", { "cdk.tf.json": JSON.stringify({ locals: { a: 1 } }) });
    expect(await problem(stacks, ["x.tfvars"])).toContain(
      "--var-file binds the variables of a Terraform module directory",
    );
    const root = tree("single-file", { "main.tf": 'variable "a" {}\n' });
    expect(await problem(path.join(root, "main.tf"))).toContain(
      "a .tf file is one file of a module: check its directory",
    );
    expect(await problem(root, [path.join(root, "missing.tfvars")])).toContain(
      "missing.tfvars: no such file",
    );
  });
});

describe("residency check DIR (CLI)", () => {
  const CLI = path.join(__dirname, "../../../../dist/policies/adapters/cli/residency.js");
  const residency = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

  it("exits 2 with one line naming the HCL file and line, and says which file bound each variable", () => {
    const bad = tree("cli-bad", { "main.tf": "locals {\n  a = \n}\n" });
    const result = residency("check", bad);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^residency: .*cli-bad\/main\.tf:2: not valid HCL: Invalid expression; /),
    ]);
    const good = tree("cli-good", {
      "main.tf": `${HOME}variable "owner" {}\n`,
    });
    const vars = path.join(good, "prod.tfvars");
    writeFileSync(vars, 'owner = "secret-value"\n');
    const passed = residency("check", good, "--var-file", vars);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain(`var.owner from ${vars}`);
    expect(passed.stdout).not.toContain("secret-value");
  });
});
