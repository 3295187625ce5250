import {
  classifyJsonDocument,
  classifyPlace,
  classifyValueShape,
  type PlaceForm,
  type PlaceVerdict,
} from "../catalog/places";
import { LOCATION_FREE_PROVIDERS } from "../catalog/providers";
import {
  ACCOUNT_ID_ATTRIBUTES,
  CURRENT_REGION_DATA_SOURCE,
  LISTING_ATTRIBUTES,
  listsProviderRegion,
} from "../catalog/region-data-sources";
import { isMainlandRegion } from "../catalog/regions";
import { innerMap } from "./maps";
import { readPartialJson, withPlaceholders, type PartialJson } from "./partial-json";
import { EvaluationError, textOfNumber, toNumber } from "../language/convert";
import { convertToType, parseTypeConstraint, type TypeConstraint } from "../language/types";
import { applySteps, evaluate, type Scope, type Step } from "../language/evaluate";
import { holdsTemplateSequence, parseTemplate } from "../language/parse";
import type { Expression, TraversalStep } from "../language/syntax";
import {
  isSet,
  isValueObject,
  LazyObject,
  normalText,
  objectOf,
  PartialText,
  Unknown,
  type Value,
} from "../language/value";
import {
  isObject,
  own,
  providerConfigOf,
  providerOwner,
  Unresolvable,
  type ProviderConfig,
  type ResourceBlock,
  type StackModel,
} from "./model";

/**
 * Resolves Terraform JSON values to the places they name, failing closed. Every string is a template,
 * parsed once and evaluated by the language module in a scope over the stack: locals, variables (bound by
 * tfvars, pinned by a validation, or a module call's argument), written attributes of resources and data
 * sources, `count.index` and `each.*` of a known `count`/`for_each`, module outputs and CDKTF cross-stack
 * outputs. A value Terraform knows only after apply is Unknown; where it is an attribute of a resource, it
 * carries that resource's place (`ReferenceOrigin`), which is where the value points.
 */

/** A resource a reference names, the attribute it reads, and the stack the resource is in. */
export interface NamedResource {
  readonly resource: ResourceBlock;
  readonly attribute: string;
  readonly stack: StackModel;
}

/** Where a value known only after apply comes from: the resource or data source, and that one's place. */
export class ReferenceOrigin {
  constructor(
    readonly address: string,
    /** Empty for a value that names no place but may stand in a host label (the account ID). */
    readonly places: readonly PlaceVerdict[],
    /** The managed resource and computed attribute the value is, when it is one (`alicloud_vpc.v.id`). */
    readonly named?: NamedResource,
  ) {}
}

/** Deeper than this, a chain of references is circular or hostile. */
const MAX_DEPTH = 64;
/** References one value may follow: real configurations need a handful. */
const MAX_REFERENCES = 10_000;
/** Values one place may be read from: shared references multiply (`a = [local.b, local.b]`, ...). */
const MAX_VALUES = 10_000;
/** Instances of one resource (or module call) whose values are evaluated one by one. */
export const MAX_INSTANCES = 1_000;
/** JSON nested deeper than this in one value is hostile. */
const MAX_NESTING = 64;
const CROSS_STACK_INPUT = "cross-stack-reference-input-";
const CIRCULAR = "the reference chain is circular or too deep";
const FIX_VARIABLE =
  "pin it with a validation contains([...mainland region IDs...], var.NAME) — MainlandRegionVariable emits one — or use a literal";
/** Characters that end a URL's authority: after one, no unknown text can change the host. */
const HOST_END = ["/", "?", "#"] as const;
/** A stand-in label for an unknown part of a host name, to read the labels around it. */
const UNKNOWN_LABEL = "x";

const unresolved = (reason: string): PlaceVerdict => ({ verdict: "unresolved", place: reason });
const outside = (place: string): PlaceVerdict => ({ verdict: "outside", place });
const NO_PLACES: readonly PlaceVerdict[] = [];

/**
 * Where names are looked up: a stack (or module), the resource instance whose values are evaluated, and the
 * iterators of the `dynamic` blocks around the value, which shadow every other name.
 */
interface Context {
  readonly stack: StackModel;
  readonly instance?: Instance;
  readonly iterators?: Iterators;
}

/** A `dynamic` block's iterator for one element, by its name: an object of `key` and `value`. */
export type Iterators = ReadonlyMap<string, Value>;

/** One instance of a resource or module call with `count` or `for_each`: `count.index` or `each.key`/`each.value`. */
export interface Instance {
  readonly key: string;
  readonly count?: number;
  readonly each?: { readonly key: string; readonly value: Value };
  /** Stands for every instance when `count`/`for_each` is not known before apply: why `count.index` is not. */
  readonly unknown?: Unknown;
}

/**
 * A resource's instances; one that stands for all of them when their number is not known before apply (a
 * value that does not depend on count.index is the same in every instance); or Terraform's error.
 */
type Instances = readonly Instance[] | Unknown;

const EVALUATING = Symbol("evaluating");
type Memo = Map<string, Value | typeof EVALUATING>;

interface Frame {
  readonly memo: Memo;
  readonly key: string;
  cyclic: boolean;
}

type PlacesByText = Map<string, readonly PlaceVerdict[]>;

/**
 * A stack's blocks by type, then name, for each mode: a reference is looked up by the names it is written
 * with, never by an address text built for each lookup.
 */
type BlockIndex = Record<ResourceBlock["mode"], Map<string, Map<string, ResourceBlock>>>;

/** A scope for values that may refer to nothing: variable defaults and tfvars. */
const CONSTANT_SCOPE: Scope = {
  traverse: (root, steps) =>
    new Unknown(`${traversalText(root, steps)}: a constant value cannot refer to it`),
};

