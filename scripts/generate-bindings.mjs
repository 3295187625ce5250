// Generates the aliyun/alicloud provider bindings into .gen/ from a `terraform providers schema -json`
// file, offline: @cdktf/provider-alicloud is not published and no provider can be downloaded here.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CodeMaker, TerraformProviderGenerator } from "@cdktf/provider-generator";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = resolve(
  root,
  process.env.ALICLOUD_PROVIDER_SCHEMA ?? "../shared/provider-schemas/aliyun-alicloud-1.247.0.json",
);
const outdir = join(root, ".gen");
const providerKey = "registry.terraform.io/aliyun/alicloud";

function fail(message) {
  console.error(`generate-bindings: ${message}`);
  process.exit(1);
}

if (!existsSync(schemaPath)) {
  fail(
    `provider schema not found at ${schemaPath}. Put ../shared beside the project, set ` +
      `ALICLOUD_PROVIDER_SCHEMA to a schema file, or create one with \`terraform providers schema -json\` ` +
      `(see README, "Regenerating the provider bindings").`,
  );
}

let schema;
try {
  schema = JSON.parse(readFileSync(schemaPath, "utf8"));
} catch (error) {
  fail(`${schemaPath} is not readable JSON: ${error.message}`);
}
if (!schema?.provider_schemas?.[providerKey]) {
  fail(
    `${schemaPath} has no provider_schemas["${providerKey}"]; is it \`terraform providers schema -json\` output?`,
  );
}

const started = Date.now();
const providerSchema = {
  format_version: schema.format_version,
  provider_schemas: { [providerKey]: schema.provider_schemas[providerKey] },
  provider_versions: { [providerKey]: "1.247.0" },
};
rmSync(outdir, { recursive: true, force: true });
const code = new CodeMaker();
const generator = new TerraformProviderGenerator(code, providerSchema);
generator.generateAll();
await generator.save(outdir);
const resources = Object.keys(providerSchema.provider_schemas[providerKey].resource_schemas).length;
console.log(`generate-bindings: ${resources} alicloud resources into .gen/ in ${Date.now() - started} ms`);
