#!/usr/bin/env node
// Lists the provider-schema attributes that look like places (region, zone, location, endpoint,
// geography, destinations) and how policies/catalog/location-attributes.ts classifies each, so a reviewer
// can classify the new ones after a provider upgrade; with --write, regenerates
// policies/catalog/location-blocks.ts from the schema (test/policies/catalog/location-attributes.test.ts
// fails when it is stale). Needs `npm run build` first.
//   node scripts/derive-location-attributes.mjs [SCHEMA_JSON] [--unclassified] [--write]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const {
  deriveLocationBlocks,
  deriveLocationCandidates,
  renderLocationBlocks,
} = require("../dist/policies/catalog/location-candidates.js");
const {
  classifyAttribute,
  isPlacePosition,
  PROVIDER_LOCATION_ATTRIBUTES,
} = require("../dist/policies/catalog/location-attributes.js");

const PROVIDER = "registry.terraform.io/aliyun/alicloud";
const BLOCKS_FILE = join(root, "policies/catalog/location-blocks.ts");
const args = process.argv.slice(2);
const schemaPath = resolve(
  args.find((arg) => !arg.startsWith("--")) ??
    join(root, "../shared/provider-schemas/aliyun-alicloud-1.247.0.json"),
);
const onlyUnclassified = args.includes("--unclassified");
let schema;
try {
  schema = JSON.parse(readFileSync(schemaPath, "utf8"));
} catch (error) {
  console.error(`derive-location-attributes: cannot read the schema ${schemaPath}: ${error.message}`);
  process.exit(2);
}

if (args.includes("--write")) {
  const blocks = deriveLocationBlocks(schema, PROVIDER, isPlacePosition);
  const source = relative(root, schemaPath);
  writeFileSync(BLOCKS_FILE, renderLocationBlocks(blocks, source));
  console.error(`wrote ${relative(root, BLOCKS_FILE)}: ${Object.keys(blocks).length} resource types`);
  process.exit(0);
}

let unclassified = 0;
for (const { type, path, name } of deriveLocationCandidates(schema, PROVIDER)) {
  const verdict =
    type === "provider" && PROVIDER_LOCATION_ATTRIBUTES.has(path)
      ? { form: "provider rule" }
      : classifyAttribute(type, path, name);
  const status =
    verdict === undefined
      ? "UNCLASSIFIED"
      : "form" in verdict
        ? verdict.form === "value"
          ? "read by its value's shape"
          : `covered (${verdict.form})`
        : `excluded: ${verdict.excluded}`;
  if (verdict === undefined) unclassified += 1;
  if (!onlyUnclassified || verdict === undefined) console.log(`${type}:${path}\t${status}`);
}
console.error(`${unclassified} unclassified`);
process.exitCode = unclassified === 0 ? 0 : 1;
