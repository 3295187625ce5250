import { isAscii } from "buffer";
import * as fs from "fs";
import * as path from "path";
import { checkStacks, type CheckOptions } from "../../engine/check";
import type { ConfigFile } from "../../engine/configuration";
import { firstDuplicateKey } from "../../engine/duplicate-keys";
import { InputError } from "../../engine/json";
import { loadRootModule, type ModuleFiles, type ModuleReader, type VariableFile } from "../../engine/load";
import { isPlanDocument, readStack, type StackModel } from "../../engine/model";
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

export interface LoadOptions {
  /** `--var-file` files, in command-line order: they bind root module variables after the automatic tfvars. */
  readonly variableFiles?: readonly string[];
}

const STACK_FILE = "cdk.tf.json";
/** What marks a directory as synthesized CDKTF output (cdktf.out, a stack directory) rather than a module. */
const CDKTF_MARKERS: readonly string[] = [STACK_FILE, "manifest.json"];

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

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(file, systemProblem(error));
  }
}

/**
 * A JSON file's text, decoded as UTF-8. Pure ASCII (what CDKTF and Terraform write) decodes the same as
 * Latin-1, which Node copies into a string outside the JavaScript heap for a large file: no UTF-8 decoding,
 * and no 5 MB of young-generation allocation bringing forward the next scavenge, which copies the live
 * document.
 */
function readJsonText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new BadInputError(file, systemProblem(error));
  }
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

const BYTE_ORDER_MARK = "\uFEFF";

/** The line of a JSON.parse error's position, when the message gives one. */
function jsonErrorLine(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return "";
  let line = 1;
  for (let index = 0; index < Number(position) && index < text.length; index++)
    if (text[index] === "\n") line++;
  return `:${line}`;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new BadInputError(file, "not valid JSON (nested too deeply)");
    // Editors on Windows write one; it is invisible in the message JSON.parse gives.
    if (text.startsWith(BYTE_ORDER_MARK))
      throw new BadInputError(
        file,
        "not valid JSON: it starts with a byte order mark (U+FEFF), which Terraform refuses too; save it as UTF-8 without one",
      );
    // Node quotes the text around the error, newlines and all: keep the problem, not the quote.
    const message = (error as Error).message.split(/, (?:\.\.\.)?"/)[0]?.split("\n")[0] ?? "";
    throw new BadInputError(`${file}${jsonErrorLine(text, message)}`, `not valid JSON (${message})`);
  }
}

/**
 * A JSON file of configuration or tfvars. One written by hand (or by a tool other than CDKTF's synth, whose
 * `cdk.tf.json` comes from JSON.stringify, or Terraform, whose plans come from Go's encoder) may repeat a key
 * in one object, which Terraform reads every time and JSON.parse only the last time: it is refused.
 */
function readJson(file: string): unknown {
  const text = readJsonText(file);
  const document = parseJson(file, text);
  if (path.basename(file) === STACK_FILE || isPlanDocument(document)) return document;
  const repeated = firstDuplicateKey(text);
  if (repeated !== undefined)
    throw new BadInputError(
      `${file}:${repeated.line}`,
      `repeats the key "${repeated.key}" in one object: Terraform reads every occurrence (a block type written twice is two sets of blocks), JSON.parse only the last, so the check would not see the others; write them under one key`,
    );
  return document;
}

type HclParse = (filename: string, text: string) => Promise<Record<string, unknown>>;
let hclParser: Promise<HclParse> | undefined;

/** HashiCorp's HCL parser (WebAssembly), loaded on first use: CDKTF output and plans never need it. */
function hcl(): Promise<HclParse> {
  hclParser ??= import("@cdktn/hcl2json").then((module) => module.parse);
  return hclParser;
}

/**
 * HCL converted to Terraform JSON by HashiCorp's parser: expressions become `"${...}"` strings. A syntax
 * error is reported as `FILE:LINE: summary; detail`, from the parser's first diagnostic, and how many more
 * it found (a binary file gives one per byte).
 */
async function parseHcl(file: string, text: string): Promise<unknown> {
  const parse = await hcl();
  try {
    return await parse(file, text);
  } catch (error) {
    const message = String((error as Error).message ?? error).split("\n")[0] ?? "";
    // The parser writes its diagnostics one after another, each starting with the file's name.
    const [first = "", ...others] = message.split(` ${file}:`);
    const diagnostic = /^parse config: \[(?:.*?):(\d+),\d+(?:-[\d,]+)?: (.*?)\]?$/.exec(first);
    if (diagnostic === null) throw new BadInputError(file, `not valid HCL (${message})`);
    const more =
      others.length === 0
        ? ""
        : ` (and ${others.length} more ${others.length === 1 ? "problem" : "problems"})`;
    throw new BadInputError(`${file}:${diagnostic[1]}`, `not valid HCL: ${diagnostic[2]}${more}`);
  }
}

