import { classifyPlace, type PlaceForm, type PlaceVerdict } from "../catalog/places";
import { isMainlandRegion } from "../catalog/regions";
import {
  isObject,
  own,
  providerConfigOf,
  Unresolvable,
  type ProviderConfig,
  type ResourceBlock,
  type StackModel,
} from "./model";

/**
 * Resolves Terraform expressions to the places they name, failing closed: `${local.x}` chains, references
 * to other resources (a computed location is the region of that resource's provider), provider aliases,
 * CDKTF cross-stack references (remote state outputs) and `${var.x}` — the last only when a validation
 * `contains([...mainland ids...], var.x)` pins it. Everything else is unresolved, with the reason.
 */

/**
 * A value found by following an expression, with the stack in which its own expressions resolve. A value read
 * from the configuration may itself be a template; `evaluated` marks text a template produced, which Terraform
 * never evaluates again (so an escaped `$${x}` stays the text `${x}`).
 */
/** What a rule reads from a value: the value (in the stack where its own expressions resolve), the resource whose computed attribute it names, or why it is unknown. */
export type ResolvedValue =
  | { readonly value: unknown; readonly stack: StackModel }
  | { readonly resource: ResourceBlock; readonly attribute: string; readonly stack: StackModel }
  | { readonly unresolved: string };

type Resolved =
  | { readonly value: unknown; readonly stack: StackModel; readonly evaluated?: true }
  | { readonly unresolved: string };

/** Deeper than this, a chain of references is circular or hostile. */
const MAX_DEPTH = 64;
/**
 * References one value may follow: shared references multiply (`a = [local.b, local.b]`, `b = [local.c,
 * local.c]`, ...), so depth alone does not bound the work; real configurations need a handful.
 */
const MAX_REFERENCES = 10_000;
const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\]*"\])*$/;
const SEGMENT = /\.?([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"\\]*)"\]/g;
const MAINLAND_VALIDATION = /^\$\{\s*contains\(\s*\[([^\]]*)\]\s*,\s*var\.([\w-]+)\s*\)\s*\}$/;
const BUCKET_REFERENCE = /^\$\{(alicloud_oss_bucket\.[\w-]+)\.(?:bucket|id)\}$/;
const CROSS_STACK_INPUT = "cross-stack-reference-input-";
/** Computed attributes that name the region of the resource's own provider. */
const PROVIDER_PLACED_ATTRIBUTES: ReadonlySet<string> = new Set(["location", "region", "region_id", "arn"]);
const FIX_VARIABLE =
  "pin it with a validation contains([...mainland region IDs...], var.NAME) — MainlandRegionVariable emits one — or use a literal";

const unresolved = (reason: string): PlaceVerdict => ({ verdict: "unresolved", place: reason });

type PlacesByText = Map<string, readonly PlaceVerdict[]>;

export class Resolver {
  private readonly providerRegions = new WeakMap<ProviderConfig, readonly PlaceVerdict[]>();
  /** Resources and data sources by address, per stack: built on the first reference into the stack. */
  private readonly blocksByAddress = new WeakMap<StackModel, ReadonlyMap<string, ResourceBlock>>();
  /** The places of each text a value holds, per stack and form: 10,000 resources repeat a few zones and locals. */
  private readonly placesByText = new WeakMap<StackModel, Map<PlaceForm, PlacesByText>>();

  /** References followed since the outermost `places` call began, and how deep in `places` calls we are. */
  private referencesFollowed = 0;
  private nesting = 0;

  /** @param stacks every stack of the check by name, for cross-stack references. */
  constructor(private readonly stacks: ReadonlyMap<string, StackModel>) {}

  /** The places a value names in the given form: literal strings classified, expressions followed. */
  places(value: unknown, form: PlaceForm, stack: StackModel, depth = 0): readonly PlaceVerdict[] {
    if (this.nesting === 0) this.referencesFollowed = 0;
    this.nesting++;
    try {
      return this.placesOf(value, form, stack, depth);
    } finally {
      this.nesting--;
    }
  }

