#!/usr/bin/env node
// Builds the real-world corpus the guard is measured on: every HCL block of the provider's resource
// documentation and every examples/ directory of aliyun/terraform-provider-alicloud at one ref, converted to
// Terraform JSON by HashiCorp's parser (@cdktn/hcl2json). Nothing of it is committed: it is written to
// .corpus/ (git-ignored) from a local clone or mirror of the provider repository.
//   node scripts/corpus/build.mjs --repo PATH_TO_PROVIDER_GIT_DIR [--ref v1.247.0] [--out .corpus]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktn/hcl2json");

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    ref: { type: "string", default: "v1.247.0" },
    out: { type: "string", default: ".corpus" },
  },
});
if (values.repo === undefined) {
  console.error("build: --repo PATH (a clone or mirror of aliyun/terraform-provider-alicloud) is required");
  process.exit(2);
}

const git = (...args) =>
  execFileSync("git", ["--git-dir", resolveGitDir(values.repo), ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });

function resolveGitDir(repo) {
  return execFileSync("git", ["-C", repo, "rev-parse", "--absolute-git-dir"], { encoding: "utf8" }).trim();
}

const commit = git("rev-parse", `${values.ref}^{commit}`).trim();
// One archive of the two folders read, instead of a `git show` per file.
const tree = mkdtempSync(path.join(os.tmpdir(), "provider-"));
execFileSync("sh", [
  "-c",
  `git --git-dir "$0" archive ${commit} website/docs/r examples | tar -x -C "$1"`,
  resolveGitDir(values.repo),
  tree,
]);
const read = (file) => readFileSync(path.join(tree, file), "utf8");
const listDir = (dir) =>
  readdirSync(path.join(tree, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));

/** The fenced HCL blocks of a documentation page: ```terraform or ```hcl. */
function hclBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  let current;
  for (const line of lines) {
    const fence = line.trim();
    if (current === undefined && (fence === "```terraform" || fence === "```hcl" || fence === "```tf")) {
      current = [];
    } else if (current !== undefined && fence === "```") {
      blocks.push(current.join("\n"));
      current = undefined;
    } else if (current !== undefined) current.push(line);
  }
  return blocks;
}

/** Merges two documents of one module: objects key by key (block type, then label), lists concatenated. */
function mergeModule(into, document) {
  for (const [key, value] of Object.entries(document)) {
    const existing = into[key];
    if (Array.isArray(existing) && Array.isArray(value)) into[key] = [...existing, ...value];
    else if (isPlainObject(existing) && isPlainObject(value)) into[key] = mergeModule({ ...existing }, value);
    else into[key] = value;
  }
  return into;
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const outDir = path.resolve(values.out, "cases");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const cases = [];
const conversionErrors = [];

async function addCase(id, origin, sources) {
  const documents = {};
  for (const [name, text] of Object.entries(sources)) {
    try {
      documents[name] = await parse(name, text);
    } catch (error) {
      conversionErrors.push({ id, origin, error: String(error.message ?? error).split("\n")[0] });
      return;
    }
  }
  const dir = path.join(outDir, id);
  mkdirSync(path.join(dir, "hcl"), { recursive: true });
  mkdirSync(path.join(dir, "json"), { recursive: true });
  for (const [name, text] of Object.entries(sources)) writeFileSync(path.join(dir, "hcl", name), text);
  // One module, one document: the files' blocks side by side, as Terraform reads a directory.
  const merged = Object.values(documents).reduce(mergeModule, {});
  writeFileSync(path.join(dir, "json", "main.tf.json"), JSON.stringify(merged, null, 1));
  cases.push({ id, origin });
}

for (const entry of listDir("website/docs/r")) {
  if (!entry.name.endsWith(".html.markdown")) continue;
  const file = `website/docs/r/${entry.name}`;
  const page = entry.name.slice(0, -".html.markdown".length);
  for (const [index, block] of hclBlocks(read(file)).entries())
    await addCase(`doc-${page}-${index}`, `${file}#${index}`, { "main.tf": block });
}

let examples = 0;
for (const dir of listDir("examples")) {
  if (!dir.isDirectory()) continue;
  const sources = {};
  for (const file of listDir(`examples/${dir.name}`))
    if (file.isFile() && file.name.endsWith(".tf"))
      sources[file.name] = read(`examples/${dir.name}/${file.name}`);
  if (Object.keys(sources).length === 0) continue;
  examples += 1;
  await addCase(`example-${dir.name}`, `examples/${dir.name}`, sources);
}
rmSync(tree, { recursive: true, force: true });

const manifest = {
  repository: "aliyun/terraform-provider-alicloud",
  ref: values.ref,
  commit,
  cases,
  conversionErrors,
};
writeFileSync(path.resolve(values.out, "manifest.json"), JSON.stringify(manifest, null, 1));
console.log(
  `${cases.length} cases (${cases.filter((c) => c.id.startsWith("doc-")).length} documentation blocks, ` +
    `${cases.filter((c) => c.id.startsWith("example-")).length} of ${examples} example directories) from ${values.ref} (${commit.slice(0, 12)}); ` +
    `${conversionErrors.length} that HashiCorp's parser does not accept`,
);
