#!/usr/bin/env node
// `npm run synth:cdktn`: proves the exit from archived CDKTF. Installs CDK Terrain (cdktn, cdktn-cli) and a
// Node it supports into a scratch directory, synthesizes this app with it (imports renamed by module
// aliasing, scripts/cdktn-aliases.mjs; the sources are not edited), synthesizes it with cdktf as well, and
// compares every stack's cdk.tf.json, metadata aside. Then the residency CLI checks the cdktn output.
// Needs `npm run build` first (the npm script does it). Exit 0 when every stack is the same, 1 when not.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

const CDKTN_VERSION = "0.24.0";
// cdktn-cli 0.24 needs Node >= 22.19; an exact version, so that every run installs the same binary.
const NODE_VERSION = "22.23.3";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAX_DIFFERENCES_SHOWN = 20;

class SynthCdktnError extends Error {}

/** Runs a command to completion, its output passed through; throws naming it when it fails. */
function run(what, command, args, options) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw new SynthCdktnError(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new SynthCdktnError(`${what} exited with status ${result.status}`);
}

function readJson(file) {
  if (!existsSync(file)) throw new SynthCdktnError(`${file} was not written`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The stacks of a synth output: name → dependencies and the parsed cdk.tf.json. */
function readStacks(outdir) {
  const manifest = readJson(join(outdir, "manifest.json"));
  return new Map(
    Object.entries(manifest.stacks).map(([name, stack]) => [
      name,
      { dependencies: stack.dependencies, config: readJson(join(outdir, stack.synthesizedStackPath)) },
    ]),
  );
}

/** A stack's Terraform without `//`.metadata (the library version and name that synthesized it). */
function withoutMetadata(config) {
  const { "//": comment = {}, ...terraform } = config;
  const rest = Object.entries(comment).filter(([key]) => key !== "metadata");
  return { ...terraform, "//": Object.fromEntries(rest) };
}

/** JSON paths at which two values differ. */
function differences(left, right, at = "") {
  if (isDeepStrictEqual(left, right)) return [];
  const bothObjects = [left, right].every((v) => typeof v === "object" && v !== null);
  if (!bothObjects || Array.isArray(left) !== Array.isArray(right)) return [at || "(root)"];
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].flatMap((key) => differences(left[key], right[key], `${at}/${key}`));
}

function compare(cdktfOut, cdktnOut) {
  const cdktf = readStacks(cdktfOut);
  const cdktn = readStacks(cdktnOut);
  const problems = [];
  for (const name of new Set([...cdktf.keys(), ...cdktn.keys()])) {
    const [before, after] = [cdktf.get(name), cdktn.get(name)];
    if (before === undefined || after === undefined) {
      problems.push(`${name}: synthesized by ${before === undefined ? "cdktn" : "cdktf"} only`);
      continue;
    }
    // Without this, a synth that silently fell back to cdktf would compare equal.
    const version = after.config["//"]?.metadata?.version;
    if (version !== CDKTN_VERSION)
      problems.push(`${name}: synthesized by version ${version}, not cdktn ${CDKTN_VERSION}`);
    const found = [
      ...differences(before.dependencies, after.dependencies, "dependencies").map((p) => `manifest ${p}`),
      ...differences(withoutMetadata(before.config), withoutMetadata(after.config)),
    ];
    console.log(`synth:cdktn: ${name}: ${found.length === 0 ? "same" : `${found.length} differences`}`);
    problems.push(...found.slice(0, MAX_DIFFERENCES_SHOWN).map((p) => `${name}: differs at ${p}`));
  }
  return { stacks: cdktf.size, problems };
}

function main() {
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), "synth-cdktn-"));
  // CI=1: the CLIs print no spinner.
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", CI: "1" };
  try {
    writeFileSync(join(scratch, "package.json"), '{ "private": true }\n');
    run(
      "npm install of cdktn",
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        "--prefix",
        scratch,
        `cdktn@${CDKTN_VERSION}`,
        `cdktn-cli@${CDKTN_VERSION}`,
        `node@${NODE_VERSION}`,
      ],
      { env },
    );
    const bin = join(scratch, "node_modules", ".bin");
    const cdktfOut = join(scratch, "cdktf.out");
    const cdktnOut = join(scratch, "cdktn.out");
    run("cdktf synth", join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", cdktfOut], {
      cwd: root,
      env,
    });
    run("cdktn synth", join(bin, "cdktn"), ["synth", "--output", cdktnOut], {
      cwd: root,
      env: {
        ...env,
        PATH: `${bin}:${env.PATH}`,
        CDKTN_SCRATCH: scratch,
        NODE_OPTIONS: `--max-old-space-size=4096 --import ${join(root, "scripts", "cdktn-aliases.mjs")}`,
      },
    });
    const { stacks, problems } = compare(cdktfOut, cdktnOut);
    const cli = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).bin.residency;
    run("residency check of the cdktn synth", process.execPath, [join(root, cli), "check", cdktnOut], {
      cwd: root,
      env,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`synth:cdktn: ${problem}`);
      console.error(`synth:cdktn: cdktn ${CDKTN_VERSION} and cdktf differ (${seconds} s)`);
      return 1;
    }
    console.log(
      `synth:cdktn: all ${stacks} stacks are the same under cdktn ${CDKTN_VERSION} and cdktf, metadata aside (${seconds} s)`,
    );
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof SynthCdktnError || error instanceof SyntaxError)) throw error;
  console.error(`synth:cdktn: ${error.message}`);
  process.exitCode = 2;
}