  private placesOf(
    value: unknown,
    form: PlaceForm,
    stack: StackModel,
    depth: number,
  ): readonly PlaceVerdict[] {
    if (depth > MAX_DEPTH) return [unresolved("the reference chain is circular or too deep")];
    if (value instanceof Unresolvable) return [unresolved(value.reason)];
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value.flatMap((item) => this.places(item, form, stack, depth + 1));
    if (isObject(value))
      return Object.values(value).flatMap((item) => this.places(item, form, stack, depth + 1));
    if (typeof value !== "string") return [classifyPlace(String(value), form)];
    // Only a whole value is cached: deeper in a chain, the depth left can cut its resolution short.
    if (depth > 0) return this.textPlaces(value, form, stack, depth);
    const cache = this.placesByTextIn(stack, form);
    const cached = cache.get(value);
    if (cached !== undefined) return cached;
    const places = this.textPlaces(value, form, stack, depth);
    cache.set(value, places);
    return places;
  }

  private placesByTextIn(stack: StackModel, form: PlaceForm): PlacesByText {
    let byForm = this.placesByText.get(stack);
    if (byForm === undefined) {
      byForm = new Map();
      this.placesByText.set(stack, byForm);
    }
    let byText = byForm.get(form);
    if (byText === undefined) {
      byText = new Map();
      byForm.set(form, byText);
    }
    return byText;
  }

