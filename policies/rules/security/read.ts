import type { PlaceVerdict } from "../../catalog/places";
// From json.ts itself: model.ts re-exports these through a getter, which would run on every attribute read.
import { isObject, own } from "../../engine/json";
import { innerMap } from "../../engine/maps";
import type { ResourceBlock, StackModel } from "../../engine/model";
import { instanceAddress, ReferenceOrigin, type Instance, type NamedResource } from "../../engine/resolve";
import type { Observation, RuleContext } from "../../engine/rule";
import { holdsTemplateSequence } from "../../language/parse";
import type { Mutable } from "../../engine/types";
import { PartialText, Unknown } from "../../language/value";

/**
 * How the security rules read a configuration: every value goes through the resolver the rule context gives
 * (locals, variables, other stacks' outputs, functions, references), and this file is the only one that calls
 * it. A value a rule needs but the resolver cannot know is a problem the rule reports, never a pass.
 */

/** A value read for a rule: known (with the stack its own references resolve in), or why it is not. */
export type Reading =
  | { readonly known: true; readonly value: unknown; readonly stack: StackModel }
  | { readonly known: false; readonly problem: string };

/** A resource a value refers to, by any attribute (`id`, `arn`, `bucket`...), in the stack it is in. */
export type Reference = NamedResource;

/**
 * The stack of a value the resolver computed: its text is what Terraform has, never a template to evaluate
 * again (an escaped `$${x}` stays the text `${x}`), and it refers to nothing.
 */
const COMPUTED: StackModel = {
  name: "(computed)",
  file: "",
  kind: "cdktf",
  providers: new Map(),
  resources: [],
  variables: {},
  locals: {},
  outputs: {},
  backends: [],
  modules: new Map(),
};

/** The first part of a computed value that is not known before apply, with why. */
function unknownIn(value: unknown, depth = 0): string | undefined {
  if (value instanceof Unknown) return value.reason;
  if (value instanceof PartialText) {
    const unknown = value.parts.find((part): part is Unknown => part instanceof Unknown);
    return `it is known only in part before apply (${unknown?.reason ?? "a part is unknown"})`;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (depth > 64) return "it is nested too deeply to read";
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const reason = unknownIn(item, depth + 1);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** Whether a value holds a template anywhere (or is nested too deeply to tell), so that it must be evaluated. */
function holdsTemplate(value: unknown, depth: number): boolean {
  if (typeof value === "string") return holdsTemplateSequence(value);
  if (typeof value !== "object" || value === null) return false;
  if (depth > 32) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsTemplate(item, depth + 1)) return true;
    return false;
  }
  // Own properties, as Object.values gives them, without a list of them for every object of every resource.
  for (const key in value)
    if (Object.hasOwn(value, key) && holdsTemplate((value as Record<string, unknown>)[key], depth + 1))
      return true;
  return false;
}

/**
 * A value as Terraform will have it before apply. Literal containers are returned as written (their items are
 * read in turn, so that a reference among them can still be followed); a template is evaluated, all of it.
 */
export function read(
  { resolver }: RuleContext,
  value: unknown,
  stack: StackModel,
  instance?: Instance,
): Reading {
  // Most values are literals: they are what they say, and 10,000 resources need no resolver call for them.
  if (isLiteral(value, stack)) return { known: true, value, stack };
  const computed = resolver.value(value, stack, instance);
  const unknown = unknownIn(computed);
  return unknown === undefined
    ? { known: true, value: computed, stack: COMPUTED }
    : { known: false, problem: `cannot be resolved: ${unknown}` };
}

/** Whether `read` gives a value back as written (in its own stack): anything but a string holding a template. */
export function isLiteral(value: unknown, stack: StackModel): boolean {
  return stack === COMPUTED || typeof value !== "string" || !holdsTemplate(value, 0);
}

