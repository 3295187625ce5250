#!/usr/bin/env node
// Measures the guard on the corpus that build.mjs wrote: each case as written (with a mainland default
// provider where it declares none, as a reviewer's environment would give it), and one mutant per mainland
// place literal moved abroad. Prints a Markdown summary; writes every result to .corpus/results.json.
// Needs `npm run build` first.
//   node scripts/corpus/measure.mjs [--corpus .corpus] [--input json|hcl]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PROVIDER, declaresAlicloud, mutantsOf, outsideOf, run, Tally } from "./mutation.mjs";

const { values } = parseArgs({
  options: { corpus: { type: "string", default: ".corpus" }, input: { type: "string", default: "json" } },
});
const corpus = path.resolve(values.corpus);
const manifest = JSON.parse(readFileSync(path.join(corpus, "manifest.json"), "utf8"));
const work = path.join(corpus, "work");
rmSync(work, { recursive: true, force: true });

function prepare(dir, document, extraFiles) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(document));
  for (const [name, text] of extraFiles) writeFileSync(path.join(dir, name), text);
}

const results = [];
const tally = new Tally();
for (const { id, origin } of manifest.cases) {
  const document = JSON.parse(readFileSync(path.join(corpus, "cases", id, "json", "main.tf.json"), "utf8"));
  const extra = declaresAlicloud(document)
    ? []
    : [["harness_provider.tf.json", JSON.stringify(DEFAULT_PROVIDER)]];
  const dir = path.join(work, id, "base");
  if (values.input === "hcl") {
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(path.join(corpus, "cases", id, "hcl")))
      copyFileSync(path.join(corpus, "cases", id, "hcl", file), path.join(dir, file));
    for (const [name, text] of extra) writeFileSync(path.join(dir, name), text);
  } else prepare(dir, document, extra);
  const base = await run(dir);
  const result = { id, origin };
  results.push(result);
  if (!tally.countCase(id, base, result)) continue;
  const baseOutside = outsideOf(base.report).length;
  result.mutants = [];
  for (const mutant of mutantsOf(document)) {
    const mutantDir = path.join(work, id, `mutant-${mutant.index}`);
    prepare(mutantDir, mutant.document, extra);
    const { where } = mutant;
    const verdict = tally.countMutant(id, where, await run(mutantDir), baseOutside);
    result.mutants.push({ where, verdict });
  }
}
rmSync(work, { recursive: true, force: true });
writeFileSync(path.join(corpus, "results.json"), JSON.stringify({ totals: tally.totals, results }, null, 1));
console.log(
  tally.summary(
    `Corpus: ${manifest.repository} ${manifest.ref} (${manifest.commit.slice(0, 12)}), input ${values.input}`,
  ),
);
