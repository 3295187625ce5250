import { attributeClassifier, type AttributeClassifier } from "../../catalog/location-attributes";
import { mayNamePlace, type PlaceVerdict } from "../../catalog/places";
import { ALICLOUD } from "../../catalog/providers";
import { loneReferenceRoot } from "../../language/parse";
import {
  InputError,
  isObject,
  type JsonObject,
  type ResourceBlock,
  type StackModel,
} from "../../engine/model";
import { DYNAMIC } from "../../engine/dynamic";
import type { Resolver } from "../../engine/resolve";
import type { Observation, RuleContext } from "../../engine/rule";
import type { Mutable } from "../../engine/types";

/** Meta-arguments and tags: they configure Terraform or label a resource, and name no place. */
const NOT_ARGUMENTS: ReadonlySet<string> = new Set([
  "//",
  "provider",
  "depends_on",
  "lifecycle",
  "count",
  "for_each",
  "timeouts",
  "tags",
]);
/** Provider arguments the provider rules read in their own forms: region, endpoints, account type. */
const PROVIDER_CHECKED: ReadonlySet<string> = new Set(["alias", "region", "endpoints", "account_type"]);
/** A module call's meta-arguments: where the module comes from and how it is instantiated. */
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  "source",
  "version",
  "providers",
  "count",
  "for_each",
  "depends_on",
]);
/** Nesting deeper than any provider schema: the input is hostile or broken. */
const MAX_NESTING = 32;
const ALICLOUD_TYPE_PREFIX = `${ALICLOUD}_`;
const REMOTE_STATE = "terraform_remote_state";
/** Roots of a traversal that are not a managed resource type (Terraform's reserved names). */
const NOT_RESOURCE_ROOTS: ReadonlySet<string> = new Set([
  "var",
  "local",
  "data",
  "module",
  "count",
  "each",
  "path",
  "terraform",
  "self",
]);

/** Where a walk is: the block it reads, how its type's schema names its attributes (if alicloud), its stack. */
interface Scope {
  readonly address: string;
  /** Classifies the attributes of an alicloud type's schema; undefined where no schema names them. */
  readonly classify: AttributeClassifier | undefined;
  readonly constructPath: string | undefined;
  /** The stack whose scope the values are evaluated in (a module call's arguments: the caller's). */
  readonly stack: StackModel;
  /** The resource the values belong to, so that `count.index` and `each` have their instances' values. */
  readonly resource?: ResourceBlock;
}

/**
 * Every argument of every resource, data source and provider that is no place position, and every variable's
 * default, names by its shape no place outside mainland China (a region or zone ID, an OSS location, an
 * endpoint, an ARN, a PrivateLink service name, JSON holding one).
 */