/** A value with everything inside it read: a list of CIDRs from a local, tags from a map of references. */
export function readDeep(
  context: RuleContext,
  value: unknown,
  stack: StackModel,
  instance?: Instance,
): Reading {
  if (stack === COMPUTED || !holdsTemplate(value, 0)) return { known: true, value, stack };
  const computed = context.resolver.value(value, stack, instance);
  const unknown = unknownIn(computed);
  return unknown === undefined
    ? { known: true, value: computed, stack: COMPUTED }
    : { known: false, problem: `cannot be resolved: ${unknown}` };
}

/** The resource a value names (`${alicloud_kms_key.pi.id}`, through locals and other stacks), or why it names none. */
export function referenceOf(
  { resolver }: RuleContext,
  value: unknown,
  stack: StackModel,
): Reference | { readonly problem: string } {
  if (stack === COMPUTED)
    return {
      problem: `is ${JSON.stringify(value)}, computed by an expression, not a reference to a resource`,
    };
  if (typeof value !== "string" || !holdsTemplate(value, 0))
    return { problem: `is ${JSON.stringify(value)}, not a reference to a resource of this check` };
  const known = referencesIn(resolver, stack);
  const cached = known.get(value);
  if (cached !== undefined) return cached;
  const named = resolver.reference(value, stack);
  const found = "resource" in named ? named : { problem: `cannot be resolved: ${named.unresolved}` };
  known.set(value, found);
  return found;
}

/**
 * The references already followed, per check (its resolver) and stack, by text: a text names the same resource
 * wherever in the stack it is written, and several rules follow the same key, bucket or VPC.
 */
const referencesFollowed = new WeakMap<
  object,
  Map<StackModel, Map<string, Reference | { readonly problem: string }>>
>();

function referencesIn(
  resolver: object,
  stack: StackModel,
): Map<string, Reference | { readonly problem: string }> {
  return innerMap(innerMap(referencesFollowed, resolver), stack);
}

/** Where a value places something (a region or location attribute), as the residency rules see it. */
export function placesOf(
  { resolver }: RuleContext,
  value: unknown,
  stack: StackModel,
): readonly PlaceVerdict[] {
  return resolver.requiredPlaces(value, "place", stack, "it is not set");
}

/** A piece of text read from a template: literal text, or the resource whose value is known only after apply. */
export type TextPart = string | { readonly address: string; readonly type: string };

const DOT = 46;

/** The resource type of an address (`alicloud_vpc.home`, `module.m.alicloud_vpc.x[0]`). */
function typeOfAddress(address: string): string {
  const bracket = address.indexOf("[");
  const end = bracket < 0 ? address.length : bracket;
  // The segment before the last dot, found without splitting the address.
  let last = end - 1;
  while (last >= 0 && address.charCodeAt(last) !== DOT) last--;
  if (last < 0) return "";
  let start = last - 1;
  while (start >= 0 && address.charCodeAt(start) !== DOT) start--;
  return address.slice(start + 1, last);
}

function textPart(part: string | Unknown): TextPart | { readonly problem: string } {
  if (typeof part === "string") return part;
  const origin: unknown = part.origin;
  return origin instanceof ReferenceOrigin
    ? { address: origin.address, type: typeOfAddress(origin.address) }
    : { problem: `cannot be resolved: ${part.reason}` };
}

