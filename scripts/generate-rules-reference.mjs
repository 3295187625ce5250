#!/usr/bin/env node
// `npm run docs:rules`: writes docs/rules.md from the rule packs. Needs `npm run build` first (the npm
// script does it); test/docs/rules-reference.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { PACKS } = require("../dist/policies/packs/index.js");
const { RULES_REFERENCE_FILE, renderRulesReference } = require("../dist/policies/report/rules-reference.js");

writeFileSync(join(root, RULES_REFERENCE_FILE), renderRulesReference(PACKS));
console.log(`docs:rules: wrote ${RULES_REFERENCE_FILE}`);
