// `npm run bench`: on generated configurations of 1,000, 10,000 and 50,000 resources, the in-process
// cost of a full check (read + parse + model + rules) against JSON.parse of the same text (the goals),
// and the wall time and peak memory of `residency check` as a new node process (what a user sees).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { parse } from "@cdktn/hcl2json";
import { checkPaths } from "../policies/adapters/cli/inputs";
import { PACKS } from "../policies/packs";
import { writeConfigurations } from "./generate";
import { HCL_TREE_FILES, readHclTree, writeHclTree } from "./hcl-tree";

const SIZES = [1_000, 10_000, 50_000] as const;
const CLI = path.join(__dirname, "../policies/adapters/cli/residency.js");
const PROBE = path.join(__dirname, "rss-probe.js");

/** Goals on the 2-core reference machine, with every value scanned and every template parsed (issue 11). */
const MAX_CHECK_TO_PARSE = 3;
const MAX_CLI_TO_PARSE_PROCESS = 2.5;
const MAX_CHECK_TO_PARSE_50K = 3.5;
const MAX_GROWTH_1K_TO_10K = 12;
/** A full check of a 1,000-file HCL tree against HashiCorp's parser alone on the same files (issue 11). */
const MAX_HCL_CHECK_TO_PARSE = 1.5;
/** The least warm-up before an in-process measurement, whatever the size. */
const MIN_WARM_UP_MS = 500;

interface Run {
  readonly ms: number;
  readonly peakRssMb: number;
  /** The exit status, or the signal that ended it (e.g. SIGKILL when out of memory). */
  readonly outcome: string;
}

