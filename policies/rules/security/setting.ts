import type { StackModel } from "../../engine/model";
import type { Observation, Rule, RuleContext } from "../../engine/rule";
import {
  attributeOf,
  isLiteral,
  problemAt,
  read,
  readDeep,
  resourcesOf,
  toBool,
  toNumber,
  toText,
  type CheckedResource,
} from "./read";

/** A value a resource must have: where it is written, and what makes it secure. */
export interface Setting {
  readonly types: readonly string[];
  /** From the resource body through nested blocks to the attribute, e.g. `["versioning", "status"]`. */
  readonly path: readonly string[];
  /** What is wrong with the value as Terraform will have it, or undefined when it is secure; absent: being set is enough. */
  readonly check?: (value: unknown) => string | undefined;
  /** What is wrong when it is not written; undefined when the provider's default is secure. */
  readonly missing?: string;
  /** True when a missing enclosing block is fine (no data disks: nothing to encrypt). */
  readonly blockOptional?: true;
}

/**
 * The index taken in each list of blocks along the path walked (-1 where the block was one object): the
 * attribute path of a finding (`ebs.0.encrypted`) is built from it only when there is a finding. One for
 * every walk, each using the entries of its own depth: a walk is synchronous and reads no other setting.
 */
const indices: number[] = [];

/** The attribute path through the first `depth + 1` steps, with the list indices taken. */
function attributeAt(path: readonly string[], depth: number): string {
  let attribute = path[0] ?? "";
  for (let step = 0; step < depth; step++) {
    const index = indices[step] ?? -1;
    attribute =
      index < 0 ? `${attribute}.${path[step + 1] ?? ""}` : `${attribute}.${index}.${path[step + 1] ?? ""}`;
  }
  return attribute;
}

/** The findings of a setting at every value along its path, through blocks that may be one object or a list. */
function walk(
  context: RuleContext,
  resource: CheckedResource,
  setting: Setting,
  body: unknown,
  stack: StackModel,
  depth: number,
  into: Observation[],
): void {
  const { path } = setting;
  const step = path[depth];
  if (step === undefined) return;
  const written = attributeOf(body, step);
  const last = depth === path.length - 1;
  if (written === undefined || written === null) {
    missing(resource, setting, depth, last ? "attribute" : "block", into);
    return;
  }
  if (last) {
    valueFindings(context, resource, setting, depth, written, stack, into);
    return;
  }
  // Most blocks are literal: only what holds a template is read, and nothing is allocated for the others.
  let value: unknown = written;
  let inner = stack;
  if (!isLiteral(written, stack)) {
    const blocks = read(context, written, stack, resource.instance);
    if (!blocks.known) {
      into.push(problemAt(resource, attributeAt(path, depth), written, blocks.problem));
      return;
    }
    value = blocks.value;
    inner = blocks.stack;
  }
  if (!Array.isArray(value)) {
    if (value === undefined || value === null) missing(resource, setting, depth, "block", into);
    else {
      indices[depth] = -1;
      walk(context, resource, setting, value, inner, depth + 1, into);
    }
    return;
  }
  if (value.length === 0) missing(resource, setting, depth, "block", into);
  for (let index = 0; index < value.length; index++) {
    indices[depth] = index;
    walk(context, resource, setting, value[index], inner, depth + 1, into);
  }
}

/** The finding, if any, where a setting's path ends unwritten: a missing block is fine when the setting says so. */
function missing(
  resource: CheckedResource,
  setting: Setting,
  depth: number,
  what: "block" | "attribute",
  into: Observation[],
): void {
  const fine = what === "block" && setting.blockOptional === true;
  if (setting.missing !== undefined && !fine)
    into.push(problemAt(resource, attributeAt(setting.path, depth), null, setting.missing));
}

/** The finding, if any, on a value written for a setting. */
function valueFindings(
  context: RuleContext,
  resource: CheckedResource,
  setting: Setting,
  depth: number,
  written: unknown,
  stack: StackModel,
  into: Observation[],
): void {
  if (setting.check === undefined) return;
  const value = readDeep(context, written, stack, resource.instance);
  const problem = value.known ? setting.check(value.value) : value.problem;
  if (problem !== undefined)
    into.push(problemAt(resource, attributeAt(setting.path, depth), written, problem));
}

/** The findings of one setting on one resource, into `into`. */
export function checkSetting(
  context: RuleContext,
  resource: CheckedResource,
  setting: Setting,
  into: Observation[],
): void {
  walk(context, resource, setting, resource.body, context.stack, 0, into);
}

/** A rule that holds every resource of the settings' types to each of them. */
export function settingRule(...settings: readonly Setting[]): Rule {
  return (context) => {
    const found: Observation[] = [];
    for (const setting of settings)
      for (const resource of resourcesOf(context, ...setting.types))
        checkSetting(context, resource, setting, found);
    return settings.length === 1 ? found : firstPerAttribute(found);
  };
}

/**
 * The first finding on each attribute of each resource: a block that is missing is reported once, by the first
 * setting that reads into it, not again by each setting after it.
 */
function firstPerAttribute(found: readonly Observation[]): Observation[] {
  const seen = new Set<string>();
  return found.filter((observation) => {
    const key = `${observation.address}\u0000${observation.attribute}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A check that the value, as the text Terraform converts it to, is one of the given texts. */
export function oneOf(...allowed: readonly string[]): (value: unknown) => string | undefined {
  return (value) => {
    const text = toText(value);
    if (typeof text !== "string") return text.problem;
    return allowed.includes(text)
      ? undefined
      : `is ${JSON.stringify(text)}, not ${allowed.map((item) => JSON.stringify(item)).join(" or ")}`;
  };
}

/** A check that the value is the bool given (as Terraform converts it). */
export function isBool(expected: boolean): (value: unknown) => string | undefined {
  return (value) => {
    const bool = toBool(value);
    if (typeof bool !== "boolean") return bool.problem;
    return bool === expected ? undefined : `is ${String(bool)}`;
  };
}

/** A check that the value is a number within bounds (inclusive). */
export function between(min: number, max: number): (value: unknown) => string | undefined {
  return (value) => {
    const number = toNumber(value);
    if (typeof number !== "number") return number.problem;
    if (number < min) return `is ${number}, less than ${min}`;
    return number > max ? `is ${number}, more than ${max}` : undefined;
  };
}