/** Terraform skips editor and hidden files: `.name`, `name~`, `#name#`. */
function isIgnored(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

function isConfigurationFile(name: string): boolean {
  return (name.endsWith(".tf") || name.endsWith(".tf.json")) && !isIgnored(name);
}

/** The names of the regular files of a directory (following symbolic links), sorted as Terraform sorts them. */
function fileNames(directory: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new BadInputError(directory, systemProblem(error));
  }
  return entries
    .filter(
      (entry) =>
        entry.isFile() || (entry.isSymbolicLink() && statOf(path.join(directory, entry.name)).isFile()),
    )
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every .tf and .tf.json file of a module directory, parsed; HCL files in parallel. */
async function readModuleFiles(directory: string, names: readonly string[]): Promise<ConfigFile[]> {
  return Promise.all(
    names.filter(isConfigurationFile).map(async (name) => {
      const file = path.join(directory, name);
      return {
        path: file,
        document: name.endsWith(".json") ? readJson(file) : await parseHcl(file, readText(file)),
      };
    }),
  );
}

/** The automatic tfvars files of a root directory, in Terraform's order. */
function automaticVariableFiles(names: readonly string[]): string[] {
  const automatic = names.filter(
    (name) => name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json"),
  );
  return [
    ...["terraform.tfvars", "terraform.tfvars.json"].filter((name) => names.includes(name)),
    ...automatic,
  ];
}

async function readVariableFile(file: string): Promise<VariableFile> {
  return file.endsWith(".json")
    ? { path: file, syntax: "json", values: readJson(file) }
    : { path: file, syntax: "hcl", values: await parseHcl(file, readText(file)) };
}

const reader: ModuleReader = {
  async readLocalModule(fromDirectory, source, callFile) {
    const directory = path.join(fromDirectory, source);
    let identity: string;
    try {
      identity = fs.realpathSync(directory);
    } catch (error) {
      throw new InputError(`module source "${source}" names ${directory}: ${systemProblem(error)}`, callFile);
    }
    if (!fs.statSync(identity).isDirectory())
      throw new InputError(
        `module source "${source}" names ${directory}, which is not a directory`,
        callFile,
      );
    const files = await readModuleFiles(directory, fileNames(directory));
    if (files.length === 0)
      throw new InputError(
        `module source "${source}" names ${directory}, which holds no .tf or .tf.json file`,
        callFile,
      );
    return { directory, identity, files };
  },
};

/** Reads a Terraform root module directory, its tfvars and the --var-file files, and its local modules. */
async function loadModuleDirectory(
  directory: string,
  names: readonly string[],
  options: LoadOptions,
): Promise<StackModel> {
  const files: ModuleFiles["files"] = await readModuleFiles(directory, names);
  const variableFiles = await Promise.all(
    [
      ...automaticVariableFiles(names).map((name) => path.join(directory, name)),
      ...(options.variableFiles ?? []),
    ].map(readVariableFile),
  );
  return loadRootModule(
    {
      name: path.basename(path.resolve(directory)),
      directory,
      identity: fs.realpathSync(directory),
      files,
      variableFiles,
    },
    reader,
  );
}

/** The stack name of a file: its directory name for cdk.tf.json, the file name for a plan. */
function fallbackName(file: string): string {
  return path.basename(file) === STACK_FILE
    ? path.basename(path.dirname(path.resolve(file)))
    : path.basename(file, ".json");
}

/** Turns the engine's and the runtime's input errors into one line naming the file. */
async function naming<T>(input: string, read: () => Promise<T> | T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputError) throw new BadInputError(error.file ?? input, error.message);
    if (error instanceof RangeError) throw new BadInputError(input, "nested too deeply to be Terraform JSON");
    throw error;
  }
}

/**
 * Reads every stack a PATH names: a Terraform module directory (its .tf and .tf.json files), a cdktf.out
 * directory, a stack directory, a cdk.tf.json or a plan JSON.
 */
export async function loadStacks(input: string, options: LoadOptions = {}): Promise<StackModel[]> {
  if (statOf(input).isDirectory()) {
    const names = fileNames(input);
    if (!names.some((name) => CDKTF_MARKERS.includes(name)) && names.some(isConfigurationFile))
      return [await naming(input, () => loadModuleDirectory(input, names, options))];
  }
  if ((options.variableFiles ?? []).length > 0)
    throw new BadInputError(
      input,
      "--var-file binds the variables of a Terraform module directory, and this is not one",
    );
  if (input.endsWith(".tf"))
    throw new BadInputError(input, "a .tf file is one file of a module: check its directory");
  const files: string[] = [];
  if (statOf(input).isDirectory()) {
    try {
      findStackFiles(input, new Set(), files);
    } catch (error) {
      if (error instanceof BadInputError) throw error;
      throw new BadInputError(input, systemProblem(error));
    }
    if (files.length === 0)
      throw new BadInputError(input, `no stacks found (no ${STACK_FILE} in it, and no .tf or .tf.json file)`);
  } else files.push(input);
  return Promise.all(
    files.map((file) => naming(file, () => readStack(readJson(file), file, fallbackName(file)))),
  );
}

/** Loads and checks every PATH together (so cross-stack references resolve); throws BadInputError on bad input. */
export async function checkPaths(
  inputs: readonly string[],
  options: CheckOptions & LoadOptions,
): Promise<CheckReport> {
  const stacks: StackModel[] = [];
  for (const input of inputs) stacks.push(...(await loadStacks(input, options)));
  const seen = new Map<string, string>();
  for (const stack of stacks) {
    const other = seen.get(stack.name);
    if (other !== undefined)
      throw new BadInputError(stack.file, `stack "${stack.name}" is also read from ${other}`);
    seen.set(stack.name, stack.file);
  }
  return naming(inputs.join(", "), () => checkStacks(stacks, options));
}
