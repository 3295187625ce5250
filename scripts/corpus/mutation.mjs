// What both corpus measurements share: how a case is checked, how a mainland place literal is moved abroad,
// and how refusals are grouped by reason. Needs `npm run build` first.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { checkPaths, BadInputError } = require("../../dist/policies/adapters/cli/inputs.js");
const { PACKS } = require("../../dist/policies/packs/index.js");
const { MAINLAND_REGION_IDS } = require("../../dist/policies/catalog/regions.js");

/** Foreign places a mainland literal is moved to, in turn: the Hong Kong prefix trap among them. */
const FOREIGN = ["cn-hongkong", "ap-southeast-1", "us-west-1", "eu-central-1", "ap-northeast-1"];
const HOME = "cn-hangzhou";
export const DEFAULT_PROVIDER = { provider: { alicloud: [{ region: HOME }] } };
// Longest first, so cn-shanghai-finance-1 is not taken for cn-shanghai.
const REGIONS = [...MAINLAND_REGION_IDS].sort((a, b) => b.length - a.length);

function regionIn(text) {
  for (const region of REGIONS) {
    const at = text.indexOf(region);
    if (at < 0) continue;
    const before = text[at - 1];
    const after = text[at + region.length];
    // A region ID as a token: not inside a longer word (cn-hangzhou-finance is another region).
    if (
      (before === undefined || !/[a-z0-9]/.test(before)) &&
      (after === undefined || !/[a-z0-9]/.test(after) || after === "-")
    )
      return region;
  }
  return undefined;
}

/** The text with its mainland region moved to `foreign`; a zone keeps its letter in the foreign form. */
function moveAbroad(text, region, foreign) {
  const zone = new RegExp(`^${region}-?([a-z])$`).exec(text);
  if (zone !== null) return foreign === "cn-hongkong" ? `${foreign}-${zone[1]}` : `${foreign}${zone[1]}`;
  return text.split(region).join(foreign);
}

/** Every string leaf (not keys, not `//` metadata) with its path. */
function* strings(value, at = []) {
  if (typeof value === "string") yield at;
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, i]);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) if (key !== "//") yield* strings(item, [...at, key]);
}

/**
 * Each mainland place literal of a document moved abroad, in order: where it is, what it was, the document
 * with it moved. The foreign place rotates through FOREIGN with the mutant's number, counted from `first`.
 */
export function* mutantsOf(document, first = 0) {
  let index = first;
  for (const at of strings(document)) {
    const text = getAt(document, at);
    const region = regionIn(text);
    if (region === undefined) continue;
    const mutated = moveAbroad(text, region, FOREIGN[index % FOREIGN.length]);
    yield {
      index,
      where: `${at.join(".")}: ${JSON.stringify(text)} → ${JSON.stringify(mutated)}`,
      document: setAt(document, at, mutated),
    };
    index += 1;
  }
}

function getAt(value, at) {
  return at.reduce((node, key) => node[key], value);
}

function setAt(value, at, replacement) {
  const copy = JSON.parse(JSON.stringify(value));
  getAt(copy, at.slice(0, -1))[at[at.length - 1]] = replacement;
  return copy;
}

export function declaresAlicloud(document) {
  return document.provider !== undefined && Object.hasOwn(document.provider, "alicloud");
}

/** The residency pack's report on a directory, or why there is none: bad input, or a crash (a bug). */
export async function run(dir) {
  try {
    const report = await checkPaths([dir], { packs: PACKS.residency });
    return { report };
  } catch (error) {
    if (error instanceof BadInputError) return { badInput: error.message };
    return {
      crash: String(error?.stack ?? error)
        .split("\n")
        .slice(0, 3)
        .join(" | "),
    };
  }
}

export const violationsOf = (report) => report.findings.filter((f) => !f.covered && f.severity === "error");
export const outsideOf = (report) => violationsOf(report).filter((f) => f.verdict === "outside");
/** A refusal's reason with its particulars elided, so that like refusals group together. */
export const reasonOf = (finding) =>
  `${finding.rule}: ${finding.attribute.replace(/\.\d+/g, "")} — ${finding.resolved
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\$\{[^}]*\}/g, "${…}")
    .slice(0, 140)}`;

/** The counts of a measurement, the refusals of its cases as written (by reason), and its missed mutants. */
export class Tally {
  totals = {
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
  refusals = new Map();
  missed = [];

  /** Counts a case as written, recording its outcome in `result`; true when it was checked at all. */
  countCase(id, outcome, result) {
    this.totals.cases += 1;
    if (outcome.crash !== undefined || outcome.badInput !== undefined) {
      if (outcome.crash !== undefined) this.totals.crashes += 1;
      else this.totals.badInput += 1;
      Object.assign(result, outcome);
      return false;
    }
    const violations = violationsOf(outcome.report);
    result.violations = violations.map((f) => `${f.address} ${f.attribute}: ${f.resolved}`);
    if (violations.length === 0) this.totals.pass += 1;
    else this.totals.refused += 1;
    for (const finding of violations) {
      const reason = reasonOf(finding);
      const group = this.refusals.get(reason) ?? { count: 0, examples: [] };
      group.count += 1;
      if (group.examples.length < 3) group.examples.push(`${id} ${finding.address}`);
      this.refusals.set(reason, group);
    }
    return true;
  }

  /** The verdict on a mutant, counted: caught when it has more findings outside than its case as written. */
  countMutant(id, where, outcome, baseOutside) {
    this.totals.mutants += 1;
    if (outcome.crash !== undefined) {
      this.totals.crashes += 1;
      return `crash: ${outcome.crash}`;
    }
    if (outcome.badInput !== undefined) {
      this.totals.badInput += 1;
      return `bad input: ${outcome.badInput}`;
    }
    if (outsideOf(outcome.report).length > baseOutside) {
      this.totals.caught += 1;
      return "caught";
    }
    if (violationsOf(outcome.report).length > 0) {
      this.totals.refusedOtherwise += 1;
      return "refused, not as outside";
    }
    this.totals.missed += 1;
    this.missed.push(`${id} ${where}`);
    return "missed";
  }

  /** The Markdown summary: the totals (after `leading` columns), the refusals by reason, the missed mutants. */
  summary(heading, leading = []) {
    const { totals } = this;
    const columns = [
      ...leading,
      ["cases", totals.cases],
      ["crashes", totals.crashes],
      ["bad input", totals.badInput],
      ["pass", totals.pass],
      ["refused", totals.refused],
      ["mutants", totals.mutants],
      ["caught (outside)", totals.caught],
      ["refused otherwise", totals.refusedOtherwise],
      ["missed", totals.missed],
    ];
    return [
      heading,
      "",
      `| ${columns.map(([name]) => name).join(" | ")} |`,
      `| ${columns.map(() => "---:").join(" | ")} |`,
      `| ${columns.map(([, value]) => value).join(" | ")} |`,
      "",
      "Refusals of the unmutated cases, by reason (count, examples):",
      "",
      ...[...this.refusals]
        .sort((a, b) => b[1].count - a[1].count)
        .map(([reason, { count, examples }]) => `- ${count} × ${reason} (${examples.join("; ")})`),
      "",
      `Missed mutants (${this.missed.length}):`,
      ...this.missed.map((line) => `- ${line}`),
    ].join("\n");
  }
}
