#!/usr/bin/env node
// Derives policies/catalog/provider-regions.json, the region IDs the alicloud provider accepts (its
// `ValidRegions` in alicloud/connectivity/regions.go), from a git checkout or mirror of
// aliyun/terraform-provider-alicloud, with the source commit and its date, and the IDs added since the
// provider version the stacks pin. test/policies/catalog/provider-regions.test.ts holds the catalog against it.
//   node scripts/derive-provider-regions.mjs GIT_DIR [REF] [--since TAG]    (REF: HEAD, TAG: v1.247.0)
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT = "policies/catalog/provider-regions.json";
const SOURCE_PATH = "alicloud/connectivity/regions.go";
const REGION_CONSTANT = /^\s*(\w+)\s*=\s*Region\("([^"]+)"\)/gm;
const VALID_REGIONS = /\bvar ValidRegions = \[\]Region\{([^}]*)\}/;

function fail(message) {
  console.error(`derive-provider-regions: ${message}`);
  process.exit(1);
}

function git(gitDir, ...args) {
  const result = spawnSync("git", ["-C", gitDir, ...args], { encoding: "utf8" });
  if (result.error) fail(`git: ${result.error.message}`);
  if (result.status !== 0) fail(`git ${args.join(" ")} in ${gitDir}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The provider's region IDs at a commit, sorted: its ValidRegions, each constant resolved to its ID. */
function validRegionsAt(gitDir, commit) {
  const source = git(gitDir, "show", `${commit}:${SOURCE_PATH}`);
  const idOf = new Map([...source.matchAll(REGION_CONSTANT)].map(([, name, id]) => [name, id]));
  const list = VALID_REGIONS.exec(source)?.[1];
  if (list === undefined) fail(`${SOURCE_PATH} at ${commit} has no \`var ValidRegions = []Region{...}\``);
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const unknown = names.filter((name) => !idOf.has(name));
  if (unknown.length > 0)
    fail(`ValidRegions at ${commit} names constants without a Region(...): ${unknown.join(", ")}`);
  return [...new Set(names.map((name) => idOf.get(name)))].sort();
}

function commitOf(gitDir, ref) {
  const [commit, committed] = git(gitDir, "show", "-s", "--format=%H %cI", `${ref}^{commit}`)
    .trim()
    .split(" ");
  return { commit, committed: committed.slice(0, 10) };
}

const args = process.argv.slice(2);
const sinceAt = args.indexOf("--since");
const since = sinceAt >= 0 ? args[sinceAt + 1] : "v1.247.0";
const [gitDir, ref = "HEAD"] = args.filter(
  (_, index) => sinceAt < 0 || (index !== sinceAt && index !== sinceAt + 1),
);
if (gitDir === undefined) fail("usage: derive-provider-regions.mjs GIT_DIR [REF] [--since TAG]");
if (since === undefined) fail("--since needs a tag");

const source = commitOf(gitDir, ref);
const regions = validRegionsAt(gitDir, source.commit);
const before = new Set(validRegionsAt(gitDir, commitOf(gitDir, since).commit));
const derived = {
  source: {
    repository: "aliyun/terraform-provider-alicloud",
    path: SOURCE_PATH,
    list: "ValidRegions",
    ...source,
  },
  derived: new Date().toISOString().slice(0, 10),
  regions,
  addedSince: { tag: since, regions: regions.filter((id) => !before.has(id)) },
};
writeFileSync(join(root, OUTPUT), `${JSON.stringify(derived, null, 2)}\n`);
const prettier = spawnSync(join(root, "node_modules", ".bin", "prettier"), ["--write", OUTPUT], {
  cwd: root,
});
if (prettier.status !== 0) fail(`prettier --write ${OUTPUT} failed`);
console.log(
  `derive-provider-regions: ${regions.length} regions at ${source.commit} (${source.committed}) into ${OUTPUT}`,
);