  /** The places a text names: a literal classified, a template resolved and followed. */
  private textPlaces(
    value: string,
    form: PlaceForm,
    stack: StackModel,
    depth: number,
  ): readonly PlaceVerdict[] {
    if (!value.includes("${")) return [classifyPlace(value, form)];
    const known =
      form === "oss-bucket" ? this.bucketRegion(value, stack) : this.arnRegion(value, form, stack, depth);
    if (known !== undefined) return known;
    const resolved = this.resolveString(value, stack, depth + 1);
    if ("unresolved" in resolved) return [unresolved(resolved.unresolved)];
    return resolved.evaluated === true
      ? [classifyPlace(String(resolved.value), form)]
      : this.places(resolved.value, form, resolved.stack, depth + 1);
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

  /** The resource or data source at an address in a stack. */
  private block(stack: StackModel, address: string): ResourceBlock | undefined {
    let index = this.blocksByAddress.get(stack);
    // Built on first use: a stack whose values reference no resource never hashes its 10,000 addresses.
    if (index === undefined) {
      index = new Map(stack.resources.map((resource) => [resource.address, resource]));
      this.blocksByAddress.set(stack, index);
    }
    return index.get(address);
  }

  /** A reference to a bucket resource's name places it in its provider's region. */
  private bucketRegion(text: string, stack: StackModel): readonly PlaceVerdict[] | undefined {
    const address = BUCKET_REFERENCE.exec(text)?.[1];
    if (address === undefined) return undefined;
    const resource = this.block(stack, address);
    return resource === undefined
      ? [unresolved(`${address} is not defined in stack ${stack.name}`)]
      : this.providerRegion(stack, providerConfigOf(stack, resource));
  }

  /**
   * An ARN template needs only its region resolved: `acs:log:cn-shanghai:${data.alicloud_account.x.id}:project/p`.
   * Everything up to the third colon must resolve; what follows cannot change the region segment.
   */
  private arnRegion(
    text: string,
    form: PlaceForm,
    stack: StackModel,
    depth: number,
  ): PlaceVerdict[] | undefined {
    if (form !== "place" || !text.startsWith("acs:")) return undefined;
    let prefix = "";
    for (const part of splitTemplate(text) ?? []) {
      const piece = typeof part === "string" ? part : this.resolveToText(part.expression, stack, depth + 1);
      if (typeof piece !== "string") return [unresolved(piece.unresolved)];
      prefix += piece;
      if (prefix.split(":").length > 3) return [classifyPlace(prefix, "place")];
    }
    return undefined;
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

  /** A template evaluated once: a lone interpolation gives the value it names, anything else the text. */
  private resolveString(text: string, stack: StackModel, depth: number): Resolved {
    const parts = splitTemplate(text);
    if (parts === undefined) return { unresolved: `"${text}" is not a well-formed Terraform template` };
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined && typeof only !== "string")
      return this.resolveExpression(only.expression, stack, depth);
    let result = "";
    for (const part of parts) {
      if (typeof part === "string") {
        result += part;
        continue;
      }
      const resolved = this.resolveToText(part.expression, stack, depth);
      if (typeof resolved !== "string") return resolved;
      result += resolved;
    }
    return { value: result, stack, evaluated: true };
  }

  /** A value followed until it is no longer a template still to evaluate: a local may name a local. */
  private evaluate(resolved: Resolved, depth: number): Resolved {
    let current = resolved;
    for (let level = depth; !("unresolved" in current); level++) {
      const { value } = current;
      if (current.evaluated === true || typeof value !== "string" || !value.includes("${")) return current;
      if (level > MAX_DEPTH) return { unresolved: "the reference chain is circular or too deep" };
      current = this.resolveString(value, current.stack, level + 1);
    }
    return current;
  }

  private resolveToText(
    expression: string,
    stack: StackModel,
    depth: number,
  ): string | { unresolved: string } {
    const resolved = this.evaluate(this.resolveExpression(expression, stack, depth), depth);
    if ("unresolved" in resolved) return resolved;
    const { value } = resolved;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      return String(value);
    return { unresolved: `${expression} is not text` };
  }

  private resolveExpression(expression: string, stack: StackModel, depth: number): Resolved {
    if (++this.referencesFollowed > MAX_REFERENCES) {
      return {
        unresolved: `more than ${MAX_REFERENCES} references to follow; the locals multiply without end`,
      };
    }
    const trimmed = expression.trim();
    if (!TRAVERSAL.test(trimmed)) {
      return { unresolved: `the expression \${${trimmed}} cannot be evaluated before deploy; use a literal` };
    }
    const path = [...trimmed.matchAll(SEGMENT)].map((match) => match[1] ?? match[3] ?? Number(match[2]));
    const [head, first, second] = path;
    if (head === "local" && typeof first === "string") {
      const local = own(stack.locals, first);
      if (local === undefined) return { unresolved: `local.${first} is not defined` };
      return this.follow({ value: local, stack }, path.slice(2), trimmed, depth);
    }
    if (head === "var" && typeof first === "string")
      return this.follow(variableValue(stack, first), path.slice(2), trimmed, depth);
    if (head === "data" && typeof first === "string" && typeof second === "string") {
      if (first === "terraform_remote_state" && path[3] === "outputs" && typeof path[4] === "string") {
        return this.follow(this.crossStackOutput(second, path[4]), path.slice(5), trimmed, depth);
      }
      return this.attributeOf(stack, `data.${first}.${second}`, path.slice(3), trimmed, depth);
    }
    if (typeof head === "string" && head.includes("_") && typeof first === "string") {
      return this.attributeOf(stack, `${head}.${first}`, path.slice(2), trimmed, depth);
    }
    return { unresolved: `\${${trimmed}} is known only at deploy time; use a literal` };
  }

  private crossStackOutput(dataName: string, output: string): Resolved {
    const origin = dataName.startsWith(CROSS_STACK_INPUT)
      ? dataName.slice(CROSS_STACK_INPUT.length)
      : undefined;
    const stack = origin === undefined ? undefined : this.stacks.get(origin);
    if (stack === undefined) {
      return {
        unresolved: `remote state "${dataName}" is not a stack of this check; check all stacks together`,
      };
    }
    const block = own(stack.outputs, output);
    if (!isObject(block) || !("value" in block))
      return { unresolved: `stack ${origin} has no output ${output}` };
    return { value: block.value, stack };
  }

  private attributeOf(
    stack: StackModel,
    address: string,
    path: readonly (string | number)[],
    expression: string,
    depth: number,
  ): Resolved {
    const resource = this.block(stack, address);
    const [attribute] = path;
    if (resource === undefined) return { unresolved: `${address} is not defined in stack ${stack.name}` };
    if (typeof attribute !== "string")
      return { unresolved: `\${${expression}} names a whole resource, not a place` };
    const written = own(resource.body, attribute);
    if (written !== undefined && written !== null)
      return this.follow({ value: written, stack }, path.slice(1), expression, depth);
    if (placedByProvider(resource, attribute)) {
      const config = providerConfigOf(stack, resource);
      return config.body.region === undefined || config.body.region === null
        ? { unresolved: `${address} uses provider ${resource.providerKey}, which sets no region` }
        : { value: config.body.region, stack };
    }
    return {
      unresolved: `\${${expression}} is known only after apply; use a literal or a resource's location`,
    };
  }

  /** Walks the rest of a path into a value, resolving any expression met on the way. */
  private follow(
    start: Resolved,
    path: readonly (string | number)[],
    expression: string,
    depth: number,
  ): Resolved {
    let current = start;
    for (const step of path) {
      current = this.evaluate(current, depth);
      if ("unresolved" in current) return current;
      const { value } = current;
      const next = Array.isArray(value)
        ? value[Number(step)]
        : isObject(value)
          ? own(value, String(step))
          : undefined;
      if (next === undefined) return { unresolved: `\${${expression}} leads nowhere in the configuration` };
      current = { value: next, stack: current.stack };
    }
    return current;
  }
  /**
   * What a value is before apply, for rules that read values rather than places: a template evaluated, a lone
   * reference followed through locals and other stacks' outputs to the value written there, or to the resource
   * whose computed attribute (`id`, `arn`) it names; otherwise why it cannot be known. Containers are returned
   * as written: their items are values to read in turn.
   */
  value(value: unknown, stack: StackModel): ResolvedValue {
    this.referencesFollowed = 0;
    return this.valueAt(value, stack, 0, false);
  }

  /** The resource a lone reference names, through locals and other stacks' outputs, whether or not the attribute is written. */
  reference(value: unknown, stack: StackModel): ResolvedValue {
    this.referencesFollowed = 0;
    return this.valueAt(value, stack, 0, true);
  }

  private valueAt(value: unknown, stack: StackModel, depth: number, anyAttribute: boolean): ResolvedValue {
    if (depth > MAX_DEPTH) return { unresolved: "the reference chain is circular or too deep" };
    if (value instanceof Unresolvable) return { unresolved: value.reason };
    if (typeof value !== "string" || !value.includes("${")) return { value, stack };
    const parts = splitTemplate(value);
    const only = parts?.length === 1 ? parts[0] : undefined;
    if (only !== undefined && typeof only !== "string") {
      const named = this.resourceAttribute(only.expression.trim(), stack, anyAttribute);
      if (named !== undefined) return named;
    }
    const resolved = this.resolveString(value, stack, depth + 1);
    if ("unresolved" in resolved) return resolved;
    return resolved.evaluated === true
      ? { value: resolved.value, stack: resolved.stack }
      : this.valueAt(resolved.value, resolved.stack, depth + 1, anyAttribute);
  }

  /**
   * A template's parts, for rules that read text built around references (a policy document naming a VPC's ID):
   * literal text, and what each interpolation resolves to. Undefined when the text is not a well-formed template.
   */
  templateParts(text: string, stack: StackModel): readonly (string | ResolvedValue)[] | undefined {
    this.referencesFollowed = 0;
    return splitTemplate(text)?.map((part) =>
      typeof part === "string" ? part : this.valueAt(`\${${part.expression}}`, stack, 0, false),
    );
  }

  /** A reference to an attribute of a managed resource: any attribute, or only one the configuration does not write. */
  private resourceAttribute(
    expression: string,
    stack: StackModel,
    anyAttribute: boolean,
  ): ResolvedValue | undefined {
    if (!TRAVERSAL.test(expression)) return undefined;
    const [head, name, attribute] = [...expression.matchAll(SEGMENT)].map(
      (match) => match[1] ?? match[3] ?? Number(match[2]),
    );
    if (typeof head !== "string" || !head.includes("_") || typeof name !== "string") return undefined;
    if (typeof attribute !== "string") return undefined;
    const resource = this.block(stack, `${head}.${name}`);
    if (resource === undefined || (!anyAttribute && own(resource.body, attribute) !== undefined))
      return undefined;
    return { resource, attribute, stack };
  }
}

/** A computed attribute that names the region its provider puts the resource in (a data source of zones too). */
function placedByProvider(resource: ResourceBlock, attribute: string): boolean {
  if (resource.type === "alicloud_zones") return attribute === "zones" || attribute === "ids";
  return PROVIDER_PLACED_ATTRIBUTES.has(attribute) || attribute.endsWith("endpoint");
}

/** A variable's default, only when a validation pins it to mainland regions; otherwise why not. */
function variableValue(stack: StackModel, name: string): Resolved {
  const variable = own(stack.variables, name);
  if (!isObject(variable)) return { unresolved: `var.${name} is not declared` };
  const validations = Array.isArray(variable.validation) ? variable.validation : [variable.validation];
  for (const validation of validations) {
    const condition = isObject(validation) ? validation.condition : undefined;
    const match = typeof condition === "string" ? MAINLAND_VALIDATION.exec(condition) : null;
    if (match?.[2] !== name || match[1] === undefined) continue;
    const allowed = parseStringList(match[1]);
    const foreign = allowed?.find((id) => !isMainlandRegion(id));
    if (allowed === undefined)
      return { unresolved: `var.${name}'s validation lists something other than region IDs` };
    if (foreign !== undefined) {
      return {
        unresolved: `var.${name}'s validation admits "${foreign}", which is outside mainland China; ${FIX_VARIABLE}`,
      };
    }
    if (typeof variable.default !== "string" || !allowed.includes(variable.default)) {
      return { unresolved: `var.${name} has no default among its validated mainland regions` };
    }
    return { value: variable.default, stack };
  }
  return {
    unresolved: `var.${name} can be set to any region at deploy time (-var, TF_VAR_${name}); ${FIX_VARIABLE.replace("NAME", name)}`,
  };
}

function parseStringList(text: string): string[] | undefined {
  if (text.trim() === "") return [];
  const items = text.split(",").map((item) => item.trim());
  return items.every((item) => /^"[^"\\]*"$/.test(item)) ? items.map((item) => item.slice(1, -1)) : undefined;
}

type TemplatePart = string | { readonly expression: string };

/** Splits `a${b}c` into literal text and interpolations; undefined when a `${` is never closed. */
function splitTemplate(text: string): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  let literal = "";
  let index = 0;
  while (index < text.length) {
    if (text.startsWith("$${", index)) {
      literal += "${";
      index += 3;
    } else if (text.startsWith("${", index)) {
      const end = closingBrace(text, index + 2);
      if (end < 0) return undefined;
      if (literal !== "") parts.push(literal);
      literal = "";
      parts.push({ expression: text.slice(index + 2, end) });
      index = end + 1;
    } else {
      literal += text[index];
      index += 1;
    }
  }
  if (literal !== "" || parts.length === 0) parts.push(literal);
  return parts;
}

function closingBrace(text: string, from: number): number {
  let nesting = 0;
  let quoted = false;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === "\\") index += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{") nesting += 1;
    else if (char === "}") {
      if (nesting === 0) return index;
      nesting -= 1;
    }
  }
  return -1;
}
