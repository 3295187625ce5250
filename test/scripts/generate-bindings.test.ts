import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PROJECT = resolve(__dirname, "../..");
/** A provider schema with one resource: enough for the generator, generated in well under a second. */
const TINY_SCHEMA = {
  format_version: "1.0",
  provider_schemas: {
    "registry.terraform.io/aliyun/alicloud": {
      provider: { version: 0, block: { attributes: { region: { type: "string", optional: true } } } },
      resource_schemas: {
        alicloud_vpc: { version: 0, block: { attributes: { vpc_name: { type: "string", optional: true } } } },
      },
      data_source_schemas: {},
    },
  },
};

let workspace: string;
let project: string;
let bin: string;

/** A project checkout without ../shared beside it, and a PATH that holds only node and the given terraform. */
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "generate-bindings-"));
  project = join(workspace, "project");
  bin = join(workspace, "bin");
  mkdirSync(project);
  mkdirSync(bin);
  cpSync(join(PROJECT, "scripts"), join(project, "scripts"), { recursive: true });
  symlinkSync(join(PROJECT, "node_modules"), join(project, "node_modules"));
  symlinkSync(process.execPath, join(bin, "node"));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

/** A stand-in terraform: `init` exits with the given status; `providers schema -json` prints the tiny schema. */
function fakeTerraform(initStatus: number): void {
  writeFileSync(join(workspace, "schema.json"), JSON.stringify(TINY_SCHEMA));
  const script = [
    "#!/bin/sh",
    `if [ "$1" = init ]; then echo "Error: Failed to query available provider packages" >&2; exit ${initStatus}; fi`,
    `if [ "$1" = providers ]; then /bin/cat "${join(workspace, "schema.json")}"; fi`,
  ].join("\n");
  writeFileSync(join(bin, "terraform"), script);
  chmodSync(join(bin, "terraform"), 0o755);
}

function generate(env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(project, "scripts/generate-bindings.mjs")], {
    encoding: "utf8",
    env: { PATH: bin, ...env },
  });
}

describe("generate-bindings without ../shared", () => {
  it("derives the schema with terraform when there is one, and generates from it", () => {
    fakeTerraform(0);
    const run = generate();
    expect(run.stdout).toContain("deriving the schema with terraform");
    expect(run.status).toBe(0);
    expect(existsSync(join(project, ".gen/providers/alicloud/vpc/index.ts"))).toBe(true);
  });

  it("says why when terraform cannot fetch the provider", () => {
    fakeTerraform(1);
    const run = generate();
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "generate-bindings: terraform init could not fetch aliyun/alicloud 1.247.0 (no network access?): Error: Failed to query available provider packages",
    );
  });

  it("names the missing schema and the ways out when there is no terraform", () => {
    const run = generate();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /provider schema not found at .*shared\/provider-schemas.*no terraform binary/,
    );
    expect(run.stderr).toContain("ALICLOUD_PROVIDER_SCHEMA");
  });

  it("refuses an ALICLOUD_PROVIDER_SCHEMA that does not exist, without deriving", () => {
    fakeTerraform(0);
    const run = generate({ ALICLOUD_PROVIDER_SCHEMA: "missing.json" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `ALICLOUD_PROVIDER_SCHEMA names ${join(project, "missing.json")}, which does not exist.`,
    );
    expect(run.stdout).not.toContain("deriving");
  });
});
