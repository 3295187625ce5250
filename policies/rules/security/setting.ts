import type { ResourceBlock, StackModel } from "../../engine/model";
import type { Observation, Rule, RuleContext } from "../../engine/rule";
import {
  attributeOf,
  blocksOf,
  problemAt,
  read,
  readDeep,
  resourcesOf,
  toBool,
  toNumber,
  toText,
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

/** One place along a setting's path: the value written there, or where the path ends unwritten. */
type Found =
  | { readonly attribute: string; readonly written: unknown; readonly stack: StackModel }
  | { readonly attribute: string; readonly missing: "block" | "attribute" }
  | { readonly attribute: string; readonly problem: string; readonly written: unknown };

/** Every value at a path, through blocks that may be one object or a list of them, into `found`. */
function walk(
  context: RuleContext,
  body: unknown,
  stack: StackModel,
  path: readonly string[],
  depth: number,
  prefix: string,
  found: Found[],
): void {
  const step = path[depth];
  if (step === undefined) return;
  const attribute = prefix === "" ? step : `${prefix}.${step}`;
  const written = attributeOf(body, step);
  const last = depth === path.length - 1;
  if (written === undefined || written === null) {
    found.push({ attribute, missing: last ? "attribute" : "block" });
    return;
  }
  if (last) {
    found.push({ attribute, written, stack });
    return;
  }
  const blocks = read(context, written, stack);
  if (!blocks.known) {
    found.push({ attribute, problem: blocks.problem, written });
    return;
  }
  const list = blocksOf(blocks.value);
  if (list.length === 0) found.push({ attribute, missing: "block" });
  const indexed = Array.isArray(blocks.value);
  for (let index = 0; index < list.length; index++) {
    const at = indexed ? `${attribute}.${index}` : attribute;
    walk(context, list[index], blocks.stack, path, depth + 1, at, found);
  }
}

/** The findings of one setting on one resource, into `into`. */
function settingFindings(
  context: RuleContext,
  resource: ResourceBlock,
  setting: Setting,
  into: Observation[],
): void {
  const places: Found[] = [];
  walk(context, resource.body, context.stack, setting.path, 0, "", places);
  for (const place of places) {
    if ("missing" in place) {
      const fine = place.missing === "block" && setting.blockOptional === true;
      if (setting.missing !== undefined && !fine)
        into.push(problemAt(resource, place.attribute, null, setting.missing));
      continue;
    }
    if ("problem" in place) {
      into.push(problemAt(resource, place.attribute, place.written, place.problem));
      continue;
    }
    if (setting.check === undefined) continue;
    const value = readDeep(context, place.written, place.stack);
    const problem = value.known ? setting.check(value.value) : value.problem;
    if (problem !== undefined) into.push(problemAt(resource, place.attribute, place.written, problem));
  }
}

/** The findings of one setting on one resource. */
export function checkSetting(context: RuleContext, resource: ResourceBlock, setting: Setting): Observation[] {
  const found: Observation[] = [];
  settingFindings(context, resource, setting, found);
  return found;
}

/** A rule that holds every resource of the settings' types to each of them. */
export function settingRule(...settings: readonly Setting[]): Rule {
  return (context) => {
    const found: Observation[] = [];
    for (const setting of settings)
      for (const resource of resourcesOf(context.stack, ...setting.types))
        settingFindings(context, resource, setting, found);
    return found;
  };
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
