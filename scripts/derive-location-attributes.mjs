#!/usr/bin/env node
// Lists the provider-schema attributes that look like places (region, zone, location, endpoint,
// geography, delivery targets) and how policies/catalog/location-attributes.ts classifies each, so a reviewer
// can cover or exclude the new ones after a provider upgrade. Needs `npm run build` first.
//   node scripts/derive-location-attributes.mjs [SCHEMA_JSON] [--unclassified]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { deriveLocationCandidates } = require("../dist/policies/catalog/location-candidates.js");
const {
  classifyAttribute,
  PROVIDER_LOCATION_ATTRIBUTES,
} = require("../dist/policies/catalog/location-attributes.js");

const args = process.argv.slice(2);
const schemaPath =
  args.find((arg) => !arg.startsWith("--")) ?? "../shared/provider-schemas/aliyun-alicloud-1.247.0.json";
const onlyUnclassified = args.includes("--unclassified");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const candidates = deriveLocationCandidates(schema, "registry.terraform.io/aliyun/alicloud");

let unclassified = 0;
for (const { type, path, name } of candidates) {
  const verdict =
    type === "provider" && PROVIDER_LOCATION_ATTRIBUTES.has(path)
      ? { form: "provider rule" }
      : classifyAttribute(type, path, name);
  const status =
    verdict === undefined
      ? "UNCLASSIFIED"
      : "form" in verdict
        ? `covered (${verdict.form})`
        : `excluded: ${verdict.excluded}`;
  if (verdict === undefined) unclassified += 1;
  if (!onlyUnclassified || verdict === undefined) console.log(`${type}:${path}\t${status}`);
}
console.error(`${candidates.length} candidates, ${unclassified} unclassified`);
process.exitCode = unclassified === 0 ? 0 : 1;
