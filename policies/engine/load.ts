import { evaluate } from "../language/evaluate";
import { holdsNode, holdsTemplateSequence, parseTemplate } from "../language/parse";
import { isUnknown, PartialText, Unknown, type Value } from "../language/value";
import { readConfiguration, type ConfigFile, type ModuleConfiguration } from "./configuration";
import { checkNesting, InputError, isObject, type JsonObject } from "./json";
import { modelOfConfiguration, Unresolvable, type Expanded, type ModuleCall, type StackModel } from "./model";
import { forEachEntries, MAX_INSTANCES, reasonOf, Resolver, wholeNumber } from "./resolve";

/**
 * A Terraform root module as Terraform loads it: its variables bound by tfvars files, and the local modules
 * it calls expanded into models of their own, recursively. The adapter reads the files; the engine reads
 * none, and asks the adapter for each local module it needs.
 */

/** A module directory's configuration files, parsed. */
export interface ModuleFiles {
  /** The directory as the user would name it (joined from the caller's directory and the source). */
  readonly directory: string;
  readonly files: readonly ConfigFile[];
}

/** A tfvars file, parsed: `.tfvars` (HCL, converted by HashiCorp's parser) or `.tfvars.json`. */
export interface VariableFile {
  readonly path: string;
  readonly syntax: "hcl" | "json";
  readonly values: unknown;
}

/** What the engine needs from the file system; the adapter implements it. */
export interface ModuleReader {
  /**
   * The local module `source` names from `fromDirectory`, with `identity` naming the directory whatever
   * the path to it (its real path), so that a cycle is seen; throws InputError naming `callFile` when the
   * directory is missing or holds no configuration.
   */
  readLocalModule(
    fromDirectory: string,
    source: string,
    callFile: string,
  ): Promise<ModuleFiles & { readonly identity: string }>;
}

export interface RootModule extends ModuleFiles {
  readonly name: string;
  readonly identity: string;
  /** In Terraform's precedence, lowest first: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json), --var-file. */
  readonly variableFiles: readonly VariableFile[];
}

/** Deeper than any real module tree; a deeper one is refused rather than followed. */
export const MAX_MODULE_DEPTH = 16;

/** Local module sources as Terraform recognizes them: a path that starts with ./ or ../ */
function isLocalSource(source: string): boolean {
  return (
    source.startsWith("./") ||
    source.startsWith("../") ||
    source.startsWith(".\\") ||
    source.startsWith("..\\")
  );
}

/** What a tfvars file may not hold: Terraform evaluates it with no variables and no functions. */
const NOT_CONSTANT: ReadonlySet<string> = new Set(["traversal", "call", "splatItem"]);

/**
 * A string of a `.tfvars` file as HashiCorp's parser converted it: a template (`"${1 + 2}"`, an escaped
 * `"$${x}"`), which Terraform evaluates as a constant; one that refers to anything or calls a function is
 * an error in Terraform, and refused here.
 */
function constantOfTemplate(text: string, what: string): unknown {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new InputError(`${what} is not a valid expression (${parsed.error})`);
  if (holdsNode(parsed.expression, (node) => typeof node.kind === "string" && NOT_CONSTANT.has(node.kind)))
    throw new InputError(
      `${what} refers to other values or calls a function; a tfvars file holds only constants`,
    );
  const value = evaluate(parsed.expression, {
    traverse: () => new Unknown("a tfvars file has no variables"),
  });
  return isUnknown(value) ? new Unresolvable(`Terraform cannot evaluate it here (${what})`) : value;
}