export class Resolver {
  private readonly providerRegions = new WeakMap<ProviderConfig, readonly PlaceVerdict[]>();
  /** Resources and data sources by mode, type and name, per stack: built on the first reference into the stack. */
  private readonly blockIndexes = new WeakMap<StackModel, BlockIndex>();
  /** The places of each text a value holds, per stack and form: 10,000 resources repeat a few zones and locals. */
  private readonly placesByText = new WeakMap<StackModel, Map<PlaceForm, PlacesByText>>();
  /** The cache of places last looked up: a rule asks for one stack and form thousands of times in a row. */
  private recentPlaces?: {
    readonly stack: StackModel;
    readonly form: PlaceForm;
    readonly byText: PlacesByText;
  };
  /** The value of each text outside resource instances, per stack: several rules read one reference. */
  private readonly valuesByText = new WeakMap<StackModel, Map<string, Value>>();
  /** Values of locals, variables, outputs and attributes, per stack, each evaluated once. */
  private readonly memos = new WeakMap<StackModel, Memo>();
  private readonly instancesByResource = new WeakMap<ResourceBlock, Instances>();
  private readonly scopes = new WeakMap<StackModel, Scope>();
  /** Partly known texts read as JSON documents, once for every rule that reads them. */
  private readonly partialJsons = new WeakMap<PartialText, PartialJson | null>();
  /** Each distinct text parsed once, whichever stack holds it. */
  private readonly parsed = new Map<string, Expression | string>();
  /** The evaluations under way, innermost last: a reference back into one of them is a cycle. */
  private readonly frames: Frame[] = [];

  /** Variables' type constraints by the text of their `type`: a module's are read for each of its calls. */
  private readonly typeConstraints = new Map<string, TypeConstraint | string>();
  /** References followed and values read since the outermost `places` call began. */
  private referencesFollowed = 0;
  private valuesRead = 0;
  private nesting = 0;

  /** @param stacks every stack of the check by name, for cross-stack references. */
  constructor(private readonly stacks: ReadonlyMap<string, StackModel>) {}

  /**
   * The places a value names in the given form. `resource` is the resource the value belongs to: with
   * `count` or `for_each`, the value is evaluated for each instance and names the places of all of them.
   */
  places(
    value: unknown,
    form: PlaceForm,
    stack: StackModel,
    resource?: ResourceBlock,
  ): readonly PlaceVerdict[] {
    this.enter();
    try {
      // A plan's values are what Terraform computed: text in them is never a template.
      if (stack.kind === "plan") return this.placesOfValue(literalValue(value, 0), form);
      if (resource === undefined || !hasInstances(resource)) return this.placesIn(value, form, { stack });
      const instances = this.instances(stack, resource);
      if (instances instanceof Unknown) return [unresolved(instances.reason)];
      return instances.flatMap((instance) => this.placesIn(value, form, { stack, instance }));
    } finally {
      this.nesting--;
    }
  }

  /**
   * The value Terraform computes for a configuration value of the stack, Unknown where it is not known before
   * apply; `instance` (from `instancesOf`) gives `count.index` or `each` the values of one resource instance,
   * `iterators` their values to the iterators of the `dynamic` blocks the value is written in.
   */
  value(value: unknown, stack: StackModel, instance?: Instance, iterators?: Iterators): Value {
    this.enter();
    try {
      if (stack.kind === "plan") return literalValue(value, 0);
      if (iterators !== undefined) return this.configValue(value, { stack, instance, iterators }, 0);
      if (instance !== undefined) return this.configValue(value, { stack, instance }, 0);
      return typeof value === "string" ? this.textValue(value, stack) : this.configValue(value, { stack }, 0);
    } finally {
      this.nesting--;
    }
  }

  /**
   * The instances Terraform creates of a resource with `count` or `for_each` (undefined for one with neither):
   * none for a count of 0 or an empty for_each; one standing for all of them when their number is not known
   * before apply or Terraform reports an error, whose `count.index` and `each` are unknown with the reason.
   */
  instancesOf(stack: StackModel, resource: ResourceBlock): readonly Instance[] | undefined {
    if (stack.kind === "plan" || !hasInstances(resource)) return undefined;
    const instances = this.instances(stack, resource);
    return instances instanceof Unknown ? everyInstance(instances.reason) : instances;
  }

  /**
   * The resource a lone reference names (`${alicloud_kms_key.pi.id}`), followed through locals and CDKTF
   * cross-stack outputs that are lone references themselves, with the stack it is in: for rules that read the
   * resource a value points at (its tags, its VPC), whether or not the attribute is written.
   */
  reference(value: unknown, stack: StackModel, depth = 0): NamedResource | { readonly unresolved: string } {
    if (depth > MAX_DEPTH) return { unresolved: CIRCULAR };
    if (typeof value !== "string" || !holdsTemplateSequence(value))
      return { unresolved: `${JSON.stringify(value)} is not a reference` };
    const expression = this.parse(value);
    if (typeof expression === "string")
      return { unresolved: `"${value}" is not a well-formed Terraform template: ${expression}` };
    if (expression.kind !== "traversal") {
      // An expression whose value is a resource's computed attribute, passed on as it is (the modules'
      // `concat(alicloud_nat_gateway.x[*].id, [""])[0]`, a conditional with a known condition), names it.
      const computed = this.value(value, stack);
      const origin = computed instanceof Unknown ? computed.origin : undefined;
      if (origin instanceof ReferenceOrigin && origin.named !== undefined) return origin.named;
      return { unresolved: `"${value}" is not a lone reference` };
    }
    const { root, steps } = expression;
    const first = attrName(steps[0]);
    const second = attrName(steps[1]);
    if (root === "local" && first !== undefined && steps.length === 1) {
      const local = own(stack.locals, first);
      return local === undefined
        ? { unresolved: `local.${first} is not defined in ${where(stack)}` }
        : this.reference(local, stack, depth + 1);
    }
    if (
      root === "data" &&
      first === "terraform_remote_state" &&
      second?.startsWith(CROSS_STACK_INPUT) === true &&
      attrName(steps[2]) === "outputs"
    ) {
      const origin = this.stacks.get(second.slice(CROSS_STACK_INPUT.length));
      const output = attrName(steps[3]);
      const block = origin === undefined || output === undefined ? undefined : own(origin.outputs, output);
      if (origin === undefined || !isObject(block) || steps.length !== 4)
        return { unresolved: `${value} is not an output of a stack of this check` };
      return this.reference(block.value, origin, depth + 1);
    }
    if (root === "var" || root === "local" || root === "data" || root === "module" || first === undefined)
      return { unresolved: `${value} names no resource of this check` };
    // `type.name.attribute`, or `type.name[key].attribute` for an instance.
    const attribute = steps[1]?.kind === "index" ? attrName(steps[2]) : second;
    const resource = this.block(stack, "managed", root, first);
    if (resource === undefined)
      return { unresolved: `${addressIn(stack, `${root}.${first}`)} is not defined in ${where(stack)}` };
    if (attribute === undefined) return { unresolved: `${value} names a whole resource` };
    return { resource, attribute, stack };
  }

