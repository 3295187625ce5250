#!/usr/bin/env node
// Measures the guard on published Terraform modules no one here wrote (for example the official
// alibabacloud-automation/terraform-alicloud-* modules): every directory of each module that holds .tf
// files (the module itself, its submodules, its examples, which call it by a local path) is checked as
// written, with a mainland default provider where it declares none; then one mutant per mainland place
// literal moved abroad, the file holding it replaced by its Terraform JSON (HashiCorp's parser) with the
// literal moved. Prints a Markdown summary; writes every result to OUT/results.json. Nothing of the modules
// is committed: give a directory holding one checkout per module. Needs `npm run build` first.
//   node scripts/corpus/modules.mjs --modules DIR [--out .corpus/modules] [--no-mutants]
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PROVIDER, declaresAlicloud, mutantsOf, outsideOf, run, Tally } from "./mutation.mjs";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktn/hcl2json");

const { values } = parseArgs({
  options: {
    modules: { type: "string" },
    out: { type: "string", default: ".corpus/modules" },
    "no-mutants": { type: "boolean", default: false },
  },
});
if (values.modules === undefined) {
  console.error("modules: --modules DIR (a directory holding one checkout per module) is required");
  process.exit(2);
}
const modulesDir = path.resolve(values.modules);
const out = path.resolve(values.out);
const work = path.join(out, "work");
rmSync(work, { recursive: true, force: true });

const isHidden = (name) => name.startsWith(".");

/** Every directory under `root` (itself included) that holds a .tf file, relative to `root`, sorted. */
function caseDirectories(root, relative = "") {
  const entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  const found = entries.some((entry) => entry.isFile() && entry.name.endsWith(".tf")) ? [relative] : [];
  for (const entry of entries)
    if (entry.isDirectory() && !isHidden(entry.name))
      found.push(...caseDirectories(root, path.join(relative, entry.name)));
  return found.sort();
}

/** The .tf files of a directory, each as HashiCorp's parser converts it to Terraform JSON. */
async function converted(dir) {
  const files = readdirSync(dir).filter((name) => name.endsWith(".tf") && !isHidden(name));
  return Promise.all(
    files.map(async (name) => ({
      name,
      document: await parse(name, readFileSync(path.join(dir, name), "utf8")),
    })),
  );
}

/** A copy of the module to check one of its directories in, with the harness provider where it declares none. */
function copyOf(module, target, relative, declared) {
  cpSync(path.join(modulesDir, module), target, { recursive: true });
  const dir = path.join(target, relative);
  if (!declared) writeFileSync(path.join(dir, "harness_provider.tf.json"), JSON.stringify(DEFAULT_PROVIDER));
  return dir;
}

const tally = new Tally();
const results = [];
let modules = 0;
let copies = 0;

for (const module of readdirSync(modulesDir)
  .filter((name) => !isHidden(name))
  .sort()) {
  modules += 1;
  for (const relative of caseDirectories(path.join(modulesDir, module))) {
    const id = path.join(module, relative);
    const result = { id };
    results.push(result);
    let files;
    try {
      files = await converted(path.join(modulesDir, module, relative));
    } catch (error) {
      const badInput = `HashiCorp's parser: ${String(error?.message ?? error).split("\n")[0]}`;
      tally.countCase(id, { badInput }, result);
      continue;
    }
    const declared = files.some(({ document }) => declaresAlicloud(document));
    const base = await run(copyOf(module, path.join(work, String(copies++)), relative, declared));
    if (!tally.countCase(id, base, result) || values["no-mutants"]) continue;
    const baseOutside = outsideOf(base.report).length;
    result.mutants = [];
    // The foreign place rotates across the directory's files, not from the start of each.
    let next = 0;
    for (const { name, document } of files) {
      for (const mutant of mutantsOf(document, next)) {
        next = mutant.index + 1;
        const copy = path.join(work, String(copies++));
        const dir = copyOf(module, copy, relative, declared);
        rmSync(path.join(dir, name));
        writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(mutant.document));
        const where = `${name} ${mutant.where}`;
        const verdict = tally.countMutant(id, where, await run(dir), baseOutside);
        result.mutants.push({ where, verdict });
        rmSync(copy, { recursive: true, force: true });
      }
    }
  }
}
rmSync(work, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, "results.json"),
  JSON.stringify({ modules, totals: tally.totals, results }, null, 1),
);

const problems = results.filter((result) => result.crash !== undefined || result.badInput !== undefined);
console.log(
  [
    tally.summary(`Modules: ${modules} in ${modulesDir}`, [["modules", modules]]),
    ...(problems.length === 0
      ? []
      : [
          "",
          "Crashes and bad input of the cases as written:",
          ...problems.map((r) => `- ${r.id}: ${r.crash ?? r.badInput}`),
        ]),
  ].join("\n"),
);
