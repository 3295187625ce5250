import { attributeClassifier, type AttributeClassifier } from "../../catalog/location-attributes";
import { LOCATION_BLOCKS } from "../../catalog/location-blocks";
import { DYNAMIC } from "../../engine/dynamic";
import { InputError, isObject, own, type ResourceBlock } from "../../engine/model";
import type { PlaceForm, PlaceVerdict } from "../../catalog/places";
import { ALICLOUD } from "../../catalog/providers";
import type { Observation, RuleContext } from "../../engine/rule";

/** Meta-arguments and free-form maps that never name a place. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set([
  "//",
  "provider",
  "depends_on",
  "lifecycle",
  "count",
  "for_each",
  "provisioner",
  "connection",
  "timeouts",
  "tags",
]);
/** Nesting deeper than any provider schema: the input is hostile or broken. */
const MAX_NESTING = 32;
const UNKNOWN_AFTER_APPLY: readonly PlaceVerdict[] = [
  { verdict: "unresolved", place: "known only after apply" },
];
/** Each type's location blocks as name paths, parents before children. */
const LOCATION_BLOCK_PATHS: ReadonlyMap<string, readonly string[][]> = new Map(
  Object.entries(LOCATION_BLOCKS).map(([type, paths]) => [type, [...paths].sort().map((p) => p.split("."))]),
);

const ALICLOUD_TYPE_PREFIX = `${ALICLOUD}_`;
const DYNAMIC_PATH = `${DYNAMIC}.`;

/** Every place position (location attribute) of every alicloud resource names a mainland place; values elsewhere are RES-PLACE-IN-VALUE's. */
export function locationAttributes({ stack, resolver }: RuleContext): Observation[] {
  const found: Observation[] = [];
  // Visitors made once per stack, not per resource: the walk over 10,000 resources creates no closures.
  const observe = (
    resource: ResourceBlock,
    attribute: string,
    value: unknown,
    places: readonly PlaceVerdict[],
  ): void => {
    found.push({
      address: resource.address,
      attribute,
      value,
      places,
      constructPath: resource.constructPath,
    });
  };
  // A dynamic block left as written (its elements not known before apply) is read outside the resource's
  // instances: its iterator (CDKTF's is always `each`) must not read as the resource's own `each`.
  const observeWritten: Visitor = (resource, path, value, form) =>
    observe(
      resource,
      path,
      value,
      resolver.places(value, form, stack, path.startsWith(DYNAMIC_PATH) ? undefined : resource),
    );
  const observeUnknown: Visitor = (resource, path, value) => {
    if (isUnknown(value)) observe(resource, path, null, UNKNOWN_AFTER_APPLY);
  };
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    if (resource.mode !== "managed" || !resource.type.startsWith(ALICLOUD_TYPE_PREFIX)) continue;
    const classify = attributeClassifier(resource.type);
    walk(resource, classify, resource.body, "", 0, observeWritten);
    if (resource.unknown === undefined) continue;
    const before = found.length;
    walk(resource, classify, resource.unknown, "", 0, observeUnknown);
    // A block named like a place position (`destination`) that is wholly unknown is reported once.
    const reported = found.slice(before).map((observation) => observation.attribute);
    for (const path of LOCATION_BLOCK_PATHS.get(resource.type) ?? []) {
      const dotted = path.join(".");
      if (reported.some((parent) => dotted === parent || dotted.startsWith(`${parent}.`))) continue;
      if (!unknownAlong(resource.unknown, path, 0)) continue;
      reported.push(dotted);
      observe(resource, dotted, null, UNKNOWN_AFTER_APPLY);
    }
  }
  return found;
}

/** A plan's `after_unknown` marks a value (or an element of a list) unknown with `true`. */
function isUnknown(value: unknown): boolean {
  return value === true || (Array.isArray(value) && value.some(isUnknown));
}

/** True when a plan's `after_unknown` marks the block at `path`, or a block on the way to it, wholly unknown. */
function unknownAlong(node: unknown, path: readonly string[], index: number): boolean {
  if (node === true) return true;
  if (Array.isArray(node)) return node.some((item) => unknownAlong(item, path, index));
  if (index === path.length || !isObject(node)) return false;
  return unknownAlong(own(node, path[index] as string), path, index + 1);
}

/** A nested block in Terraform JSON: an object, or a list of objects. */
function isBlock(value: unknown): boolean {
  return isObject(value) || (Array.isArray(value) && value.some(isObject));
}

type Visitor = (resource: ResourceBlock, path: string, value: unknown, form: PlaceForm) => void;

function walk(
  resource: ResourceBlock,
  classify: AttributeClassifier,
  value: unknown,
  prefix: string,
  depth: number,
  visitor: Visitor,
): void {
  if (depth > MAX_NESTING)
    throw new InputError(`${resource.address} is nested deeper than any provider schema`);
  if (Array.isArray(value)) {
    for (const item of value) walk(resource, classify, item, prefix, depth + 1, visitor);
    return;
  }
  if (!isObject(value)) return;
  // for...in over plain JSON objects: no entry arrays allocated for the 10,000-resource case.
  for (const name in value) {
    if (depth === 0 && NOT_ATTRIBUTES.has(name)) continue;
    const child = value[name];
    const path = prefix === "" ? name : prefix + name;
    const classified = classify(path, name);
    // A nested block that shares a location attribute's name (`regions { region_id }`) is walked, not read as a place.
    if (classified === undefined || ("form" in classified && isBlock(child))) {
      if (typeof child === "object" && child !== null)
        walk(resource, classify, child, `${path}.`, depth + 1, visitor);
    } else if ("form" in classified && classified.form !== "value")
      visitor(resource, path, child, classified.form);
  }
}