  /**
   * Enters a public call (left by `this.nesting--` in its finally): an outermost one starts with fresh bounds
   * on references followed and values read. Each caller writes this out rather than passing a closure: the
   * value scan alone makes 10,000 calls.
   */
  private enter(): void {
    if (this.nesting === 0) {
      this.referencesFollowed = 0;
      this.valuesRead = 0;
    }
    this.nesting++;
  }

  /** The places a value that must name one names; unresolved when it is missing or resolves to nothing. */
  requiredPlaces(
    value: unknown,
    form: PlaceForm,
    stack: StackModel,
    missing: string,
  ): readonly PlaceVerdict[] {
    const places = this.places(value, form, stack);
    return places.length === 0 ? [unresolved(missing)] : places;
  }

  /** Where a provider configuration puts its resources: its `region`, which must be set and resolvable. */
  providerRegion(stack: StackModel, config: ProviderConfig): readonly PlaceVerdict[] {
    const cached = this.providerRegions.get(config);
    if (cached !== undefined) return cached;
    const places = config.declared
      ? this.requiredPlaces(
          config.body.region,
          "place",
          stack,
          `provider ${config.key} sets no region; it would come from the environment at deploy time`,
        )
      : [unresolved(`provider configuration ${config.key} is used but never declared`)];
    this.providerRegions.set(config, places);
    return places;
  }

  private placesIn(value: unknown, form: PlaceForm, context: Context): readonly PlaceVerdict[] {
    if (typeof value !== "string") return this.placesOfValue(this.configValue(value, context, 0), form);
    // Only text evaluated outside a resource instance is cached: an instance gives count.index a value.
    if (context.instance !== undefined) return this.textPlaces(value, form, context);
    const cache = this.placesByTextIn(context.stack, form);
    const cached = cache.get(value);
    if (cached !== undefined) return cached;
    const places = this.textPlaces(value, form, context);
    cache.set(value, places);
    return places;
  }

  private textPlaces(text: string, form: PlaceForm, context: Context): readonly PlaceVerdict[] {
    // The provider reads an empty string as an attribute not set, as it reads null.
    if (text === "") return NO_PLACES;
    if (!holdsTemplateSequence(text)) return [classifyPlace(text, form)];
    if (form === "oss-bucket") {
      const bucket = this.referencedBucket(text, context.stack);
      if (bucket !== undefined) return bucket;
    }
    const value =
      context.instance === undefined ? this.textValue(text, context.stack) : this.template(text, context);
    return this.placesOfValue(value, form);
  }

  /** The value of a text evaluated in a stack outside any resource instance, evaluated once per stack. */
  private textValue(text: string, stack: StackModel): Value {
    const byText = innerMap(this.valuesByText, stack);
    let value = byText.get(text);
    if (value === undefined) {
      value = this.template(text, { stack });
      byText.set(text, value);
    }
    return value;
  }

  private placesByTextIn(stack: StackModel, form: PlaceForm): PlacesByText {
    const recent = this.recentPlaces;
    if (recent !== undefined && recent.stack === stack && recent.form === form) return recent.byText;
    const byText = innerMap(innerMap(this.placesByText, stack), form);
    this.recentPlaces = { stack, form, byText };
    return byText;
  }

  /** The places an evaluated value names: text classified, an unknown placed by its origin or refused. */
  private placesOfValue(value: Value, form: PlaceForm): readonly PlaceVerdict[] {
    if (++this.valuesRead > MAX_VALUES)
      return [unresolved(`more than ${MAX_VALUES} values to read; the locals multiply without end`)];
    if (value === null || value === "") return NO_PLACES;
    if (typeof value === "string") return [classifyPlace(value, form)];
    if (typeof value === "number") {
      const text = textOfNumber(value);
      return typeof text === "string" ? [classifyPlace(text, form)] : [unresolved(text.reason)];
    }
    if (typeof value === "boolean") return [classifyPlace(String(value), form)];
    if (value instanceof Unknown) return unknownPlaces(value);
    if (value instanceof PartialText)
      return form === "value"
        ? knownPartPlaces(value.parts, this.partialJson(value))
        : partialTextPlaces(value, form);
    if (Array.isArray(value)) return value.flatMap((item) => this.placesOfValue(item, form));
    return Object.values(value).flatMap((item) => this.placesOfValue(item, form));
  }

  /** A lone reference to a bucket's name or ID places the bucket: its provider's region. */
  private referencedBucket(text: string, stack: StackModel): readonly PlaceVerdict[] | undefined {
    const expression = this.parse(text);
    if (typeof expression === "string" || expression.kind !== "traversal") return undefined;
    if (expression.root !== "alicloud_oss_bucket") return undefined;
    const { steps } = expression;
    const [name] = steps;
    const attribute = steps.length === 3 && steps[1]?.kind === "index" ? steps[2] : steps[1];
    if (name?.kind !== "attr" || attribute?.kind !== "attr" || steps.length > 3) return undefined;
    if (attribute.name !== "bucket" && attribute.name !== "id") return undefined;
    const resource = this.block(stack, "managed", expression.root, name.name);
    return resource === undefined
      ? [
          unresolved(
            `${addressIn(stack, `alicloud_oss_bucket.${name.name}`)} is not defined in ${where(stack)}`,
          ),
        ]
      : this.resourcePlaces(stack, resource);
  }

  /** A partly known text (a value this resolver gave) read as a JSON document, once per check. */
  partialJson(text: PartialText): PartialJson | undefined {
    let json = this.partialJsons.get(text);
    if (json === undefined) {
      json = readPartialJson(text) ?? null;
      this.partialJsons.set(text, json);
    }
    return json ?? undefined;
  }

  /**
   * The syntax tree of a Terraform JSON string (a template), or why it is not well formed: each distinct text
   * is parsed once per check, whichever rule or stack reads it.
   */
  parse(text: string): Expression | string {
    let parsed = this.parsed.get(text);
    if (parsed === undefined) {
      const result = parseTemplate(text);
      parsed = result.ok ? result.expression : result.error;
      this.parsed.set(text, parsed);
    }
    return parsed;
  }

  // ---- evaluation -------------------------------------------------------------------------------

  /** A Terraform JSON string: a template evaluated in the context. */
  private template(text: string, context: Context): Value {
    const expression = this.parse(text);
    if (typeof expression === "string")
      return new Unknown(`"${text}" is not a well-formed Terraform template: ${expression}`);
    return evaluate(expression, this.scopeOf(context));
  }