/** A tfvars value as Terraform takes it: a `.tfvars.json` string literally, a `.tfvars` string as a constant template. */
function variableValue(value: unknown, syntax: "hcl" | "json", what: string): unknown {
  if (syntax === "json") return value;
  if (typeof value === "string")
    return holdsTemplateSequence(value) ? constantOfTemplate(value, what) : value;
  if (Array.isArray(value)) return value.map((element) => variableValue(element, syntax, what));
  if (isObject(value)) {
    const converted: JsonObject = {};
    for (const key in value) {
      const name = variableValue(key, syntax, what);
      if (typeof name !== "string") throw new InputError(`${what} has an object key that is not a string`);
      Object.defineProperty(converted, name, {
        value: variableValue(value[key], syntax, what),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return converted;
  }
  return value;
}

/** Binds root variables from tfvars files, later files winning; a file that sets an undeclared variable is refused. */
export function bindVariables(
  declared: JsonObject,
  files: readonly VariableFile[],
): ReadonlyMap<string, { readonly value: unknown; readonly file: string }> {
  const bound = new Map<string, { readonly value: unknown; readonly file: string }>();
  for (const { path, syntax, values } of files) {
    if (!isObject(values))
      throw new InputError("a tfvars file must set variables (name = value), not hold a single value", path);
    for (const name in values) {
      if (!Object.hasOwn(declared, name))
        throw new InputError(
          `sets variable "${name}", which the root module does not declare (a misspelt name would leave the intended value unset)`,
          path,
        );
      try {
        checkNesting(values[name], `variable "${name}"`);
        bound.set(name, { value: variableValue(values[name], syntax, `variable "${name}"`), file: path });
      } catch (error) {
        if (error instanceof InputError) throw new InputError(error.message, path);
        throw error;
      }
    }
  }
  return bound;
}

type Instance = {
  readonly path: string;
  readonly key?: number | string;
  readonly each?: unknown;
  /** `each` is the value for_each gave, not configuration to evaluate. */
  readonly computed?: true;
};

/**
 * The instances of a call: one, one per count or for_each key, or the reason they cannot be known. A count
 * or for_each that is an expression is evaluated in the caller, as Terraform does before it plans.
 */
function instancesOf(name: string, call: JsonObject, file: string, caller: StackModel): Instance[] | string {
  const path = `module.${name}`;
  const { count, for_each: forEach } = call;
  if (count !== undefined && forEach !== undefined)
    throw new InputError(`module "${name}" sets both count and for_each; Terraform allows one`, file);
  if (count !== undefined) {
    const value = callerValue(count, caller);
    if (value instanceof Unknown || value instanceof PartialText)
      return `its count is not known before apply (${reasonOf(value)}), so the instances cannot be known before plan`;
    const number = wholeNumber(value);
    if (number === undefined) return "Terraform reports an error: its count is not a whole number";
    return checkedInstances(
      Array.from({ length: number }, (_, index) => ({ path: `${path}[${index}]`, key: index })),
    );
  }
  if (forEach === undefined) return [{ path }];
  if (isObject(forEach))
    return checkedInstances(
      Object.keys(forEach).map((key) => ({
        path: `${path}[${JSON.stringify(key)}]`,
        key,
        each: forEach[key],
      })),
    );
  const value = callerValue(forEach, caller);
  if (value instanceof Unknown || value instanceof PartialText)
    return `its for_each is not known before apply (${reasonOf(value)}), so the instances cannot be known before plan`;
  const entries = forEachEntries(value);
  if (entries === undefined)
    return "Terraform reports an error: its for_each is not a map or a set of strings";
  return checkedInstances(
    entries.map(([key, each]) => ({ path: `${path}[${JSON.stringify(key)}]`, key, each, computed: true })),
  );
}

/** The instances, or why they are refused: more than any check expands one by one. */
function checkedInstances(instances: Instance[]): Instance[] | string {
  return instances.length > MAX_INSTANCES
    ? `it has more than ${MAX_INSTANCES} instances to check`
    : instances;
}

/** A count or for_each expression's value, evaluated in the calling module (its locals, variables, tfvars). */
function callerValue(expression: unknown, caller: StackModel): Value {
  return new Resolver(new Map([[caller.name, caller]])).value(expression, caller);
}

interface Expansion {
  readonly reader: ModuleReader;
  readonly name: string;
  /** The identities of the modules that call the one being expanded, outermost first. */
  readonly callers: readonly string[];
}

async function expandCalls(
  model: StackModel,
  configuration: ModuleConfiguration,
  directory: string,
  expansion: Expansion,
): Promise<StackModel> {
  const children: StackModel[] = [];
  const unexpanded = new Map<string, string>();
  for (const [name, { file, body }] of configuration.moduleCalls) {
    const { source } = body;
    if (typeof source !== "string")
      throw new InputError(`module "${name}": source must be a literal string`, file);
    if (!isLocalSource(source)) {
      unexpanded.set(
        `module.${name}`,
        `its source "${source}" is not a local path, so its resources cannot be read before plan`,
      );
      continue;
    }
    const instances = instancesOf(name, body, file, model);
    if (typeof instances === "string") {
      unexpanded.set(`module.${name}`, instances);
      continue;
    }
    if (expansion.callers.length >= MAX_MODULE_DEPTH)
      throw new InputError(`module "${name}" is nested more than ${MAX_MODULE_DEPTH} calls deep`, file);
    const child = await expansion.reader.readLocalModule(directory, source, file);
    if (expansion.callers.includes(child.identity))
      throw new InputError(
        `module "${name}" calls ${child.directory}, which is already among its callers: a cycle`,
        file,
      );
    const childConfiguration = readConfiguration(child.files);
    for (const instance of instances) {
      const module: ModuleCall = {
        path: `${model.module === undefined ? "" : `${model.module.path}.`}${instance.path}`,
        parent: model,
        arguments: body,
      };
      const expanded: Expanded =
        instance.key === undefined
          ? { module }
          : {
              module,
              moduleInstance: {
                key: instance.key,
                value: instance.each,
                ...(instance.computed === true ? { computed: true as const } : {}),
              },
            };
      const childModel = modelOfConfiguration(
        childConfiguration,
        child.directory,
        expansion.name,
        "terraform",
        expanded,
      );
      children.push(
        await expandCalls(childModel, childConfiguration, child.directory, {
          ...expansion,
          callers: [...expansion.callers, child.identity],
        }),
      );
    }
  }
  const modules = new Map([...model.modules].filter(([address]) => unexpanded.has(address)));
  return Object.assign(model, { modules, unexpandedModules: unexpanded, children });
}

/** Reads a root module directory: its configuration, its tfvars, and every local module under it. */
export async function loadRootModule(root: RootModule, reader: ModuleReader): Promise<StackModel> {
  const configuration = readConfiguration(root.files);
  const model = modelOfConfiguration(configuration, root.directory, root.name, "terraform");
  const variableValues = bindVariables(model.variables, root.variableFiles);
  const bound = variableValues.size === 0 ? model : Object.assign(model, { variableValues });
  return expandCalls(bound, configuration, root.directory, {
    reader,
    name: root.name,
    callers: [root.identity],
  });
}
