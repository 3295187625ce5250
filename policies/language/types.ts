/**
 * Terraform's type constraints, as a variable's `type` writes them, and the conversion Terraform applies to
 * every value given for the variable (a module argument, a tfvars value, its default): a module sees
 * `priority = 1` as "1" when the variable is a string. A conversion not computed here gives an unknown.
 */
import { describe, fail, sameType, toBool, toNumber, toText } from "./convert";
import { evaluate, type Scope } from "./evaluate";
import { parseBareOrTemplate } from "./parse";
import type { Expression } from "./syntax";
import {
  isValueObject,
  objectOf,
  orderedSet,
  PartialText,
  Unknown,
  type Value,
  type ValueObject,
} from "./value";

export type TypeConstraint =
  | { readonly kind: "any" | "string" | "number" | "bool" }
  | { readonly kind: "list" | "set" | "map"; readonly element: TypeConstraint }
  | { readonly kind: "tuple"; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: "object"; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

export interface ObjectAttribute {
  readonly type: TypeConstraint;
  /** `optional(T)`: may be absent (or null), and is then its default, or null. */
  readonly optional: boolean;
  readonly default?: Expression;
}

const PRIMITIVES: ReadonlySet<string> = new Set(["any", "string", "number", "bool"]);
const COLLECTIONS: ReadonlySet<string> = new Set(["list", "set", "map"]);

/**
 * The type constraint a variable's `type` writes: an expression (`list(map(string))`), or the template HCL's
 * JSON conversion gives it (`${list(map(string))}`); a string saying why it is none.
 */
export function parseTypeConstraint(text: string): TypeConstraint | string {
  const parsed = parseBareOrTemplate(text);
  if (!parsed.ok) return `"${text}" is not a type constraint: ${parsed.error}`;
  return typeOf(parsed.expression) ?? `"${text}" is not a type constraint`;
}

function typeOf(expression: Expression): TypeConstraint | undefined {
  if (expression.kind === "traversal")
    return expression.steps.length === 0 && PRIMITIVES.has(expression.root)
      ? ({ kind: expression.root } as TypeConstraint)
      : undefined;
  if (expression.kind !== "call" || expression.expandFinal || expression.args.length !== 1) return undefined;
  const [argument] = expression.args as [Expression];
  if (COLLECTIONS.has(expression.name)) {
    const element = typeOf(argument);
    return element === undefined ? undefined : { kind: expression.name as "list" | "set" | "map", element };
  }
  if (expression.name === "tuple" && argument.kind === "tuple") {
    const elements = argument.elements.map(typeOf);
    return elements.every((element) => element !== undefined)
      ? { kind: "tuple", elements: elements as TypeConstraint[] }
      : undefined;
  }
  if (expression.name === "object" && argument.kind === "object") {
    const attributes = new Map<string, ObjectAttribute>();
    for (const item of argument.items) {
      const name = attributeName(item.key, item.bareKey);
      const attribute = name === undefined ? undefined : objectAttribute(item.value);
      if (name === undefined || attribute === undefined) return undefined;
      attributes.set(name, attribute);
    }
    return { kind: "object", attributes };
  }
  return undefined;
}

/** An attribute of an object type is named bare: Terraform refuses a quoted name there. */
function attributeName(key: Expression, bareKey: boolean): string | undefined {
  return bareKey && key.kind === "traversal" && key.steps.length === 0 ? key.root : undefined;
}

function objectAttribute(expression: Expression): ObjectAttribute | undefined {
  if (expression.kind === "call" && expression.name === "optional" && !expression.expandFinal) {
    const [type, fallback, ...rest] = expression.args;
    const attributeType = type === undefined ? undefined : typeOf(type);
    if (attributeType === undefined || rest.length > 0) return undefined;
    return fallback === undefined
      ? { type: attributeType, optional: true }
      : { type: attributeType, optional: true, default: fallback };
  }
  const type = typeOf(expression);
  return type === undefined ? undefined : { type, optional: false };
}

/** Thrown where the exact conversion is not computed here: the value becomes this unknown. */
class NotConverted extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

function notConverted(reason: string): never {
  throw new NotConverted(new Unknown(reason));
}

/**
 * A value converted to a type constraint as Terraform converts it, `scope` evaluating optional attributes'
 * defaults; Terraform's error is thrown as an EvaluationError, and a conversion not computed here is unknown.
 */
export function convertToType(value: Value, type: TypeConstraint, scope: Scope): Value {
  try {
    return convert(value, type, scope);
  } catch (error) {
    if (error instanceof NotConverted) return error.unknown;
    throw error;
  }
}

function convert(value: Value, type: TypeConstraint, scope: Scope): Value {
  // Null converts to every type; an unknown keeps its place (a part of a text, a reference's origin).
  if (value === null || value instanceof Unknown) return value;
  switch (type.kind) {
    case "any":
      return value;
    case "string":
      return toText(value, "the value");
    case "number":
      return toNumber(value, "the value");
    case "bool":
      return toBool(value, "the value");
    case "list":
      return ofOneType(
        elementsOf(value, "a list").map((element) => convert(element, type.element, scope)),
        type,
      );
    case "set":
      return setOfPrimitives(
        ofOneType(
          elementsOf(value, "a set").map((element) => convert(element, type.element, scope)),
          type,
        ),
      );
    case "map": {
      const entries = entriesOf(value, "a map");
      const keys = Object.keys(entries);
      const values = ofOneType(
        keys.map((key) => convert(entries[key] ?? null, type.element, scope)),
        type,
      );
      return objectOf(keys.map((key, i) => [key, values[i] ?? null]));
    }
    case "tuple": {
      const elements = elementsOf(value, "a tuple");
      if (elements.length !== type.elements.length)
        fail(`a tuple of ${type.elements.length} elements is required, not ${elements.length}`);
      return type.elements.map((elementType, i) => convert(elements[i] ?? null, elementType, scope));
    }
    case "object":
      return objectValue(entriesOf(value, "an object"), type.attributes, scope);
  }
}

/** The elements of a list, set or tuple (`required` names it: "a list"), or Terraform's error. */
function elementsOf(value: Value, required: string): Value[] {
  if (value instanceof PartialText) fail(`${required} is required, not a string`);
  if (!Array.isArray(value)) fail(`${required} is required, not ${describe(value)}`);
  return value;
}

/** The entries of a map or object (`required` names it: "a map"), or Terraform's error. */
function entriesOf(value: Value, required: string): ValueObject {
  if (value instanceof PartialText) fail(`${required} is required, not a string`);
  if (!isValueObject(value)) fail(`${required} is required, not ${describe(value)}`);
  return value;
}

/** Declared attributes only (Terraform drops the others); an absent or null optional one is its default. */
function objectValue(
  entries: ValueObject,
  attributes: ReadonlyMap<string, ObjectAttribute>,
  scope: Scope,
): ValueObject {
  const converted: [string, Value][] = [];
  for (const [name, attribute] of attributes) {
    const given = Object.hasOwn(entries, name) ? (entries[name] ?? null) : undefined;
    if (given === undefined && !attribute.optional) fail(`attribute "${name}" is required`);
    if ((given === undefined || given === null) && attribute.default !== undefined)
      converted.push([name, convert(evaluate(attribute.default, scope), attribute.type, scope)]);
    else converted.push([name, given === undefined ? null : convert(given, attribute.type, scope)]);
  }
  return objectOf(converted);
}

/** A set of converted elements: distinct, in Terraform's order; sets of collections are not built here. */
function setOfPrimitives(elements: Value[]): Value[] {
  if (elements.some((element) => typeof element === "object"))
    notConverted("a set of null, collections or unknown values is not converted here");
  return orderedSet(elements);
}

/**
 * The elements of a collection of `any` converted to one type, as Terraform unifies them: as they are when
 * they share one; all text when text is among primitives (`[22, "tcp"]` is `["22", "tcp"]`); Terraform's error
 * for a number beside a bool. Unifying collections of different types is not computed here.
 */
function ofOneType<Elements extends Value[]>(elements: Elements, type: TypeConstraint): Elements {
  if (!("element" in type) || type.element.kind !== "any") return elements;
  const first = elements.find((element) => element !== null);
  if (first === undefined || elements.every((element) => sameType(first, element))) return elements;
  const kinds = new Set(elements.filter((element) => element !== null).map((element) => typeof element));
  const primitive = [...kinds].every((kind) => kind === "string" || kind === "number" || kind === "boolean");
  if (!primitive) notConverted(`a ${type.kind}(any) of elements of different types is not converted here`);
  if (!kinds.has("string")) fail(`the elements of a ${type.kind}(any) must have one type`);
  return elements.map((element) => (element === null ? null : toText(element, "an element"))) as Elements;
}