  /** A Terraform JSON expression value: strings are templates, property names too. */
  private configValue(raw: unknown, context: Context, depth: number): Value {
    if (typeof raw === "string") return this.template(raw, context);
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "number" || typeof raw === "boolean") return raw;
    if (raw instanceof Unresolvable) return new Unknown(raw.reason);
    if (depth > MAX_NESTING) return new Unknown("the value is nested deeper than any configuration needs");
    if (Array.isArray(raw)) return raw.map((item) => this.configValue(item, context, depth + 1));
    if (!isObject(raw)) return new Unknown("not a JSON value");
    const entries: [string, Value][] = [];
    for (const name of Object.keys(raw)) {
      const key = holdsTemplateSequence(name) ? this.template(name, context) : normalText(name);
      if (typeof key !== "string") return new Unknown(`the object key "${name}" is not known text`);
      entries.push([key, this.configValue(raw[name], context, depth + 1)]);
    }
    return objectOf(entries);
  }

  private scopeOf(context: Context): Scope {
    const { stack, instance, iterators } = context;
    if (iterators !== undefined)
      return {
        traverse: (root, steps) => {
          const iterator = iterators.get(root);
          return iterator === undefined
            ? this.traverse(root, steps, stack, instance)
            : applySteps(iterator, steps, root);
        },
      };
    if (instance !== undefined)
      return { traverse: (root, steps) => this.traverse(root, steps, stack, instance) };
    let scope = this.scopes.get(stack);
    if (scope === undefined) {
      scope = { traverse: (root, steps) => this.traverse(root, steps, stack, undefined) };
      this.scopes.set(stack, scope);
    }
    return scope;
  }

  private traverse(
    root: string,
    steps: readonly Step[],
    stack: StackModel,
    instance: Instance | undefined,
  ): Value {
    if (++this.referencesFollowed > MAX_REFERENCES)
      return new Unknown(`more than ${MAX_REFERENCES} references to follow; the locals multiply without end`);
    const [first, second] = steps;
    const name = first?.kind === "attr" ? first.name : undefined;
    switch (root) {
      case "local":
        if (name === undefined) break;
        return applySteps(this.local(stack, name), steps.slice(1), `local.${name}`);
      case "var":
        if (name === undefined) break;
        return applySteps(this.variable(stack, name), steps.slice(1), `var.${name}`);
      case "count":
        if (name === "index" && instance?.unknown !== undefined) return instance.unknown;
        if (name !== "index" || instance?.count === undefined) return outsideInstance(root, steps);
        return applySteps(instance.count, steps.slice(1));
      case "each":
        if ((name === "key" || name === "value") && instance?.unknown !== undefined) return instance.unknown;
        if ((name !== "key" && name !== "value") || instance?.each === undefined)
          return outsideInstance(root, steps);
        return applySteps(instance.each[name], steps.slice(1));
      case "module": {
        if (name === undefined) break;
        // `module.NAME.OUTPUT`, or `module.NAME[KEY].OUTPUT` for an instance of a call with count or for_each.
        const key = second?.kind === "index" ? second.key : undefined;
        const output = key === undefined ? second : steps[2];
        if (output?.kind !== "attr") break;
        const rest = steps.slice(key === undefined ? 2 : 3);
        return applySteps(this.moduleOutput(stack, name, key, output.name), rest);
      }
      case "data":
        if (name === undefined || second?.kind !== "attr") break;
        return this.dataReference(stack, name, second.name, steps.slice(2));
      case "path":
      case "terraform":
      case "self":
        return new Unknown(`${traversalText(root, steps)} is known only at deploy time; use a literal`);
      default:
        if (name === undefined) break;
        return this.resourceReference(stack, "managed", root, name, steps.slice(1));
    }
    return new Unknown(`Terraform reports an error: ${traversalText(root, steps)} is not a valid reference`);
  }

  /**
   * Evaluates once per key and remembers the value. A reference back into an evaluation under way is a
   * cycle, which Terraform refuses: every evaluation on the cycle is then unknown, not only the innermost.
   */
  private memo(stack: StackModel, key: string, compute: () => Value): Value {
    const memo = innerMap(this.memos, stack);
    const known = memo.get(key);
    if (known === EVALUATING) {
      const start = this.frames.findIndex((frame) => frame.memo === memo && frame.key === key);
      for (const frame of this.frames.slice(start)) frame.cyclic = true;
      return new Unknown(CIRCULAR);
    }
    if (known !== undefined) return known;
    if (this.frames.length >= MAX_DEPTH) return new Unknown(CIRCULAR);
    const frame: Frame = { memo, key, cyclic: false };
    this.frames.push(frame);
    memo.set(key, EVALUATING);
    let value: Value;
    try {
      value = compute();
    } catch (error) {
      memo.delete(key);
      throw error;
    } finally {
      this.frames.pop();
    }
    const result = frame.cyclic ? new Unknown(CIRCULAR) : value;
    memo.set(key, result);
    return result;
  }

  private local(stack: StackModel, name: string): Value {
    return this.memo(stack, `local.${name}`, () => {
      const local = own(stack.locals, name);
      if (local === undefined) return new Unknown(`local.${name} is not defined in ${where(stack)}`);
      return this.configValue(local, { stack }, 0);
    });
  }

  /**
   * A variable's value: in a module, the call's argument (evaluated where the call is) or the default; in
   * the root, the value a tfvars file binds, else a default a validation pins to mainland regions.
   */
  private variable(stack: StackModel, name: string): Value {
    return this.memo(stack, `var.${name}`, () => {
      const declared = own(stack.variables, name);
      if (!isObject(declared)) return new Unknown(`var.${name} is not declared in ${where(stack)}`);
      return this.typedValue(name, declared, this.givenValue(stack, name, declared));
    });
  }

  /**
   * A variable's value as its declaration makes it: null is its default where `nullable = false`, and the
   * value is converted to its `type`, as Terraform converts what a module call, a tfvars file or the default
   * gives.
   */
  private typedValue(name: string, declared: Record<string, unknown>, given: Value): Value {
    const value =
      given === null && declared.nullable === false && declared.default !== undefined
        ? literalValue(declared.default, 0, CONSTANT_SCOPE)
        : given;
    const written = declared.type;
    if (written === undefined || written === null) return value;
    if (typeof written !== "string") return new Unknown(`var.${name}'s type is not a type constraint`);
    let type = this.typeConstraints.get(written);
    if (type === undefined) {
      type = parseTypeConstraint(written);
      this.typeConstraints.set(written, type);
    }
    if (typeof type === "string") return new Unknown(`var.${name}'s type ${type}`);
    try {
      return convertToType(value, type, CONSTANT_SCOPE);
    } catch (error) {
      if (error instanceof EvaluationError)
        return new Unknown(`Terraform reports an error: var.${name} is not of its type: ${error.message}`);
      throw error;
    }
  }

  /** The value given for a variable, before its type constraint converts it. */
  private givenValue(stack: StackModel, name: string, declared: Record<string, unknown>): Value {
    const call = stack.module;
    if (call !== undefined) {
      const argument = own(call.arguments, name);
      if (argument !== undefined)
        return this.configValue(argument, { stack: call.parent, instance: this.moduleInstance(stack) }, 0);
      if ("default" in declared) return literalValue(declared.default, 0, CONSTANT_SCOPE);
      return new Unknown(`var.${name} of ${call.path} has no default, and the module call sets no ${name}`);
    }
    // The value Terraform computed from the tfvars file: never evaluated again.
    const bound = stack.variableValues?.get(name);
    if (bound !== undefined) return literalValue(bound.value, 0);
    return this.pinnedDefault(name, declared);
  }

  /** A root variable's default, only when a validation pins it to mainland regions; otherwise why not. */
  private pinnedDefault(name: string, declared: Record<string, unknown>): Value {
    const validations = Array.isArray(declared.validation) ? declared.validation : [declared.validation];
    for (const validation of validations) {
      const condition = isObject(validation) ? validation.condition : undefined;
      const allowed = typeof condition === "string" ? this.pinningList(condition, name) : undefined;
      if (allowed === undefined) continue;
      if (typeof allowed === "string") return new Unknown(allowed);
      const foreign = allowed.find((id) => !isMainlandRegion(id));
      if (foreign !== undefined) {
        return new Unknown(
          `var.${name}'s validation admits "${foreign}", which is outside mainland China; ${FIX_VARIABLE.replace("NAME", name)}`,
        );
      }
      const fallback = literalValue(declared.default, 0, CONSTANT_SCOPE);
      if (typeof fallback !== "string" || !allowed.includes(fallback))
        return new Unknown(`var.${name} has no default among its validated mainland regions`);
      return fallback;
    }
    return new Unknown(
      `var.${name} can be set to any value at deploy time (-var, TF_VAR_${name}); bind it in terraform.tfvars or a --var-file, or, for a region, ${FIX_VARIABLE.replace("NAME", name)}`,
    );
  }

  /**
   * The list of a validation `contains(LIST, var.NAME)`, read from the parsed condition: its strings, or why
   * the list is not one of region IDs; undefined when the condition has another shape.
   */
  private pinningList(condition: string, name: string): readonly string[] | string | undefined {
    const expression = this.parse(condition);
    if (typeof expression === "string" || expression.kind !== "call") return undefined;
    const [list, subject] = expression.args;
    if (expression.name !== "contains" || expression.args.length !== 2 || expression.expandFinal)
      return undefined;
    if (subject?.kind !== "traversal" || subject.root !== "var") return undefined;
    const [step, ...rest] = subject.steps;
    if (step?.kind !== "attr" || step.name !== name || rest.length > 0 || list === undefined)
      return undefined;
    const value = evaluate(list, CONSTANT_SCOPE);
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
      return `var.${name}'s validation lists something other than region IDs`;
    return value;
  }

  /** The `count.index` or `each.*` of a module instance, for its call's arguments; each.value is read where the call is. */
  private moduleInstance(stack: StackModel): Instance | undefined {
    const { moduleInstance: instance, module: call } = stack;
    if (instance === undefined || call === undefined) return undefined;
    if (typeof instance.key === "number") return { key: String(instance.key), count: instance.key };
    const value =
      instance.computed === true
        ? (instance.value as Value)
        : this.configValue(instance.value, { stack: call.parent }, 0);
    return { key: instance.key, each: { key: instance.key, value } };
  }

  /** `module.NAME.OUTPUT` (or `module.NAME[KEY].OUTPUT`): the output of a local module, evaluated in the module. */
  private moduleOutput(stack: StackModel, name: string, key: Value | undefined, output: string): Value {
    const call = `module.${name}`;
    const instance = key === undefined ? "" : `[${typeof key === "number" ? key : JSON.stringify(key)}]`;
    const path = `${stack.module === undefined ? "" : `${stack.module.path}.`}${call}${instance}`;
    const child = stack.children?.find((candidate) => candidate.module?.path === path);
    if (child === undefined) {
      const unexpanded = stack.unexpandedModules?.get(call);
      if (unexpanded !== undefined)
        return new Unknown(
          `${call}: ${unexpanded}; vendor it as a local module, or check the plan (terraform show -json)`,
        );
      if (stack.children?.some((candidate) => candidate.module?.path.startsWith(`${path}[`)) === true)
        return new Unknown(
          `Terraform reports an error: ${call} has count or for_each; reference one instance`,
        );
      if (stack.modules.has(call))
        return new Unknown(
          `${call} comes from a remote source whose outputs this check cannot see; vendor it as a local module, or check the plan (terraform show -json)`,
        );
      return new Unknown(`${path} is not called in ${where(stack)}`);
    }
    return this.memo(child, `output.${output}`, () => {
      const block = own(child.outputs, output);
      if (!isObject(block) || !("value" in block)) return new Unknown(`${path} has no output ${output}`);
      return this.configValue(block.value, { stack: child }, 0);
    });
  }

  private dataReference(stack: StackModel, type: string, name: string, steps: readonly Step[]): Value {
    const [first, second] = steps;
    if (type === "terraform_remote_state" && first?.kind === "attr" && first.name === "outputs") {
      if (name.startsWith(CROSS_STACK_INPUT)) {
        if (second?.kind !== "attr") return new Unknown(`data.${type}.${name}.outputs names no output`);
        return applySteps(this.crossStackOutput(name, second.name), steps.slice(2));
      }
      return new Unknown(`remote state "${name}" is not a stack of this check; check all stacks together`);
    }
    return this.resourceReference(stack, "data", type, name, steps);
  }

  private crossStackOutput(dataName: string, output: string): Value {
    const origin = dataName.slice(CROSS_STACK_INPUT.length);
    const stack = this.stacks.get(origin);
    if (stack === undefined)
      return new Unknown(
        `remote state "${dataName}" is not a stack of this check; check all stacks together`,
      );
    return this.memo(stack, `output.${output}`, () => {
      const block = own(stack.outputs, output);
      if (!isObject(block) || !("value" in block))
        return new Unknown(`stack ${origin} has no output ${output}`);
      return this.configValue(block.value, { stack }, 0);
    });
  }

  /** A reference to a resource or data source (`alicloud_vswitch.x[0].zone_id`) in the stack or module. */
  private resourceReference(
    stack: StackModel,
    mode: ResourceBlock["mode"],
    type: string,
    name: string,
    steps: readonly Step[],
  ): Value {
    const resource = this.block(stack, mode, type, name);
    if (resource === undefined) {
      return new Unknown(
        `${addressIn(stack, localAddress(mode, type, name))} is not defined in ${where(stack)}`,
      );
    }
    const { address } = resource;
    if (!hasInstances(resource)) return this.instanceReference(stack, resource, undefined, steps);
    const instances = this.instances(stack, resource);
    if (instances instanceof Unknown) return instances;
    const unknown = instances.find((instance) => instance.unknown !== undefined)?.unknown;
    if (unknown !== undefined) return unknown;
    const [first] = steps;
    if (first?.kind !== "index") {
      // The whole resource: a list (count) or map (for_each) of its instances.
      const all = instances.map((instance) => this.instanceReference(stack, resource, instance, []));
      const whole =
        resource.body.count !== undefined
          ? all
          : objectOf(instances.map((instance, i) => [instance.key, all[i] ?? null]));
      return applySteps(whole, steps);
    }
    const key =
      typeof first.key === "string" || typeof first.key === "number" ? String(first.key) : undefined;
    const instance = instances.find((candidate) => candidate.key === key);
    if (instance === undefined)
      return new Unknown(
        `Terraform reports an error: ${address} has no instance [${JSON.stringify(first.key)}]`,
      );
    return this.instanceReference(stack, resource, instance, steps.slice(1));
  }

  /** An attribute of one instance: what is written, evaluated for the instance; else known after apply. */
  private instanceReference(
    stack: StackModel,
    resource: ResourceBlock,
    instance: Instance | undefined,
    steps: readonly Step[],
  ): Value {
    const address = instance === undefined ? resource.address : instanceAddress(resource.address, instance);
    const [first] = steps;
    const whole = `${address} names a whole resource, not a place; reference one of its attributes`;
    // A whole instance (`x[0]`, an element of `x[*]`) is read attribute by attribute, as the reference would be.
    if (first === undefined)
      return new LazyObject(whole, (name) =>
        this.instanceReference(stack, resource, instance, [{ kind: "attr", name }]),
      );
    // An attribute by its name as a string key (`x[0]["zone_id"]`) is the attribute, as Terraform reads it.
    const name = first.kind === "attr" ? first.name : typeof first.key === "string" ? first.key : undefined;
    if (name === undefined) return new Unknown(whole);
    const written = own(resource.body, name);
    const value =
      written === undefined || written === null
        ? this.computed(stack, resource, address, name)
        : this.memo(stack, `resource ${address}.${name}`, () =>
            this.configValue(written, { stack, instance }, 0),
          );
    // Most references read one attribute (`.id`): no rest of the steps, nor a label for it, is made.
    return steps.length === 1 ? value : applySteps(value, steps.slice(1), `${address}.${name}`);
  }

  /** An attribute the configuration does not write: known after apply, placed where its resource is. */
  private computed(stack: StackModel, resource: ResourceBlock, address: string, attribute: string): Unknown {
    const reference = `${address}.${attribute}`;
    const reason =
      resource.mode === "managed"
        ? `${reference} is known only after apply`
        : `${reference} is read from the cloud when Terraform plans`;
    if (resource.mode === "managed") {
      if (LOCATION_FREE_PROVIDERS.has(resource.typeProvider))
        return new Unknown(
          `${reason}, and a ${resource.typeProvider} resource names no place; use a literal`,
        );
      return new Unknown(
        reason,
        new ReferenceOrigin(resource.address, this.resourcePlaces(stack, resource), {
          resource,
          attribute,
          stack,
        }),
      );
    }
    if (ACCOUNT_ID_ATTRIBUTES.get(resource.type)?.has(attribute) === true)
      return new Unknown(
        `${reference} is the account ID, which names no place`,
        new ReferenceOrigin(resource.address, []),
      );
    if (this.listsProviderRegion(stack, resource, attribute))
      return new Unknown(reason, new ReferenceOrigin(resource.address, this.resourcePlaces(stack, resource)));
    return new Unknown(`${reason}, which this check cannot do; use a literal`);
  }

  /** Zones (and other regional) listings are in the provider's region; `alicloud_regions` with `current = true` is it. */
  private listsProviderRegion(stack: StackModel, resource: ResourceBlock, attribute: string): boolean {
    if (resource.type !== CURRENT_REGION_DATA_SOURCE) return listsProviderRegion(resource.type, attribute);
    return (
      LISTING_ATTRIBUTES.has(attribute) && this.configValue(resource.body.current, { stack }, 0) === true
    );
  }

  /** Where a resource is: its provider configuration's region. */
  private resourcePlaces(stack: StackModel, resource: ResourceBlock): readonly PlaceVerdict[] {
    // A local module's resource uses its caller's configuration, read in the caller's scope.
    const owner = providerOwner(stack, resource.providerKey);
    return owner === undefined
      ? this.providerRegion(stack, providerConfigOf(stack, resource))
      : this.providerRegion(owner.stack, owner.config);
  }

  /** The instances of a resource with a `count` or `for_each` that Terraform knows before apply. */
  private instances(stack: StackModel, resource: ResourceBlock): Instances {
    let instances = this.instancesByResource.get(resource);
    if (instances === undefined) {
      instances = this.expand(stack, resource);
      this.instancesByResource.set(resource, instances);
    }
    return instances;
  }

  private expand(stack: StackModel, resource: ResourceBlock): Instances {
    const { count, for_each: forEach } = resource.body;
    if (count !== undefined && count !== null) {
      const value = this.configValue(count, { stack }, 0);
      if (value instanceof Unknown || value instanceof PartialText)
        return everyInstance(
          `the count of ${resource.address} is not known before apply: ${reasonOf(value)}`,
        );
      const number = wholeNumber(value);
      if (number === undefined)
        return new Unknown(
          `Terraform reports an error: the count of ${resource.address} is not a whole number`,
        );
      if (number > MAX_INSTANCES)
        return new Unknown(`${resource.address} has more than ${MAX_INSTANCES} instances to check`);
      return Array.from({ length: number }, (_, index) => ({ key: String(index), count: index }));
    }
    if (forEach === undefined || forEach === null) return [];
    const value = this.configValue(forEach, { stack }, 0);
    if (value instanceof Unknown || value instanceof PartialText)
      return everyInstance(
        `the for_each of ${resource.address} is not known before apply: ${reasonOf(value)}`,
      );
    const entries = forEachEntries(value);
    if (entries === undefined)
      return new Unknown(
        `Terraform reports an error: the for_each of ${resource.address} is not a map or a set of strings`,
      );
    if (entries.length > MAX_INSTANCES)
      return new Unknown(`${resource.address} has more than ${MAX_INSTANCES} instances to check`);
    return entries.map(([key, each]) => ({ key, each: { key, value: each } }));
  }

  /** The resource (or data source) of a type and name in a stack or module. */
  private block(
    stack: StackModel,
    mode: ResourceBlock["mode"],
    type: string,
    name: string,
  ): ResourceBlock | undefined {
    let index = this.blockIndexes.get(stack);
    // Built on first use: a stack whose values reference no resource never indexes its 10,000 blocks.
    if (index === undefined) {
      index = { managed: new Map(), data: new Map() };
      for (let position = 0; position < stack.resources.length; position++) {
        const resource = stack.resources[position] as ResourceBlock;
        // A plan's instances (`x[0]`) and its modules' blocks are no block a reference in this stack names; in
        // a configuration, a block's address is its type and name (after its module's path).
        if (
          stack.kind === "plan" &&
          resource.address !== localAddress(resource.mode, resource.type, resource.name)
        )
          continue;
        innerMap(index[resource.mode], resource.type).set(resource.name, resource);
      }
      this.blockIndexes.set(stack, index);
    }
    return index[mode].get(type)?.get(name);
  }
}

