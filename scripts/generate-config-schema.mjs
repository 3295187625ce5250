// Generates datacenters.schema.json from the TypeScript type of the file (stacks/config-file.ts), so the
// two cannot drift. `--check` writes nothing and exits 1 when the committed schema differs.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { createGenerator } from "ts-json-schema-generator";

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA_FILE = join(PROJECT, "datacenters.schema.json");

const generated = createGenerator({
  path: join(PROJECT, "stacks/config-file.ts"),
  type: "DataCentersFile",
  skipTypeCheck: true,
  additionalProperties: false,
  topRef: false,
}).createSchema("DataCentersFile");
const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "datacenters.schema.json",
  title: "datacenters.json",
  ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== "$schema")),
};
const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
const text = await prettier.format(JSON.stringify(schema), { ...options, parser: "json" });

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(SCHEMA_FILE, "utf8");
  } catch {
    // A missing file differs like any other.
  }
  if (committed !== text) {
    process.stderr.write("datacenters.schema.json is stale: run npm run config-schema and commit it\n");
    process.exit(1);
  }
  process.stdout.write("datacenters.schema.json is up to date\n");
} else {
  writeFileSync(SCHEMA_FILE, text);
  process.stdout.write("wrote datacenters.schema.json\n");
}
