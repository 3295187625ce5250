// Generates the aliyun/alicloud provider bindings into .gen/ from a `terraform providers schema -json`
// file, offline: @cdktf/provider-alicloud is not published and no provider can be downloaded here.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CodeMaker, TerraformProviderGenerator } from "@cdktf/provider-generator";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PROVIDER_VERSION = "1.247.0";
const explicitSchema = process.env.ALICLOUD_PROVIDER_SCHEMA;
const sharedSchema = resolve(root, `../shared/provider-schemas/aliyun-alicloud-${PROVIDER_VERSION}.json`);
const outdir = join(root, ".gen");
const providerKey = "registry.terraform.io/aliyun/alicloud";

function fail(message) {
  console.error(`generate-bindings: ${message}`);
  process.exit(1);
}

/** The last non-empty line of a command's output, for a one-line error. */
function lastLine(text) {
  return (text ?? "").trim().split("\n").at(-1) ?? "";
}

/** The schema file's text, or exit naming the file. */
function readSchema(path) {
  if (!existsSync(path)) fail(`ALICLOUD_PROVIDER_SCHEMA names ${path}, which does not exist.`);
  try {
    return { source: path, text: readFileSync(path, "utf8") };
  } catch (error) {
    return fail(`${path} is not readable: ${error.message}`);
  }
}

/**
 * Without the shared schema, a terraform binary with network access derives it, as `cdktf get` would:
 * `terraform init` (downloads the provider) and `terraform providers schema -json` in a scratch directory,
 * removed afterwards (the provider binary is large). Undefined when there is no terraform binary.
 */
function deriveSchemaWithTerraform() {
  if (spawnSync("terraform", ["version"], { stdio: "ignore" }).error) return undefined;
  console.log(
    `generate-bindings: ${sharedSchema} not found; deriving the schema with terraform (downloads the provider)`,
  );
  const dir = mkdtempSync(join(tmpdir(), "alicloud-schema-"));
  // process.exit skips finally blocks, so every way out removes the directory first.
  const failAfterCleanup = (message) => {
    rmSync(dir, { recursive: true, force: true });
    fail(message);
  };
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {\n  required_providers {\n    alicloud = { source = "aliyun/alicloud", version = "${PROVIDER_VERSION}" }\n  }\n}\n`,
  );
  const run = (args) =>
    spawnSync("terraform", args, {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      timeout: 600_000,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
  const init = run(["init", "-input=false", "-no-color"]);
  if (init.status !== 0) {
    failAfterCleanup(
      `terraform init could not fetch aliyun/alicloud ${PROVIDER_VERSION} (no network access?): ${lastLine(init.stderr)}`,
    );
  }
  const printed = run(["providers", "schema", "-json"]);
  if (printed.status !== 0)
    failAfterCleanup(`terraform providers schema -json failed: ${lastLine(printed.stderr)}`);
  rmSync(dir, { recursive: true, force: true });
  return { source: "terraform providers schema -json", text: printed.stdout };
}

const found = explicitSchema
  ? readSchema(resolve(root, explicitSchema))
  : existsSync(sharedSchema)
    ? readSchema(sharedSchema)
    : deriveSchemaWithTerraform();
if (found === undefined) {
  fail(
    `provider schema not found at ${sharedSchema}, and there is no terraform binary to derive it. Put ` +
      `../shared beside the project, or set ALICLOUD_PROVIDER_SCHEMA to a schema file (see README, "Provider bindings").`,
  );
}

let schema;
try {
  schema = JSON.parse(found.text);
} catch (error) {
  fail(`${found.source} is not JSON: ${error.message}`);
}
if (!schema?.provider_schemas?.[providerKey]) {
  fail(
    `${found.source} has no provider_schemas["${providerKey}"]; is it \`terraform providers schema -json\` output?`,
  );
}

const started = Date.now();
const providerSchema = {
  format_version: schema.format_version,
  provider_schemas: { [providerKey]: schema.provider_schemas[providerKey] },
  provider_versions: { [providerKey]: PROVIDER_VERSION },
};
rmSync(outdir, { recursive: true, force: true });
const code = new CodeMaker();
const generator = new TerraformProviderGenerator(code, providerSchema);
generator.generateAll();
await generator.save(outdir);
const resources = Object.keys(providerSchema.provider_schemas[providerKey].resource_schemas).length;
console.log(`generate-bindings: ${resources} alicloud resources into .gen/ in ${Date.now() - started} ms`);