/**
 * The instances a known for_each value makes, as Terraform reads it: a map's keys and values, or a set of
 * strings whose elements are both key and value; undefined when it is neither (Terraform's error).
 */
export function forEachEntries(value: Value): [string, Value][] | undefined {
  if (isValueObject(value)) return Object.keys(value).map((key) => [key, value[key] ?? null]);
  if (Array.isArray(value) && isSet(value) && value.every((item) => typeof item === "string"))
    return value.map((item): [string, Value] => [String(item), item]);
  return undefined;
}

/** `count` as Terraform converts it (a number, or text of one), when it is a whole number ≥ 0. */
export function wholeNumber(value: Value): number | undefined {
  let number: number | Unknown;
  try {
    number = toNumber(value, "count");
  } catch (error) {
    if (error instanceof EvaluationError) return undefined;
    throw error;
  }
  return typeof number === "number" && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** The address Terraform gives an instance of a block: `x.y[0]`, `x.y["key"]`. */
export function instanceAddress(address: string, instance: Instance): string {
  return `${address}[${instance.count ?? JSON.stringify(instance.key)}]`;
}

function everyInstance(reason: string): Instance[] {
  return [{ key: "*", unknown: new Unknown(reason) }];
}

function outsideInstance(root: string, steps: readonly Step[]): Unknown {
  return new Unknown(
    `${traversalText(root, steps)} has a value only in an instance of a resource with count or for_each, and is read outside one`,
  );
}

function hasInstances(resource: ResourceBlock): boolean {
  const { count, for_each: forEach } = resource.body;
  return (count !== undefined && count !== null) || (forEach !== undefined && forEach !== null);
}

/** A block's address within its module: `alicloud_vpc.x`, `data.alicloud_zones.z`. */
function localAddress(mode: ResourceBlock["mode"], type: string, name: string): string {
  return mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
}

/** The name a traversal step reads, when it reads an attribute. */
function attrName(step: Step | TraversalStep | undefined): string | undefined {
  return step?.kind === "attr" ? step.name : undefined;
}

/** The address of a block in a stack or module, from its address in the module (`alicloud_vpc.x`). */
function addressIn(stack: StackModel, local: string): string {
  return stack.module === undefined ? local : `${stack.module.path}.${local}`;
}

function where(stack: StackModel): string {
  return stack.module === undefined ? `stack ${stack.name}` : `${stack.module.path} of stack ${stack.name}`;
}

export function reasonOf(value: Unknown | PartialText): string {
  if (value instanceof Unknown) return value.reason;
  return value.parts.find((part): part is Unknown => part instanceof Unknown)?.reason ?? "unknown";
}

/** An unknown value names its origin's place; without one (or where the origin names none) it is refused. */
function unknownPlaces(value: Unknown): readonly PlaceVerdict[] {
  const { origin } = value;
  if (origin instanceof ReferenceOrigin && origin.places.length > 0) return origin.places;
  return [unresolved(value.reason)];
}

/**
 * Text partly known before apply places its value only where the known part holds the place: an ACS ARN
 * whose region segment is known (or is one reference to a resource, placed where it is), a URL whose host
 * is known, or a host whose unknown labels are attributes of resources (placed where those are) or the
 * account ID. Anything else is refused. The value form reads such text otherwise: see knownPartPlaces.
 */
function partialTextPlaces(text: PartialText, form: PlaceForm): readonly PlaceVerdict[] {
  const { parts } = text;
  const firstUnknown = parts.find((part): part is Unknown => part instanceof Unknown);
  const refused = [unresolved(firstUnknown?.reason ?? "the text is not known before apply")];
  if (form !== "place") return refused;
  const prefix = typeof parts[0] === "string" ? parts[0] : "";
  if (prefix.startsWith("acs:")) {
    const colons = prefix.split(":").length - 1;
    if (colons >= 3) return [classifyPlace(prefix, form)];
    const [, region, after] = parts;
    if (
      colons === 2 &&
      prefix.endsWith(":") &&
      region instanceof Unknown &&
      typeof after === "string" &&
      after.startsWith(":")
    )
      return unknownPlaces(region);
    return refused;
  }
  if (hostEnds(prefix)) return [classifyPlace(prefix, form)];
  return hostLabelPlaces(parts) ?? refused;
}

/** Stands for an unknown part: no place shape holds it, and JSON keeps it inside a string. */
const UNKNOWN_PART = "\u2026";
/** Separators that bound a known part of a template (`${id}-cn-hongkong`, `${a}:${b}`). */
const PART_SEPARATORS = /^[-_.:/,\s]+|[-_.:/,\s]+$/g;

/**
 * In the value form, a partly known text names what its known parts name: the text with each unknown part
 * held by a placeholder (JSON around an unknown ID still parses), and each known part between separators.
 * Only what is found counts there, so reading more of the text can add a refusal but never clear one.
 */
function knownPartPlaces(
  parts: readonly (string | Unknown)[],
  json: PartialJson | undefined,
): readonly PlaceVerdict[] {
  const places = [wholeTextPlace(parts, json)];
  // A part holding a quote, brace or bracket is a fragment of a structure the whole text was read as.
  for (const part of parts)
    if (typeof part === "string" && !/["{[]/.test(part))
      places.push(classifyPlace(part.replace(PART_SEPARATORS, ""), "value"));
  return places;
}

/**
 * The verdict on a partly known text with each unknown part held by a placeholder. When the text is a JSON
 * object or array, it is read from the document every rule shares: its strings with placeholders for the
 * markers are the strings the text with placeholders parses to, as long as every marker is found whole in
 * them. A marker in a key (no string the verdict reads), or split by a backslash before it in the known text,
 * is not found, and the text is read again with its placeholders.
 */
function wholeTextPlace(parts: readonly (string | Unknown)[], json: PartialJson | undefined): PlaceVerdict {
  if (json !== undefined && typeof json.document === "object" && json.document !== null) {
    let markers = 0;
    const verdict = classifyJsonDocument(json.document, (text) => {
      const read = withPlaceholders(text, UNKNOWN_PART);
      if (read === undefined) return text;
      markers += read.markers;
      return read.text;
    });
    if (markers === json.unknowns.length) return placedUnknownPart(verdict, parts);
  }
  return placeOfTextWithPlaceholders(parts);
}

/**
 * The verdict on a partly known text read with a placeholder for each unknown part: the reading the shared
 * document's must equal (exported for the test that holds them equal).
 */
export function placeOfTextWithPlaceholders(parts: readonly (string | Unknown)[]): PlaceVerdict {
  return placedUnknownPart(classifyValueShape(textWithPlaceholders(parts)), parts);
}

function textWithPlaceholders(parts: readonly (string | Unknown)[]): string {
  return parts.map((part) => (typeof part === "string" ? part : UNKNOWN_PART)).join("");
}

/**
 * A foreign-looking place that holds a placeholder is an unknown part (an ARN's region from a data source):
 * it is placed where that part comes from, as the place form reads it, and refused, saying why, where that
 * is not known.
 */
function placedUnknownPart(verdict: PlaceVerdict, parts: readonly (string | Unknown)[]): PlaceVerdict {
  if (verdict.verdict !== "outside" || !verdict.place.includes(UNKNOWN_PART)) return verdict;
  const placed = partialTextPlaces(new PartialText(parts), "place");
  if (placed.length > 0 && placed.every((place) => place.verdict === "mainland")) return placed[0] ?? verdict;
  const reason = placed.find((place) => place.verdict !== "mainland")?.place ?? "unknown";
  return outside(`a place not known before apply in "${textWithPlaceholders(parts)}" (${reason})`);
}

/**
 * A host whose unknown parts are whole labels (`${account}.mns.cn-shanghai.aliyuncs.com`), each from a
 * resource or the account: its known labels classified, plus the places of the resources. Undefined when
 * an unknown part could change the host.
 */
function hostLabelPlaces(parts: readonly (string | Unknown)[]): readonly PlaceVerdict[] | undefined {
  let skeleton = "";
  let hostEnded = false;
  const origins: PlaceVerdict[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === "string") {
      skeleton += part;
      hostEnded ||= hostEnds(skeleton);
      continue;
    }
    if (hostEnded) {
      skeleton += UNKNOWN_LABEL;
      continue;
    }
    const next = parts[i + 1];
    const labelStart = skeleton === "" || skeleton.endsWith(".") || skeleton.endsWith("://");
    const labelEnd = typeof next === "string" && next.startsWith(".");
    if (!labelStart || !labelEnd || !(part.origin instanceof ReferenceOrigin)) return undefined;
    origins.push(...part.origin.places);
    skeleton += UNKNOWN_LABEL;
  }
  const host = classifyPlace(skeleton, "place");
  return host.verdict === "unresolved" ? undefined : [host, ...origins];
}

/** Whether text holds a whole host: something after it (`/`, `?`, `#`) ends its authority. */
function hostEnds(text: string): boolean {
  const scheme = text.indexOf("://");
  const authority = scheme < 0 ? text : text.slice(scheme + 3);
  return HOST_END.some((end) => authority.includes(end));
}

/** A value that is not a template (a plan's value) or a constant (a default, a tfvars value). */
function literalValue(raw: unknown, depth: number, scope?: Scope): Value {
  if (typeof raw === "string") {
    // Every string Terraform holds is NFC, a tfvars value or a default too.
    if (scope === undefined || !holdsTemplateSequence(raw)) return normalText(raw);
    const parsed = parseTemplate(raw);
    return parsed.ok
      ? evaluate(parsed.expression, scope)
      : new Unknown(`"${raw}" is not a well-formed Terraform template: ${parsed.error}`);
  }
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number" || typeof raw === "boolean") return raw;
  if (raw instanceof Unresolvable) return new Unknown(raw.reason);
  if (depth > MAX_NESTING) return new Unknown("the value is nested deeper than any configuration needs");
  if (Array.isArray(raw)) return raw.map((item) => literalValue(item, depth + 1, scope));
  if (!isObject(raw)) return new Unknown("not a JSON value");
  return objectOf(Object.keys(raw).map((key) => [normalText(key), literalValue(raw[key], depth + 1, scope)]));
}

/** `alicloud_vswitch.x[0].zone_id` as Terraform writes it, for messages. */
function traversalText(root: string, steps: readonly Step[]): string {
  let text = root;
  for (const step of steps) {
    if (step.kind === "attr") text += `.${step.name}`;
    else
      text +=
        typeof step.key === "string" || typeof step.key === "number"
          ? `[${JSON.stringify(step.key)}]`
          : "[?]";
  }
  return text;
}
