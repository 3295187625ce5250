import { isObject, own, type ResourceBlock, type StackModel } from "../../engine/model";
import type { PlaceVerdict } from "../../catalog/places";
import type { ResolvedValue } from "../../engine/resolve";
import type { Observation, RuleContext } from "../../engine/rule";

/**
 * How the security rules read a configuration: every value goes through the resolver the rule context gives
 * (locals, other stacks' outputs, references), and this file is the only one that calls it. A value a rule
 * needs but the resolver cannot know is a problem the rule reports, never a pass.
 */

/** A value read for a rule: known (with the stack its own references resolve in), or why it is not. */
export type Reading =
  | { readonly known: true; readonly value: unknown; readonly stack: StackModel }
  | { readonly known: false; readonly problem: string };

/** A resource a value refers to, by a computed attribute (`id`, `arn`, `name`...). */
export interface Reference {
  readonly resource: ResourceBlock;
  readonly attribute: string;
  readonly stack: StackModel;
}

function reading(resolved: ResolvedValue): Reading {
  if ("unresolved" in resolved)
    return { known: false, problem: `cannot be resolved: ${resolved.unresolved}` };
  if ("resource" in resolved) {
    return {
      known: false,
      problem: `is ${resolved.resource.address}.${resolved.attribute}, known only after apply`,
    };
  }
  return { known: true, value: resolved.value, stack: resolved.stack };
}

/** A value as Terraform will have it before apply, one level deep: a list's items are values to read in turn. */
export function read({ resolver }: RuleContext, value: unknown, stack: StackModel): Reading {
  // Most values are literals: they are what they say, and 10,000 resources need no resolver call for them.
  if (typeof value !== "string" || !value.includes("${")) return { known: true, value, stack };
  return reading(resolver.value(value, stack));
}

/** A value with everything inside it read: a list of CIDRs from a local, tags from a map of references. */
export function readDeep(context: RuleContext, value: unknown, stack: StackModel, depth = 0): Reading {
  if (depth > 32) return { known: false, problem: "is nested too deeply to read" };
  // Most values (tags, lists of CIDRs) are literal all the way down: they are read as they are.
  if (!holdsTemplate(value, depth)) return { known: true, value, stack };
  const top = read(context, value, stack);
  if (!top.known) return top;
  if (Array.isArray(top.value)) {
    const items: unknown[] = [];
    for (const item of top.value) {
      const inner = readDeep(context, item, top.stack, depth + 1);
      if (!inner.known) return inner;
      items.push(inner.value);
    }
    return { known: true, value: items, stack: top.stack };
  }
  if (isObject(top.value)) {
    const entries: Record<string, unknown> = {};
    for (const key of Object.keys(top.value)) {
      const inner = readDeep(context, top.value[key], top.stack, depth + 1);
      if (!inner.known) return inner;
      entries[key] = inner.value;
    }
    return { known: true, value: entries, stack: top.stack };
  }
  return top;
}

/** Whether a value holds a template anywhere (or is nested too deeply to tell), so that it must be read. */
function holdsTemplate(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("${");
  if (typeof value !== "object" || value === null) return false;
  if (depth > 32) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (holdsTemplate(item, depth + 1)) return true;
  return false;
}

/** The resource a value names (`${alicloud_kms_key.pi.id}`, through locals and other stacks), or why it names none. */
export function referenceOf(
  { resolver }: RuleContext,
  value: unknown,
  stack: StackModel,
): Reference | { readonly problem: string } {
  const resolved = resolver.reference(value, stack);
  if ("resource" in resolved) return resolved;
  if ("unresolved" in resolved) return { problem: `cannot be resolved: ${resolved.unresolved}` };
  return { problem: `is ${JSON.stringify(resolved.value)}, not a reference to a resource of this check` };
}

/** Where a value places something (a region or location attribute), as the residency rules see it. */
export function placesOf(
  { resolver }: RuleContext,
  value: unknown,
  stack: StackModel,
): readonly PlaceVerdict[] {
  return resolver.requiredPlaces(value, "place", stack, "it is not set");
}