/** The parts of a text built around references (a policy naming a VPC's ID), or why it cannot be read. */
export function readTemplate(
  context: RuleContext,
  value: unknown,
  stack: StackModel,
  instance?: Instance,
): readonly TextPart[] | { readonly problem: string } {
  const computed = stack === COMPUTED ? value : context.resolver.value(value, stack, instance);
  const parts = computed instanceof PartialText ? computed.parts : [computed];
  const text: TextPart[] = [];
  for (const part of parts) {
    if (part instanceof Unknown) {
      const read = textPart(part);
      if (typeof read !== "string" && "problem" in read) return read;
      text.push(read);
      continue;
    }
    const known = toText(part);
    if (typeof known !== "string") return known;
    text.push(known);
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

/** The first block of a nested block (`blocksOf(value)[0]`), without a list for the one. */
export function firstBlockOf(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? (value as readonly unknown[])[0] : value;
}

/** Each stack's managed resources by type, built once: fifty rules each looking for two types of 10,000 resources. */
const resourcesByType = new WeakMap<StackModel, ReadonlyMap<string, readonly ResourceBlock[]>>();

function byType(stack: StackModel): ReadonlyMap<string, readonly ResourceBlock[]> {
  let index = resourcesByType.get(stack);
  if (index === undefined) {
    const built = new Map<string, ResourceBlock[]>();
    for (let position = 0; position < stack.resources.length; position++) {
      const resource = stack.resources[position] as ResourceBlock;
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

/**
 * A resource as a rule checks it. One with `count` or `for_each` is checked once per instance Terraform creates
 * (none for a count of 0), addressed as Terraform addresses the instance (`x.y[0]`, `x.y["key"]`), its values
 * read with that instance's `count.index` or `each`; when their number is not known before apply, one stands
 * for all of them under the resource's address.
 */
export interface CheckedResource extends ResourceBlock {
  /** The instance its own values are read in: pass it to `read`, `readDeep` and `readTemplate`. */
  readonly instance?: Instance;
  /** The address of the block, when `address` names one of its instances. */
  readonly block?: string;
}

/** The resources of several types as rules check them, per check (its resolver), stack and types joined. */
const checkedByTypes = new WeakMap<object, Map<StackModel, Map<string, readonly CheckedResource[]>>>();

/** The managed resources of the given types in the rule's stack, type by type, each instance on its own. */
export function resourcesOf(context: RuleContext, ...types: readonly string[]): readonly CheckedResource[] {
  const { resolver, stack } = context;
  const byTypes = innerMap(innerMap(checkedByTypes, resolver), stack);
  // No resource type holds a space, so the joined names stand for the list.
  const key = types.length === 1 ? (types[0] ?? "") : types.join(" ");
  let resources = byTypes.get(key);
  if (resources === undefined) {
    const index = byType(stack);
    const single = types.length === 1 ? index.get(key) : undefined;
    // Most resources have no count or for_each: the stack's own list of a type serves as it is.
    if (
      single !== undefined &&
      single.every((resource) => resolver.instancesOf(stack, resource) === undefined)
    )
      resources = single;
    else {
      const all: CheckedResource[] = [];
      for (const type of types)
        for (const resource of index.get(type) ?? NO_RESOURCES) {
          const instances = resolver.instancesOf(stack, resource);
          if (instances === undefined) all.push(resource);
          else for (const instance of instances) all.push(instanceOf(resource, instance));
        }
      resources = all;
    }
    byTypes.set(key, resources);
  }
  return resources;
}

/** One instance of a resource, under the address Terraform gives it; all of them when their keys are unknown. */
function instanceOf(resource: ResourceBlock, instance: Instance): CheckedResource {
  if (instance.unknown !== undefined) return { ...resource, instance };
  return {
    ...resource,
    address: instanceAddress(resource.address, instance),
    instance,
    block: resource.address,
  };
}

const NO_RESOURCES: readonly ResourceBlock[] = [];

/** An attribute of a block body; never one inherited from Object.prototype. */
export function attributeOf(body: unknown, name: string): unknown {
  return isObject(body) ? own(body, name) : undefined;
}

/** Shared by every finding of this pack: a security problem places nothing. */
const NO_PLACES: readonly never[] = [];

/** A finding on a resource: the attribute, the value as written, and what is wrong with it. */
export function problemAt(
  resource: CheckedResource,
  attribute: string,
  value: unknown,
  problem: string,
): Observation {
  const { address, constructPath } = resource;
  const observation: Mutable<Observation> =
    constructPath === undefined
      ? { address, attribute, value, places: NO_PLACES, problem }
      : { address, attribute, value, places: NO_PLACES, problem, constructPath };
  if (resource.block !== undefined) observation.block = resource.block;
  return observation;
}
