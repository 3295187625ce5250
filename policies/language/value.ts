/**
 * Values of Terraform's language as plain JavaScript, plus the two things the guard cannot know:
 * an Unknown (not knowable before apply, or not evaluable exactly here) and a PartialText (a template
 * whose interpolations are partly unknown, known text kept).
 */

/** A value known only after apply, or one this evaluator cannot compute exactly; `reason` says which. */
export class Unknown {
  constructor(
    readonly reason: string,
    /** Opaque to the language: the engine attaches it (e.g. the place of the resource it belongs to). */
    readonly origin?: unknown,
  ) {}
}

/**
 * An object read attribute by attribute, as a resource instance referred to whole is (`alicloud_vswitch.x[0]`,
 * each element of `alicloud_vswitch.x[*]`): `.name` gives what `attribute` gives. Anything else sees an Unknown,
 * since its full set of attributes (the provider schema's, most known only after apply) is not known here.
 */
export class LazyObject extends Unknown {
  constructor(
    reason: string,
    readonly attribute: (name: string) => Value,
  ) {
    super(reason);
  }
}

/** Text rendered from a template with unknown interpolations: `acs:log:cn-shanghai:<unknown>:project/p`. */
export class PartialText {
  constructor(readonly parts: readonly (string | Unknown)[]) {}
}

export type Value = string | number | boolean | null | Unknown | PartialText | Value[] | ValueObject;

export interface ValueObject {
  [key: string]: Value;
}

export function isUnknown(value: Value): value is Unknown | PartialText {
  return value instanceof Unknown || value instanceof PartialText;
}

export function isValueObject(value: Value): value is ValueObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/**
 * An object built from entries; keys are defined as own properties so that a key such as `__proto__`
 * is data, never a prototype.
 */
export function objectOf(entries: Iterable<readonly [string, Value]>): ValueObject {
  const result: ValueObject = {};
  for (const [key, value] of entries) {
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** Terraform orders keys (and sets of strings) by their UTF-8 bytes, which is code point order. */
export function compareText(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const difference = (a[i].codePointAt(0) ?? 0) - (b[i].codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** An object's keys in Terraform's iteration order. */
export function sortedKeys(value: ValueObject): string[] {
  return Object.keys(value).sort(compareText);
}

/** Arrays that are Terraform sets (from toset): iterated with the element as key, never indexed. */
const sets = new WeakSet<Value[]>();

export function setOf(elements: Value[]): Value[] {
  sets.add(elements);
  return elements;
}

/**
 * A set of primitives of one type (strings, or numbers), as Terraform orders it: distinct, strings by code
 * point, numbers by value. The elements are of one type and distinct, so no two compare equal.
 */
export function orderedSet(elements: readonly Value[]): Value[] {
  const distinct = [...new Set(elements)];
  distinct.sort((a, b) =>
    typeof a === "string" ? compareText(a, b as string) : (a as number) < (b as number) ? -1 : 1,
  );
  return setOf(distinct);
}

export function isSet(value: Value): boolean {
  return Array.isArray(value) && sets.has(value);
}

/** ASCII text is its own NFC form; searched natively, since every literal of every template is tested. */
const NON_ASCII = /[\u0080-\uffff]/;

export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** NFC, as every cty string is; ASCII (the common case) is already normal. */
export function normalText(text: string): string {
  return isAscii(text) ? text : text.normalize("NFC");
}

/**
 * Text from pieces, some of them unknown: the text when all are known, else a PartialText with the known text
 * kept between the unknown parts (adjacent known pieces joined, empty ones dropped). Joined text is made NFC
 * again, as Terraform's is: `e` and a combining accent join to `é`.
 */
export function textOfPieces(pieces: readonly (string | Unknown)[]): string | PartialText {
  if (pieces.every((piece) => typeof piece === "string")) return normalText(pieces.join(""));
  const joined: (string | Unknown)[] = [];
  for (const piece of pieces) {
    const last = joined[joined.length - 1];
    if (typeof piece === "string" && typeof last === "string") joined[joined.length - 1] = last + piece;
    else if (piece !== "") joined.push(piece);
  }
  return new PartialText(joined.map((part) => (typeof part === "string" ? normalText(part) : part)));
}