/** A piece of text read from a template: literal text, or a reference that stays one (an ID known after apply). */
export type TextPart = string | Reference;

/** The text of a known value part, or the problem (text that is itself a template would be evaluated again). */
function knownText(value: unknown): string | { readonly problem: string } {
  const text = toText(value);
  if (typeof text === "string" && text.includes("${"))
    return { problem: "comes from a value that is itself a template; write the text where it is used" };
  return text;
}

/** The parts of a text built around references (a policy naming a VPC), or why it cannot be read. */
export function readTemplate(
  context: RuleContext,
  value: unknown,
  stack: StackModel,
): readonly TextPart[] | { readonly problem: string } {
  if (typeof value !== "string") {
    const other = read(context, value, stack);
    if (!other.known) return other;
    const text = knownText(other.value);
    return typeof text === "string" ? [text] : text;
  }
  const parts = context.resolver.templateParts(value, stack);
  if (parts === undefined) return { problem: "is not a well-formed Terraform template" };
  const text: TextPart[] = [];
  for (const part of parts) {
    if (typeof part === "string" || "resource" in part) text.push(part);
    else if ("unresolved" in part) return { problem: `cannot be resolved: ${part.unresolved}` };
    else {
      const known = knownText(part.value);
      if (typeof known !== "string") return known;
      text.push(known);
    }
  }
  return text;
}

/** Terraform's conversion to a string (`true` → "true", 30 → "30"), or the problem. */
export function toText(value: unknown): string | { readonly problem: string } {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return { problem: `is ${describe(value)}, not text` };
}

/** Terraform's conversion to a bool: true/false, or the strings "true"/"1" and "false"/"0". */
export function toBool(value: unknown): boolean | { readonly problem: string } {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return { problem: `is ${describe(value)}, not a bool` };
}

/** Terraform's conversion to a number: a number, or a string in decimal notation. */
export function toNumber(value: unknown): number | { readonly problem: string } {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return Number(value);
  return { problem: `is ${describe(value)}, not a number` };
}

export function describe(value: unknown): string {
  if (value === undefined) return "not set";
  return JSON.stringify(value) ?? String(value);
}

/** A nested block as Terraform JSON writes it: one object, or a list of them (CDKTF and HCL differ). */
export function blocksOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Each stack's managed resources by type, built once: fifty rules each looking for two types of 10,000 resources. */
const resourcesByType = new WeakMap<StackModel, ReadonlyMap<string, readonly ResourceBlock[]>>();

function byType(stack: StackModel): ReadonlyMap<string, readonly ResourceBlock[]> {
  let index = resourcesByType.get(stack);
  if (index === undefined) {
    const built = new Map<string, ResourceBlock[]>();
    for (const resource of stack.resources) {
      if (resource.mode !== "managed") continue;
      const list = built.get(resource.type);
      if (list === undefined) built.set(resource.type, [resource]);
      else list.push(resource);
    }
    index = built;
    resourcesByType.set(stack, index);
  }
  return index;
}

/** The managed resources of the given types in a stack, type by type. */
export function resourcesOf(stack: StackModel, ...types: readonly string[]): readonly ResourceBlock[] {
  const index = byType(stack);
  if (types.length === 1) return index.get(types[0] ?? "") ?? [];
  return types.flatMap((type) => index.get(type) ?? []);
}

/** An attribute of a block body; never one inherited from Object.prototype. */
export function attributeOf(body: unknown, name: string): unknown {
  return isObject(body) ? own(body, name) : undefined;
}

/** Shared by every finding of this pack: a security problem places nothing. */
const NO_PLACES: readonly never[] = [];

/** A finding on a resource: the attribute, the value as written, and what is wrong with it. */
export function problemAt(
  resource: ResourceBlock,
  attribute: string,
  value: unknown,
  problem: string,
): Observation {
  const { address, constructPath } = resource;
  return constructPath === undefined
    ? { address, attribute, value, places: NO_PLACES, problem }
    : { address, attribute, value, places: NO_PLACES, problem, constructPath };
}