interface Measurement {
  readonly resources: number;
  readonly megabytes: number;
  /** JSON.parse alone, in this process. */
  readonly parseMs: number;
  /** A full check in this process: read + parse + model + rules (`checkPaths`). */
  readonly checkMs: number;
  /** A node process that reads and parses the file: the like-for-like baseline of the check. */
  readonly parseProcess: Run;
  readonly check: Run;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median time of several runs of `work`, after as many warm-up runs and at least MIN_WARM_UP_MS of them:
 * fifteen runs of the 1,000-resource check take 30 ms, too few for the JIT to finish with it, which made
 * the small case slow and the 1,000 → 10,000 growth look smaller than it is.
 */
async function medianTime(runs: number, work: () => unknown): Promise<number> {
  const warmedUp = performance.now() + MIN_WARM_UP_MS;
  for (let warmUp = 0; warmUp < runs || performance.now() < warmedUp; warmUp++) await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Runs node once with the memory probe preloaded: wall time, peak RSS and outcome. */
function runNode(args: readonly string[], rssFile: string): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--require", PROBE, ...args], {
    env: { ...process.env, RESIDENCY_BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - start;
  const rssKb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) : NaN;
  fs.rmSync(rssFile, { force: true });
  if (child.status !== 0) process.stderr.write(child.stderr.toString());
  return { ms, peakRssMb: rssKb / 1024, outcome: child.signal ?? `exit ${child.status}` };
}

/** The median time of several runs, with the highest peak memory and the first failure, if any. */
function repeat(runs: number, once: () => Run): Run {
  const all = Array.from({ length: runs }, once);
  return {
    ms: median(all.map((run) => run.ms)),
    peakRssMb: Math.max(...all.map((run) => run.peakRssMb)),
    outcome: all.find((run) => run.outcome !== "exit 0")?.outcome ?? "exit 0",
  };
}

async function measure(file: string, resources: number, runs: number): Promise<Measurement> {
  const rssFile = path.join(path.dirname(file), "rss");
  const text = fs.readFileSync(file, "utf8");
  const readAndParse = "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))";
  return {
    resources,
    megabytes: fs.statSync(file).size / 1e6,
    // In-process runs are cheap: enough of them for the JIT to settle and the median to hold still.
    parseMs: await medianTime(runs * 5, () => JSON.parse(text)),
    checkMs: await medianTime(runs * 5, () => checkPaths([file], { packs: PACKS.all })),
    parseProcess: repeat(runs, () => runNode(["-e", readAndParse, file], rssFile)),
    check: repeat(runs, () =>
      runNode([CLI, "check", file, "--format", "json", "--output", os.devNull], rssFile),
    ),
  };
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);

function table(results: readonly Measurement[]): string[] {
  return [
    "| resources | file (MB) | JSON.parse (ms) | check in-process (ms) | check / JSON.parse | node read + parse (ms) | CLI process (ms) | CLI peak RSS (MB) | exit |",
    "| --------: | --------: | --------------: | --------------------: | -----------------: | ---------------------: | ---------------: | ----------------: | ---- |",
    ...results
      .map((r) =>
        [
          r.resources.toLocaleString("en-US"),
          fixed(r.megabytes, 1),
          fixed(r.parseMs, 1),
          fixed(r.checkMs, 1),
          `${fixed(r.checkMs / r.parseMs, 1)}×`,
          fixed(r.parseProcess.ms),
          fixed(r.check.ms),
          fixed(r.check.peakRssMb),
          r.check.outcome,
        ].join(" | "),
      )
      .map((row) => `| ${row} |`),
  ];
}

interface HclMeasurement {
  readonly files: number;
  readonly resources: number;
  /** HashiCorp's parser (`parse` of @cdktn/hcl2json) alone on every file, texts already in memory. */
  readonly parseMs: number;
  /** A full check of the directory in this process: read + parse + merge + modules + model + rules. */
  readonly checkMs: number;
}

async function measureHclTree(dir: string): Promise<HclMeasurement> {
  const root = writeHclTree(dir);
  const files = readHclTree(root);
  const check = () => checkPaths([root], { packs: PACKS.all });
  const report = await check();
  if (report.summary.violations > 0) throw new Error("the generated HCL tree is not all in mainland China");
  return {
    files: files.length,
    resources: report.summary.resources,
    parseMs: await medianTime(1, () => Promise.all(files.map(({ file, text }) => parse(file, text)))),
    checkMs: await medianTime(1, check),
  };
}

async function main(): Promise<number> {
  if (!fs.existsSync(CLI)) {
    process.stderr.write(
      `bench: ${CLI} not found; run \`npm run build\` on a tree that has the residency CLI\n`,
    );
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "residency-bench-"));
  try {
    const files = writeConfigurations(dir, SIZES);
    const results: Measurement[] = [];
    for (const [index, size] of SIZES.entries())
      results.push(await measure(files[index] as string, size, size >= 50_000 ? 1 : 3));
    const tree = await measureHclTree(dir);
    if (tree.files !== HCL_TREE_FILES) throw new Error(`the HCL tree has ${tree.files} files`);
    const hclRatio = tree.checkMs / tree.parseMs;
    const [small, medium, large] = results as [Measurement, Measurement, Measurement];
    const ratio = medium.checkMs / medium.parseMs;
    const growth = medium.checkMs / small.checkMs;
    const processRatio = medium.check.ms / medium.parseProcess.ms;
    const largeRatio = large.checkMs / large.parseMs;
    const goals: [string, boolean][] = [
      [
        `10,000 resources: check in-process ${fixed(ratio, 1)}× JSON.parse (goal ≤ ${MAX_CHECK_TO_PARSE}×)`,
        ratio <= MAX_CHECK_TO_PARSE,
      ],
      [
        `10,000 resources: the CLI process ${fixed(processRatio, 1)}× a node process that only reads and parses the file (goal ≤ ${MAX_CLI_TO_PARSE_PROCESS}×)`,
        processRatio <= MAX_CLI_TO_PARSE_PROCESS,
      ],
      [
        `50,000 resources: check in-process ${fixed(largeRatio, 1)}× JSON.parse (goal ≤ ${MAX_CHECK_TO_PARSE_50K}×)`,
        largeRatio <= MAX_CHECK_TO_PARSE_50K,
      ],
      [
        `1,000 → 10,000 growth of the in-process check ${fixed(growth, 1)}× (goal ≤ ${MAX_GROWTH_1K_TO_10K}×)`,
        growth <= MAX_GROWTH_1K_TO_10K,
      ],
      [
        `50,000 resources finish as a CLI process (${large.check.outcome}, peak ${fixed(large.check.peakRssMb)} MB)`,
        large.check.outcome === "exit 0",
      ],
      [
        `${tree.files.toLocaleString("en-US")}-file HCL tree (${tree.resources.toLocaleString("en-US")} resources): check in-process ${fixed(tree.checkMs)} ms, ${fixed(hclRatio, 2)}× HashiCorp's parser alone (${fixed(tree.parseMs)} ms; goal ≤ ${MAX_HCL_CHECK_TO_PARSE}×)`,
        hclRatio <= MAX_HCL_CHECK_TO_PARSE,
      ],
    ];
    const lines = [
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}; in-process times are medians after a warm-up; CLI times include node's start-up.`,
      "",
      ...table(results),
      "",
      ...goals.map(([goal, held]) => `- ${held ? "✅ holds" : "❌ missed"}: ${goal}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return goals.every(([, held]) => held) ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then((status) => {
  process.exitCode = status;
});
