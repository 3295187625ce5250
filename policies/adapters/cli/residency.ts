#!/usr/bin/env node
import * as fs from "fs";
import { parseArgs } from "util";
import { diffPlacements } from "../../engine/diff";
import { SuppressionError, validateSuppressions } from "../../engine/suppressions";
import type { CheckReport, Suppression } from "../../engine/types";
import { PACKS } from "../../packs";
import { FORMATS } from "../../report";
import { BadInputError, checkPaths } from "./inputs";

const USAGE = `Usage: residency check PATH... [options]

Checks that everything in a Terraform module directory (its .tf and .tf.json files, tfvars and local
modules), synthesized CDKTF output (a cdktf.out directory, a stack directory, a cdk.tf.json) or a
\`terraform show -json\` plan resolves to mainland China.

Options:
  --format FORMAT        ${Object.keys(FORMATS).join(" | ")} (default: text)
  --output FILE          write the report to FILE instead of standard output
  --suppressions FILE    JSON array of {address, rule, reason, approvedBy, expires, assessment?, stack?}
  --base BASE_PATH       also check BASE_PATH and list resources added, removed or moved first
  --rules PACK           ${Object.keys(PACKS).join(" | ")} (default: all)
  --var-file FILE        bind a module directory's variables from FILE (.tfvars or .tfvars.json), after
                         terraform.tfvars and *.auto.tfvars; repeatable, later files win
  -h, --help             show this help

Exit status: 0 no unsuppressed violation, 1 a violation, 2 a usage error or bad input.
`;

class UsageError extends Error {}

interface Command {
  readonly paths: string[];
  readonly format: string;
  readonly output?: string;
  readonly suppressions?: string;
  readonly base?: string;
  readonly rules: string;
  readonly variableFiles: readonly string[];
}

function parseCommand(argv: readonly string[]): Command | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        output: { type: "string" },
        suppressions: { type: "string" },
        base: { type: "string" },
        rules: { type: "string", default: "all" },
        "var-file": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
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
    suppressions: values.suppressions,
    base: values.base,
    rules: values.rules,
    variableFiles: values["var-file"] ?? [],
  };
}

function readSuppressions(file: string): Suppression[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return validateSuppressions(JSON.parse(text));
  } catch (error) {
    const problem =
      error instanceof SuppressionError ? error.message : `not valid JSON (${(error as Error).message})`;
    throw new BadInputError(file, problem);
  }
}

async function run(command: Command): Promise<number> {
  const packs = PACKS[command.rules];
  const { variableFiles } = command;
  const suppressions = command.suppressions === undefined ? [] : readSuppressions(command.suppressions);
  const head = await checkPaths(command.paths, { suppressions, packs, variableFiles });
  const base =
    command.base === undefined ? undefined : await checkPaths([command.base], { packs, variableFiles });
  const report: CheckReport =
    base === undefined ? head : { ...head, changes: diffPlacements(base.resources, head.resources) };
  const render = FORMATS[command.format];
  if (render === undefined) throw new UsageError(`unknown format "${command.format}"`);
  const toTerminal = command.output === undefined && process.stdout.isTTY === true;
  const text = render(report, { color: toTerminal && process.env.NO_COLOR === undefined });
  if (command.output === undefined) process.stdout.write(text);
  else fs.writeFileSync(command.output, text);
  return report.summary.violations > 0 ? 1 : 0;
}

/** The CLI: resolves to the exit status; never rejects for usage errors or bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command === "help") {
      process.stdout.write(USAGE);
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