export function placesInValues({ stack, resolver }: RuleContext): Observation[] {
  const found: Observation[] = [];
  // A text is only scanned after `mayHoldPlace` (in the loops below): most are rejected before a path is built.
  const scan = (scope: Scope, path: string, text: string): void => {
    // Only a foreign place counts: text that names none, or cannot be computed, is no finding in the value form,
    // and a mainland place here adds nothing to where the resource is.
    const all = resolver.places(text, "value", scope.stack, scope.resource);
    // Most texts name no foreign place: no filtered copy is made for them.
    if (!all.some(isOutside)) return;
    const places = all.filter(isOutside);
    found.push({
      address: scope.address,
      attribute: path,
      value: text,
      places,
      constructPath: scope.constructPath,
    });
  };
  // The fast reject: a text with no dash, brace or bracket names no place and holds no template; a lone
  // reference to a managed resource names that resource, whose values are read where it is declared.
  const mayHoldPlace = (text: string): boolean => mayNamePlace(text) && !namesManagedResource(text, resolver);
  const walk = (scope: Scope, value: unknown, prefix: string, depth: number): void => {
    if (depth > MAX_NESTING)
      throw new InputError(`${scope.address} is nested deeper than any provider schema`);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === "string") {
          if (mayHoldPlace(item)) scan(scope, prefix, item);
        } else walk(scope, item, prefix, depth + 1);
      }
    } else if (isObject(value)) {
      for (const name in value) {
        if (depth === 0 && NOT_ARGUMENTS.has(name)) continue;
        const child = value[name];
        // Numbers, flags and text that cannot name a place are passed over before a path is even built.
        if (typeof child === "string" ? !mayHoldPlace(child) : typeof child !== "object" || child === null)
          continue;
        const path = prefix === "" ? name : `${prefix}.${name}`;
        if (scope.classify !== undefined && !readsAsValue(scope.classify, path, name, child)) continue;
        if (typeof child === "string") scan(scope, path, child);
        // A dynamic block left as written (its elements not known before apply) is read outside the
        // resource's instances: its iterator (CDKTF's is always `each`) must not read as the resource's own.
        else if (depth === 0 && name === DYNAMIC) walk({ ...scope, resource: undefined }, child, path, 1);
        else walk(scope, child, path, depth + 1);
      }
    }
  };
  // One scope for every resource, changed between them: findings copy what they name of it.
  const resourceScope: Mutable<Scope> = { address: "", classify: undefined, constructPath: undefined, stack };
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    // Remote state is a backend, which RES-BACKEND reads.
    if (resource.type === REMOTE_STATE) continue;
    // A managed alicloud resource's place positions are RES-LOCATION-ATTRIBUTE's; a data source's are read here.
    const alicloudManaged = resource.mode === "managed" && resource.type.startsWith(ALICLOUD_TYPE_PREFIX);
    resourceScope.address = resource.address;
    resourceScope.classify = alicloudManaged ? attributeClassifier(resource.type) : undefined;
    resourceScope.constructPath = resource.constructPath;
    resourceScope.resource = resource;
    walk(resourceScope, resource.body, "", 0);
  }
  // A local module's call: its arguments are values of the caller, read in the caller's scope.
  const call = stack.module;
  if (call !== undefined) {
    const scope: Scope = {
      address: call.path,
      classify: undefined,
      constructPath: undefined,
      stack: call.parent,
    };
    walk(scope, withoutKeys(call.arguments, MODULE_META_ARGUMENTS), "", 0);
  }
  // A variable's default is a value too: where it is used, an unpinned variable resolves to nothing.
  for (const name in stack.variables) {
    const declaration = stack.variables[name];
    if (isObject(declaration))
      walk(
        { address: `var.${name}`, classify: undefined, constructPath: undefined, stack },
        { default: declaration.default },
        "",
        0,
      );
  }
  for (const config of stack.providers.values()) {
    const body =
      config.name === ALICLOUD
        ? withoutKeys(config.body, PROVIDER_CHECKED, (name) => name.endsWith("_endpoint"))
        : config.body;
    walk(
      {
        address: `provider.${config.key}`,
        classify: attributeClassifier("provider"),
        constructPath: undefined,
        stack,
      },
      body,
      "",
      0,
    );
  }
  return found;
}

function isOutside(place: PlaceVerdict): boolean {
  return place.verdict === "outside";
}

/**
 * An argument read here: not excluded as naming no place, and no place position of its type — but a block
 * that shares a place position's name (`destination { location }`) is walked, its leaves classified in turn.
 */
function readsAsValue(classify: AttributeClassifier, path: string, name: string, value: unknown): boolean {
  const classified = classify(path, name);
  if (classified === undefined) return true;
  if (!("form" in classified)) return false;
  // A form other than `value` makes it a place position (isPlacePosition), read by RES-LOCATION-ATTRIBUTE.
  return classified.form === "value" || isBlock(value);
}

/** A nested block in Terraform JSON: an object, or a list of objects. */
function isBlock(value: unknown): boolean {
  return isObject(value) || (Array.isArray(value) && value.some(isObject));
}

/**
 * A lone reference to a managed resource (`${alicloud_vpc.x.id}`, `${alicloud_vswitch.x[0].zone_id}`) names
 * that resource: every value it has is read where it is declared, and its region by the provider rule.
 */
function namesManagedResource(text: string, resolver: Resolver): boolean {
  if (!text.startsWith("${")) return false;
  // Most are read directly, with no syntax tree built or looked up; the parser decides the rest.
  const root = loneReferenceRoot(text);
  if (root !== undefined) return !NOT_RESOURCE_ROOTS.has(root);
  const expression = resolver.parse(text);
  return (
    typeof expression !== "string" &&
    expression.kind === "traversal" &&
    !NOT_RESOURCE_ROOTS.has(expression.root)
  );
}

/** A copy of a JSON object without the keys in `keys` (or that `also` picks). */
function withoutKeys(
  object: JsonObject,
  keys: ReadonlySet<string>,
  also: (name: string) => boolean = () => false,
): JsonObject {
  const kept: JsonObject = {};
  for (const name in object) if (!keys.has(name) && !also(name)) kept[name] = object[name];
  return kept;
}
