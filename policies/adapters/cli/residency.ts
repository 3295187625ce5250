#!/usr/bin/env node
import * as fs from "fs";
import { parseArgs } from "util";
import { diffPlacements } from "../../engine/diff";
import { ExceptionError, parseExceptions } from "../../engine/exceptions";
import type { CheckReport, Exception } from "../../engine/types";
import { version } from "../../../package.json";
import { PACKS } from "../../packs";
import { FORMATS } from "../../report";
import { locateFindings } from "../../report/source-lines";
import { BadInputError, checkPaths } from "./inputs";
import { requireCompleteOutput } from "./manifest";

const USAGE = `Usage: residency check PATH... [options]

Checks that everything in a Terraform module directory (its .tf and .tf.json files, tfvars and local
modules), synthesized CDKTF output (a cdktf.out directory, a stack directory, a cdk.tf.json) or a
\`terraform show -json\` plan resolves to mainland China.

Options:
  --format FORMAT        ${Object.keys(FORMATS).join(" | ")} (default: text)
  --output FILE          write the report to FILE instead of standard output
  --exceptions FILE      approved exceptions: a JSON array (residency-exceptions.json; see README, Exceptions)
  --suppressions FILE    deprecated alias of --exceptions, for one release
  --base BASE_PATH       also check BASE_PATH and list resources added, removed or moved first
  --rules PACK           ${Object.keys(PACKS).join(" | ")} (default: all)
  --var-file FILE        bind a module directory's variables from FILE (.tfvars or .tfvars.json), after
                         terraform.tfvars and *.auto.tfvars; repeatable, later files win
  -h, --help             show this help
  --version              show the version

Exit status: 0 no uncovered violation, 1 a violation, 2 a usage error or bad input.
`;

class UsageError extends Error {}

interface Command {
  readonly paths: string[];
  readonly format: string;
  readonly output?: string;
  readonly exceptions?: string;
  readonly base?: string;
  readonly rules: string;
  readonly variableFiles: readonly string[];
}

const OPTIONS = {
  format: { type: "string", default: "text" },
  output: { type: "string" },
  exceptions: { type: "string" },
  suppressions: { type: "string" },
  base: { type: "string" },
  rules: { type: "string", default: "all" },
  "var-file": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/** The number of single-character edits between two words (Levenshtein). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** parseArgs' message, with the option meant when an unknown one is a near miss (`--formt` → `--format`). */
function usageProblem(message: string): string {
  const unknown = /Unknown option '--?([^']+)'/.exec(message)?.[1];
  if (unknown === undefined) return message;
  const [closest] = Object.keys(OPTIONS)
    .map((name) => ({ name, distance: editDistance(unknown, name) }))
    .sort((a, b) => a.distance - b.distance);
  return closest !== undefined && closest.distance <= Math.max(2, Math.floor(unknown.length / 3))
    ? `unknown option --${unknown}; did you mean --${closest.name}?`
    : `unknown option --${unknown}`;
}

function parseCommand(argv: readonly string[]): Command | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(usageProblem((error as Error).message.split("\n")[0] ?? ""));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
  if (values.version === true) return "version";
  if (values.suppressions !== undefined) {
    if (values.exceptions !== undefined)
      throw new UsageError("give --exceptions only (--suppressions is its old name)");
    process.stderr.write(
      "residency: --suppressions is deprecated and will be removed in the next release: use --exceptions\n",
    );
  }
  const [command, ...paths] = positionals;
  if (command !== "check")
    throw new UsageError(command === undefined ? "missing command: check" : `unknown command "${command}"`);
  if (paths.length === 0) throw new UsageError("check needs at least one PATH");
  if (!Object.hasOwn(FORMATS, values.format)) throw new UsageError(`unknown format "${values.format}"`);
  if (!Object.hasOwn(PACKS, values.rules)) throw new UsageError(`unknown rule pack "${values.rules}"`);
  return {
    paths,
    format: values.format,
    output: values.output,
    exceptions: values.exceptions ?? values.suppressions,
    base: values.base,
    rules: values.rules,
    variableFiles: values["var-file"] ?? [],
  };
}

/** Reads an exceptions file, validated against every known rule: bad input names the file, entry and field. */
function readExceptions(file: string): Exception[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return parseExceptions(text, PACKS.all ?? []);
  } catch (error) {
    if (error instanceof ExceptionError) throw new BadInputError(file, error.message);
    throw error;
  }
}

function readIfPossible(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function writeOutput(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BadInputError(`--output ${file}`, `cannot be written (${code}): choose a writable path`);
  }
}

/** Where code scanning links the tool: this repository's README when run in GitHub Actions. */
function informationUri(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = process.env;
  return server && repository ? `${server}/${repository}#readme` : undefined;
}

async function run(command: Command): Promise<number> {
  const packs = PACKS[command.rules] ?? [];
  const { variableFiles } = command;
  const exceptions = command.exceptions === undefined ? [] : readExceptions(command.exceptions);
  for (const input of [...command.paths, ...(command.base === undefined ? [] : [command.base])])
    requireCompleteOutput(input);
  const checked = await checkPaths(command.paths, { exceptions, packs, variableFiles });
  const head = locateFindings(checked, readIfPossible);
  const base =
    command.base === undefined ? undefined : await checkPaths([command.base], { packs, variableFiles });
  const report: CheckReport =
    base === undefined ? head : { ...head, changes: diffPlacements(base.resources, head.resources) };
  const render = FORMATS[command.format];
  if (render === undefined) throw new UsageError(`unknown format "${command.format}"`);
  const toTerminal = command.output === undefined && process.stdout.isTTY === true;
  const uri = informationUri();
  const text = render(report, {
    color: toTerminal && process.env.NO_COLOR === undefined,
    ...(uri === undefined ? {} : { informationUri: uri }),
  });
  if (command.output === undefined) process.stdout.write(text);
  else writeOutput(command.output, text);
  return report.summary.violations > 0 ? 1 : 0;
}

/** The CLI: resolves to the exit status; never rejects for usage errors or bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command === "help" || command === "version") {
      process.stdout.write(command === "help" ? USAGE : `residency ${version}\n`);
      return 0;
    }
    return await run(command);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`residency: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof BadInputError) {
      process.stderr.write(`residency: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `residency: internal error: ${String((error as Error).message ?? error).split("\n")[0]}\n`,
    );
    return 2;
  }
}

if (require.main === module)
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
