#!/usr/bin/env node
// Measures the guard on the corpus that build.mjs wrote: each case as written (with a mainland default
// provider where it declares none, as a reviewer's environment would give it), and one mutant per mainland
// place literal moved abroad. Prints a Markdown summary; writes every result to .corpus/results.json.
// Needs `npm run build` first.
//   node scripts/corpus/measure.mjs [--corpus .corpus] [--input json|hcl]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_PROVIDER,
  declaresAlicloud,
  FOREIGN,
  getAt,
  moveAbroad,
  outsideOf,
  reasonOf,
  regionIn,
  run,
  setAt,
  strings,
  violationsOf,
} from "./mutation.mjs";

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
const totals = {
  cases: 0,
  crashes: 0,
  badInput: 0,
  pass: 0,
  refused: 0,
  mutants: 0,
  caught: 0,
  refusedOtherwise: 0,
  missed: 0,
};
const refusals = new Map();
const missed = [];
for (const { id, origin } of manifest.cases) {
  totals.cases += 1;
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
  if (base.crash !== undefined || base.badInput !== undefined) {
    if (base.crash !== undefined) totals.crashes += 1;
    else totals.badInput += 1;
    Object.assign(result, base);
    continue;
  }
  const baseViolations = violationsOf(base.report);
  result.violations = baseViolations.map((f) => `${f.address} ${f.attribute}: ${f.resolved}`);
  if (baseViolations.length === 0) totals.pass += 1;
  else totals.refused += 1;
  for (const finding of baseViolations) {
    const reason = reasonOf(finding);
    const group = refusals.get(reason) ?? { count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < 3) group.examples.push(`${id} ${finding.address}`);
    refusals.set(reason, group);
  }
  const baseOutside = outsideOf(base.report).length;
  result.mutants = [];
  let index = 0;
  for (const at of strings(document)) {
    const text = getAt(document, at);
    const region = regionIn(text);
    if (region === undefined) continue;
    const foreign = FOREIGN[index % FOREIGN.length];
    const mutated = moveAbroad(text, region, foreign);
    const mutantDir = path.join(work, id, `mutant-${index}`);
    index += 1;
    prepare(mutantDir, setAt(document, at, mutated), extra);
    const outcome = await run(mutantDir);
    totals.mutants += 1;
    const where = `${at.join(".")}: ${JSON.stringify(text)} → ${JSON.stringify(mutated)}`;
    let verdict;
    if (outcome.crash !== undefined) {
      totals.crashes += 1;
      verdict = `crash: ${outcome.crash}`;
    } else if (outcome.badInput !== undefined) {
      totals.badInput += 1;
      verdict = `bad input: ${outcome.badInput}`;
    } else if (outsideOf(outcome.report).length > baseOutside) {
      totals.caught += 1;
      verdict = "caught";
    } else if (violationsOf(outcome.report).length > 0) {
      totals.refusedOtherwise += 1;
      verdict = "refused, not as outside";
    } else {
      totals.missed += 1;
      verdict = "missed";
      missed.push(`${id} ${where}`);
    }
    result.mutants.push({ where, verdict });
  }
}
rmSync(work, { recursive: true, force: true });
writeFileSync(path.join(corpus, "results.json"), JSON.stringify({ totals, results }, null, 1));

const lines = [
  `Corpus: ${manifest.repository} ${manifest.ref} (${manifest.commit.slice(0, 12)}), input ${values.input}`,
  "",
  `| cases | crashes | bad input | pass | refused | mutants | caught (outside) | refused otherwise | missed |`,
  `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  `| ${totals.cases} | ${totals.crashes} | ${totals.badInput} | ${totals.pass} | ${totals.refused} | ${totals.mutants} | ${totals.caught} | ${totals.refusedOtherwise} | ${totals.missed} |`,
  "",
  "Refusals of the unmutated cases, by reason (count, examples):",
  "",
  ...[...refusals]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([reason, { count, examples }]) => `- ${count} × ${reason} (${examples.join("; ")})`),
  "",
  `Missed mutants (${missed.length}):`,
  ...missed.map((line) => `- ${line}`),
];
console.log(lines.join("\n"));
