import * as fs from "fs";
import * as path from "path";
import { checkStacks, type CheckOptions } from "../../engine/check";
import { InputError, readStack, type StackModel } from "../../engine/model";
import type { CheckReport } from "../../engine/types";

/** A path on the command line that cannot be checked: the message names it and says what is wrong. */
export class BadInputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
  ) {
    super(`${input}: ${problem}`);
  }
}

const STACK_FILE = "cdk.tf.json";

function systemProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "EISDIR") return "is a directory, not a file";
  return `cannot be read (${code ?? String(error)})`;
}

/** Every cdk.tf.json under a directory; refuses a directory symlink loop rather than walking it forever. */
function findStackFiles(directory: string, ancestors: ReadonlySet<string>, into: string[]): void {
  const real = fs.realpathSync(directory);
  if (ancestors.has(real)) throw new BadInputError(directory, "directory symlink loop");
  const inside = new Set(ancestors).add(real);
  for (const entry of fs
    .readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const entryPath = path.join(directory, entry.name);
    // A stack file is read whatever it is, so that something unreadable in its place is reported, not skipped.
    if (entry.name === STACK_FILE) into.push(entryPath);
    else if (entry.isDirectory() || (entry.isSymbolicLink() && statOf(entryPath).isDirectory())) {
      findStackFiles(entryPath, inside, into);
    }
  }
}

function statOf(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw new BadInputError(file, systemProblem(error));
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(file, systemProblem(error));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof RangeError ? "nested too deeply" : (error as Error).message;
    throw new BadInputError(file, `not valid JSON (${detail.split("\n")[0]})`);
  }
}

/** The stack name of a file: its directory name for cdk.tf.json, the file name for a plan. */
function fallbackName(file: string): string {
  return path.basename(file) === STACK_FILE
    ? path.basename(path.dirname(path.resolve(file)))
    : path.basename(file, ".json");
}

/** Reads every stack a PATH names: a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON. */
export function loadStacks(input: string): StackModel[] {
  const files: string[] = [];
  if (statOf(input).isDirectory()) {
    try {
      findStackFiles(input, new Set(), files);
    } catch (error) {
      if (error instanceof BadInputError) throw error;
      throw new BadInputError(input, systemProblem(error));
    }
    if (files.length === 0) throw new BadInputError(input, `no stacks found (no ${STACK_FILE} in it)`);
  } else files.push(input);
  return files.map((file) => {
    try {
      return readStack(readJson(file), file, fallbackName(file));
    } catch (error) {
      if (error instanceof InputError) throw new BadInputError(file, error.message);
      if (error instanceof RangeError)
        throw new BadInputError(file, "nested too deeply to be Terraform JSON");
      throw error;
    }
  });
}

/** Loads and checks every PATH together (so cross-stack references resolve); throws BadInputError on bad input. */
export function checkPaths(inputs: readonly string[], options: CheckOptions): CheckReport {
  const stacks = inputs.flatMap(loadStacks);
  const seen = new Map<string, string>();
  for (const stack of stacks) {
    const other = seen.get(stack.name);
    if (other !== undefined)
      throw new BadInputError(stack.file, `stack "${stack.name}" is also read from ${other}`);
    seen.set(stack.name, stack.file);
  }
  try {
    return checkStacks(stacks, options);
  } catch (error) {
    if (error instanceof InputError) throw new BadInputError(inputs.join(", "), error.message);
    if (error instanceof RangeError)
      throw new BadInputError(inputs.join(", "), "nested too deeply to be Terraform JSON");
    throw error;
  }
}
