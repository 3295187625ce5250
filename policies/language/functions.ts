/**
 * Terraform's built-in functions that configurations apply to names and places, each computed exactly as
 * Terraform computes it, or Unknown where this evaluator cannot be exact (non-ASCII case mapping,
 * regular expressions, non-integer numbers).
 */
import {
  derivedUnknown,
  describe,
  EvaluationError,
  fail,
  numberFromText,
  sameType,
  textOfNumber,
  toBool,
  toNumber,
  toText,
  unknownIn,
} from "./convert";
import {
  compareText,
  isSet,
  isUnknown,
  isValueObject,
  normalText,
  objectOf,
  PartialText,
  orderedSet,
  sortedKeys,
  textOfPieces,
  Unknown,
  type Value,
  type ValueObject,
} from "./value";

interface FunctionSpec {
  /** Fewest and most arguments (Infinity: variadic). */
  readonly arity: readonly [number, number];
  /** Whether an argument may be null; Terraform refuses null arguments of most functions. */
  readonly allowNull?: boolean;
  /** Whether the function sees unknown parts of its arguments; otherwise any unknown makes it Unknown. */
  readonly seesUnknown?: boolean;
  readonly impl: (args: Value[]) => Value;
}

export function isFunction(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Calls a built-in function; an unknown function, a wrong arity or a type error names the function. */
export function callFunction(name: string, args: Value[]): Value {
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) return new Unknown(`the function ${name}() is not evaluated here`);
  const [fewest, most] = spec.arity;
  if (args.length < fewest || args.length > most) {
    const expected =
      fewest === most ? `${fewest}` : most === Infinity ? `at least ${fewest}` : `${fewest} to ${most}`;
    fail(`${name}() takes ${expected} arguments, not ${args.length}`);
  }
  if (!spec.seesUnknown) {
    const unknown = args.map(unknownIn).find((found) => found !== undefined);
    if (unknown !== undefined) return derivedUnknown(unknown, `${name}() of an unknown value`);
  }
  if (!spec.allowNull && args.includes(null)) fail(`an argument of ${name}() is null`);
  try {
    return spec.impl(args);
  } catch (error) {
    if (error instanceof UnknownResult) return error.unknown;
    if (error instanceof EvaluationError) fail(`${name}(): ${error.message}`);
    throw error;
  }
}

function text(value: Value, what = "the argument"): string {
  const result = toText(value, what);
  if (typeof result !== "string")
    throw new UnknownResult(result instanceof Unknown ? result : new Unknown(`${what} is not known`));
  return result;
}

function number(value: Value, what: string): number {
  const result = toNumber(value, what);
  if (result instanceof Unknown) throw new UnknownResult(result);
  return result;
}

function integer(value: Value, what: string): number {
  const result = number(value, what);
  if (!Number.isInteger(result)) fail(`${what} must be a whole number, not ${result}`);
  return result;
}

function list(value: Value, what = "the argument"): Value[] {
  if (!Array.isArray(value)) fail(`${what} must be a list, not ${describe(value)}`);
  return value;
}

function object(value: Value, what = "the argument"): ValueObject {
  if (!isValueObject(value)) fail(`${what} must be a map or object, not ${describe(value)}`);
  return value;
}

/** Thrown inside an implementation when the exact result is not computed here. */
class UnknownResult extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

function inexact(reason: string): never {
  throw new UnknownResult(new Unknown(reason));
}

/** Case mapping and grapheme counting are exact here only for ASCII text. */
function ascii(value: string, name: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7f || code === 0x0d) inexact(`${name}() of non-ASCII text is not computed here`);
  }
  return value;
}

/**
 * Elements converted to one type as Terraform unifies them (nulls aside): a string among numbers and bools
 * makes them all strings; a number beside a bool, without a string, has no common type (undefined). Other
 * mixtures are not unified here.
 */
function unifyElements(elements: Value[], name: string): Value[] | undefined {
  const kinds = new Set(elements.filter((element) => element !== null).map((element) => describe(element)));
  if (kinds.size <= 1) return elements;
  const primitive = [...kinds].every(
    (kind) => kind === "a string" || kind === "a number" || kind === "a bool",
  );
  if (!primitive) inexact(`${name}() of elements of different types is not computed here`);
  if (!kinds.has("a string")) return undefined;
  return elements.map((element) => (element === null ? null : text(element)));
}

/** The elements of a tuple converted to a list or set (`kind`), as tolist() and toset() convert them. */
function collectionOf(elements: Value[], name: string, kind: "list" | "set"): Value[] {
  return unifyElements(elements, name) ?? fail(`cannot convert tuple to ${kind} of any single type`);
}

/**
 * Whether values all have one type, so that converting them to a common one changes nothing. Nulls fit any
 * type, also inside collections, so collections are compared pairwise.
 */
function ofOneType(values: readonly Value[]): boolean {
  const present = values.filter((value) => value !== null);
  const [first] = present;
  if (typeof first !== "object") return present.every((value) => typeof value === typeof first);
  return present.every((value, i) => present.slice(i + 1).every((other) => sameType(value, other)));
}

/** Go's unicode.IsSpace, as trimspace and strip markers use it. */
const SPACE_AROUND = /^[\p{White_Space}]+|[\p{White_Space}]+$/gu;

/**
 * An argument of `%s` (or an element to join) as text pieces: written as it is, as a template interpolation
 * writes it, a value known only in part keeps its known text and each unknown part its origin (the resource
 * whose attribute it is, which places it).
 */
function textPieces(value: Value, what: string): (string | Unknown)[] {
  if (value instanceof Unknown) return [value];
  if (value instanceof PartialText) return [...value.parts];
  return [text(value, what)];
}

function format(spec: string, args: readonly Value[], name: string): string | PartialText {
  const pieces: (string | Unknown)[] = [];
  let result = "";
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    const char = spec[i];
    if (char !== "%") {
      result += char;
      continue;
    }
    const verb = spec[++i];
    if (verb === "%") {
      result += "%";
      continue;
    }
    if (verb === undefined) fail("the format string ends with %");
    if (!"sdvt".includes(verb))
      inexact(`${name}() with the verb %${verb} (or flags, width, precision) is not computed here`);
    if (next >= args.length) fail(`not enough arguments for %${verb} at ${i}`);
    const arg = args[next++];
    if (arg === null || Array.isArray(arg) || isValueObject(arg))
      inexact(`${name}() of ${describe(arg)} is not computed here`);
    // %d writes an integer, which has no negative zero (format("%d", -0) is "0").
    if (verb === "d") result += textOfInteger(integer(arg, `the argument of %d`) || 0);
    else if (verb === "t") {
      const bool = toBool(arg, "the argument of %t");
      if (bool instanceof Unknown) throw new UnknownResult(bool);
      result += String(bool);
    } else if (verb === "s") {
      pieces.push(result, ...textPieces(arg, `${name}() of an unknown value`));
      result = "";
    } else if (isUnknown(arg)) throw new UnknownResult(derivedUnknown(arg, `${name}() of an unknown value`));
    else result += text(arg);
  }
  if (next < args.length) fail(`too many arguments; only ${next} used by format string`);
  pieces.push(result);
  return textOfPieces(pieces);
}

function textOfInteger(value: number): string {
  const result = textOfNumber(value);
  if (typeof result !== "string") throw new UnknownResult(result);
  return result;
}

function jsonEncode(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return textOfInteger(value);
  if (Array.isArray(value)) return `[${value.map(jsonEncode).join(",")}]`;
  if (isValueObject(value))
    return `{${sortedKeys(value)
      .map((key) => `${jsonString(key)}:${jsonEncode(value[key])}`)
      .join(",")}}`;
  return inexact("jsonencode() of an unknown value");
}

/** Go's encoding/json string escaping, which Terraform's jsonencode uses (HTML-safe). */
function jsonString(value: string): string {
  let result = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === "\\") result += "\\" + char;
    else if (char === "\n") result += "\\n";
    else if (char === "\r") result += "\\r";
    else if (char === "\t") result += "\\t";
    else if (char === "\b") result += "\\b";
    else if (char === "\f") result += "\\f";
    else if (
      code < 0x20 ||
      char === "<" ||
      char === ">" ||
      char === "&" ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      result += "\\u" + code.toString(16).padStart(4, "0");
    } else result += char;
  }
  return result + '"';
}

/**
 * A null argument of format() or formatlist(): Terraform's result depends on the null's type, which values
 * here do not carry.
 */
function nullArgument(name: string): never {
  return inexact(
    `${name}() of null is not computed here (Terraform's result is unknown for a null without a type, an error or "null" for one with a type)`,
  );
}

function jsonDecode(source: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return fail("the text is not valid JSON");
  }
  checkJsonNumbers(source);
  return fromJson(parsed);
}

/** Every number in JSON text must be one a double holds exactly; Terraform's are arbitrary-precision. */
function checkJsonNumbers(source: string): void {
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    // A number starts with `-` or a digit; the digits after a `-` are checked as they come.
    else if (char >= "0" && char <= "9") {
      let end = i + 1;
      while (end < source.length && "0123456789.eE+-".includes(source[end])) end++;
      const number = numberFromText(source.slice(i, end));
      if (number instanceof Unknown) throw new UnknownResult(number);
      i = end - 1;
    }
  }
}

/** A `\uXXXX` escape of half a surrogate pair, alone: Go's JSON decoder, Terraform's, reads it as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function decodedText(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

function fromJson(value: unknown): Value {
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value === "string") return normalText(decodedText(value));
  if (Array.isArray(value)) return value.map(fromJson);
  return objectOf(
    Object.entries(value as Record<string, unknown>).map(([written, element]) => {
      const key = decodedText(written);
      // Terraform types the object by its keys made NFC, then finds no attribute by the key as written.
      if (normalText(key) !== key) fail(`unsupported attribute "${key}"`);
      return [key, fromJson(element)];
    }),
  );
}

function flatten(elements: readonly Value[]): Value[] {
  return elements.flatMap((element) => {
    // An unknown element may be a list, whose elements would be flattened in: the result is not known.
    if (element instanceof Unknown)
      throw new UnknownResult(derivedUnknown(element, "flatten() of a list holding an unknown value"));
    return Array.isArray(element) ? flatten(element) : [element];
  });
}

/** Sorts and de-duplicates primitives as a Terraform set orders them. */
function toSet(elements: Value[]): Value[] {
  const unified = collectionOf(elements, "toset", "set");
  if (unified.some((element) => element === null))
    inexact("toset() with a null element is not computed here");
  if (unified.some((element) => typeof element === "object"))
    inexact("toset() of collections is not computed here");
  return orderedSet(unified);
}

/** A null to convert: Terraform gives null for a null without a type, an error for one of some other types. */
function nonNull(value: Value, name: string): Value {
  if (value === null)
    inexact(
      `${name}() of null is not computed here (Terraform gives null, or an error for a null of a type it cannot convert)`,
    );
  return value;
}

function primitiveEquals(left: Value, right: Value, name: string): boolean {
  if (typeof left === "object" && left !== null) inexact(`${name}() over collections is not computed here`);
  if (typeof right === "object" && right !== null) inexact(`${name}() over collections is not computed here`);
  if (left !== null && right !== null && typeof left !== typeof right)
    inexact(`${name}() over values of different types is not computed here`);
  return left === right;
}

function substr(value: string, start: number, length: number): string {
  let offset = start;
  if (offset < 0) offset += value.length;
  else if (length === 0) return "";
  const rest = offset > 0 ? value.slice(offset) : value;
  // As Terraform's loop does: a negative length, or a zero one after a negative offset, keeps the rest.
  return length <= 0 ? rest : rest.slice(0, length);
}

/** Terraform's loop: a zero step counts up, so it ends at once or after 1024 numbers. */
function range(args: number[]): number[] {
  const [start, limit, step] =
    args.length === 1
      ? [0, args[0], args[0] < 0 ? -1 : 1]
      : [args[0], args[1], args[2] ?? (args[1] < args[0] ? -1 : 1)];
  const down = step < 0;
  if (down && limit > start) fail("end must be less than start when step is negative");
  if (!down && limit < start) fail("end must be greater than start when step is positive");
  if (!isBinaryDecimal(limit) || !isBinaryDecimal(step)) inexact(INEXACT_RANGE);
  const result: number[] = [];
  for (let value = start; down ? value > limit : value < limit; value += step) {
    if (result.length === 1024)
      fail(
        "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
      );
    // Terraform adds in 512-bit binary floating point, exactly for such numbers; so must the double.
    if (!isBinaryDecimal(value) || !addsExactly(value, step)) inexact(INEXACT_RANGE);
    result.push(value);
  }
  return result;
}

const INEXACT_RANGE =
  "range() of numbers other than integers and short binary fractions (0.5, 0.25) is not computed here";

/**
 * Whether a number's decimal text (the value Terraform holds) is exactly the double's binary value: a safe
 * integer, or a fraction such as 0.5 or 1.25 whose denominator is a small power of two.
 */
function isBinaryDecimal(number: number): boolean {
  if (Number.isInteger(number)) return Number.isSafeInteger(number);
  const text = String(number);
  if (text.includes("e")) return false;
  const fractionDigits = text.length - text.indexOf(".") - 1;
  // The double has as many binary fraction digits as its exact decimal has decimal ones.
  return Number.isInteger(number * 2 ** fractionDigits);
}

/** Whether the double sum of two doubles is their exact sum (Knuth's TwoSum: its rounding error is zero). */
function addsExactly(a: number, b: number): boolean {
  const sum = a + b;
  const bPart = sum - a;
  const aPart = sum - bPart;
  return a - aPart + (b - bPart) === 0;
}

/**
 * Whether lookup's result is the same whether its argument is an object (the attribute, or the default, as
 * they are) or a map (converted to the element type): when the values and the default share one type, or the
 * result is text among values that no other element type could hold (a map of them can only be of strings).
 */
function lookupIsExact(entries: ValueObject, found: Value | undefined, fallback: Value | undefined): boolean {
  const values = Object.values(entries);
  if (values.every((value) => sameType(value, fallback ?? null))) return true;
  if (typeof found !== "string" || values.length === 0) return false;
  const first = values[0] ?? null;
  return typeof first === "string" || !values.every((value) => sameType(value, first));
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  format: {
    arity: [1, Infinity],
    allowNull: true,
    // Only %s sees an unknown argument (its known text is kept); any other verb of one is refused.
    seesUnknown: true,
    impl: ([spec, ...args]) => {
      if (args.includes(null)) nullArgument("format");
      return format(text(spec), args, "format");
    },
  },
  formatlist: {
    arity: [1, Infinity],
    allowNull: true,
    impl: ([spec, ...args]) => {
      if (args.includes(null)) nullArgument("formatlist");
      const lengths = args.filter(Array.isArray).map((arg) => arg.length);
      if (lengths.length === 0) inexact("formatlist() without a list argument is not computed here");
      if (lengths.some((length) => length !== lengths[0]))
        fail("all list arguments must have the same length");
      const pattern = text(spec);
      return Array.from({ length: lengths[0] }, (_, i) =>
        format(
          pattern,
          args.map((arg) => (Array.isArray(arg) ? arg[i] : arg)),
          "formatlist",
        ),
      );
    },
  },
  join: {
    arity: [2, Infinity],
    // An unknown element keeps the known text around it; an unknown separator or list is refused.
    seesUnknown: true,
    impl: ([separator, ...lists]) => {
      const glue = text(separator, "the separator");
      const unknownList = lists.find(isUnknown);
      if (unknownList !== undefined)
        throw new UnknownResult(derivedUnknown(unknownList, "join() of an unknown list"));
      const elements = lists.flatMap((arg) => list(arg, "a list to join"));
      if (elements.includes(null)) fail("an element to join is null");
      const pieces = elements.flatMap((element, index) => [
        ...(index === 0 ? [] : [glue]),
        ...textPieces(element, "join() of an unknown element"),
      ]);
      return textOfPieces(pieces);
    },
  },
  split: {
    arity: [2, 2],
    impl: ([separator, value]) => {
      const sep = text(separator);
      const source = text(value);
      return sep === "" ? Array.from(source) : source.split(sep);
    },
  },
  lower: { arity: [1, 1], impl: ([value]) => ascii(text(value), "lower").toLowerCase() },
  upper: { arity: [1, 1], impl: ([value]) => ascii(text(value), "upper").toUpperCase() },
  title: {
    arity: [1, 1],
    impl: ([value]) =>
      ascii(text(value), "title").replace(
        /(^|[^A-Za-z0-9_])([a-z])/g,
        (_, before: string, letter: string) => before + letter.toUpperCase(),
      ),
  },
  replace: {
    arity: [3, 3],
    impl: ([value, search, replacement]) => {
      const source = text(value);
      const old = text(search);
      const replacementText = text(replacement);
      if (old.length > 1 && old.startsWith("/") && old.endsWith("/"))
        inexact("replace() with a regular expression is not computed here");
      if (old === "") {
        const chars = Array.from(source);
        return normalText(
          chars.length === 0
            ? replacementText
            : replacementText + chars.join(replacementText) + replacementText,
        );
      }
      // Joined text is made NFC again, as Terraform's is.
      return normalText(source.split(old).join(replacementText));
    },
  },
  trimprefix: { arity: [2, 2], impl: ([value, prefix]) => trimPrefix(text(value), text(prefix)) },
  trimsuffix: {
    arity: [2, 2],
    impl: ([value, suffix]) => {
      const source = text(value);
      const end = text(suffix);
      return end !== "" && source.endsWith(end) ? source.slice(0, -end.length) : source;
    },
  },
  trimspace: { arity: [1, 1], impl: ([value]) => text(value).replace(SPACE_AROUND, "") },
  trim: {
    arity: [2, 2],
    impl: ([value, cutset]) => {
      const cut = new Set(Array.from(text(cutset)));
      const chars = Array.from(text(value));
      let start = 0;
      let end = chars.length;
      while (start < end && cut.has(chars[start])) start++;
      while (end > start && cut.has(chars[end - 1])) end--;
      return chars.slice(start, end).join("");
    },
  },
  substr: {
    arity: [3, 3],
    impl: ([value, offset, length]) =>
      substr(ascii(text(value), "substr"), integer(offset, "the offset"), integer(length, "the length")),
  },
  startswith: { arity: [2, 2], impl: ([value, prefix]) => text(value).startsWith(text(prefix)) },
  endswith: { arity: [2, 2], impl: ([value, suffix]) => text(value).endsWith(text(suffix)) },
  strcontains: { arity: [2, 2], impl: ([value, part]) => text(value).includes(text(part)) },
  concat: {
    arity: [1, Infinity],
    // A list known whole keeps its unknown elements, as Terraform's does (`concat(x[*].id, [""])[0]`).
    seesUnknown: true,
    impl: (lists) => {
      const unknown = lists.find(isUnknown);
      if (unknown !== undefined) return derivedUnknown(unknown, "concat() of an unknown value");
      const elements = lists.flatMap((arg) => {
        if (isSet(arg)) inexact("concat() of a set is not computed here");
        return list(arg, "an argument of concat");
      });
      // Terraform converts the elements of lists (not of tuples, which values here do not tell apart) to one type.
      if (!ofOneType(elements)) inexact("concat() of elements of different types is not computed here");
      return elements;
    },
  },
  element: {
    arity: [2, 2],
    impl: ([collection, position]) => {
      const elements = list(collection);
      if (isSet(collection)) inexact("element() of a set is not computed here");
      const at = integer(position, "the index");
      if (elements.length === 0) fail("cannot use element() with an empty list");
      // Terraform wraps the index around the length first; what is still negative is refused (-3 of 3 is 0).
      const wrapped = at % elements.length;
      if (wrapped < 0) fail("cannot use element() with a negative index");
      return elements[wrapped];
    },
  },
  lookup: {
    arity: [2, 3],
    allowNull: true,
    // Terraform looks up in a map that is known, though some of its values are not; the default may be unknown.
    seesUnknown: true,
    impl: ([map, key, ...fallback]) => {
      if (isUnknown(map)) return derivedUnknown(map, "lookup() of an unknown value");
      if (isUnknown(key)) return derivedUnknown(key, "lookup() of an unknown key");
      if (map === null || key === null) fail("the map and the key must not be null");
      const name = text(key);
      const entries = object(map);
      const found = Object.hasOwn(entries, name) ? entries[name] : fallback[0];
      if (fallback.length > 0 && !lookupIsExact(entries, found, fallback[0])) {
        inexact("lookup() with a default of another type than the values is not computed here");
      }
      if (found === undefined) fail(`the map has no key "${name}"`);
      return found;
    },
  },
  coalesce: {
    arity: [1, Infinity],
    allowNull: true,
    impl: (args) => {
      const unified = unifyElements(args, "coalesce");
      // A null may have a type, as a variable's has: a string's makes the result text ("2" beside 2), a bool's
      // beside a number an error, an untyped one changes nothing. Only text is the same beside any primitive's
      // null (a collection's is an error, which Terraform reports at plan).
      const givesText = unified?.every((arg) => arg === null || typeof arg === "string") ?? false;
      if (args.includes(null) && !givesText)
        inexact(
          "coalesce() beside a null is not computed here unless it gives text (the null's type decides)",
        );
      if (unified === undefined) fail("all arguments must have the same type");
      const found = unified.find((arg) => arg !== null && arg !== "");
      if (found === undefined) fail("no non-null, non-empty-string arguments");
      if (typeof found === "object") inexact("coalesce() of collections is not computed here");
      return found;
    },
  },
  coalescelist: {
    arity: [1, Infinity],
    allowNull: true,
    impl: (args) => {
      // Terraform checks every argument before it looks for the first non-empty one; null is no list.
      if (!args.every((arg) => Array.isArray(arg) && !isSet(arg)))
        fail("coalescelist arguments must be lists or tuples");
      const found = args.find((arg) => (arg as Value[]).length > 0);
      if (found === undefined) fail("no non-null arguments");
      return found;
    },
  },
  tostring: {
    arity: [1, 1],
    allowNull: true,
    impl: ([value]) => (value === null ? null : text(value)),
  },
  tonumber: {
    arity: [1, 1],
    allowNull: true,
    impl: ([value]) => {
      if (value === null) return null;
      if (typeof value === "boolean") fail("cannot convert bool to number");
      const number = toNumber(value, "the argument");
      return number;
    },
  },
  tobool: {
    arity: [1, 1],
    allowNull: true,
    impl: ([value]) => {
      if (value === null) return null;
      if (typeof value === "number") fail("cannot convert number to bool");
      return toBool(value, "the argument");
    },
  },
  tolist: {
    arity: [1, 1],
    allowNull: true,
    impl: ([value]) => collectionOf([...list(nonNull(value, "tolist"))], "tolist", "list"),
  },
  toset: { arity: [1, 1], allowNull: true, impl: ([value]) => toSet(list(nonNull(value, "toset"))) },
  tomap: {
    arity: [1, 1],
    allowNull: true,
    impl: ([value]) => {
      const entries = object(nonNull(value, "tomap"));
      const keys = sortedKeys(entries);
      const unified =
        unifyElements(
          keys.map((key) => entries[key]),
          "tomap",
        ) ?? fail("cannot convert object to map of any single type");
      return objectOf(keys.map((key, i) => [key, unified[i]]));
    },
  },
  merge: {
    arity: [0, Infinity],
    allowNull: true,
    impl: (args) => {
      const entries = new Map<string, Value>();
      for (const arg of args) {
        if (arg === null) continue;
        const source = object(arg, "an argument of merge");
        for (const key of Object.keys(source)) entries.set(key, source[key]);
      }
      return objectOf(entries);
    },
  },
  flatten: {
    arity: [1, 1],
    // An unknown inside an element that is no list (an object's attribute) changes nothing flattened.
    seesUnknown: true,
    impl: ([value]) => {
      if (isUnknown(value)) return derivedUnknown(value, "flatten() of an unknown value");
      return flatten(list(value));
    },
  },
  one: {
    arity: [1, 1],
    impl: ([value]) => {
      const elements = list(value);
      if (elements.length > 1)
        fail(`must be a list, set, or tuple value with either zero or one elements, not ${elements.length}`);
      return elements.length === 0 ? null : elements[0];
    },
  },
  length: {
    arity: [1, 1],
    seesUnknown: true,
    impl: ([value]) => {
      if (isUnknown(value)) return derivedUnknown(value, "length() of an unknown value");
      if (typeof value === "string") return ascii(value, "length").length;
      if (Array.isArray(value)) return value.length;
      if (isValueObject(value)) return Object.keys(value).length;
      return fail(`length() of ${describe(value)}`);
    },
  },
  keys: { arity: [1, 1], impl: ([value]) => sortedKeys(object(value)) },
  values: {
    arity: [1, 1],
    impl: ([value]) => {
      const entries = object(value);
      return sortedKeys(entries).map((key) => entries[key]);
    },
  },
  contains: {
    arity: [2, 2],
    impl: ([collection, value]) =>
      list(collection).some((element) => primitiveEquals(element, value, "contains")),
  },
  distinct: {
    arity: [1, 1],
    impl: ([collection]) => {
      const elements = list(collection);
      return elements.filter(
        (element, i) => elements.findIndex((other) => primitiveEquals(other, element, "distinct")) === i,
      );
    },
  },
  compact: {
    arity: [1, 1],
    impl: ([collection]) =>
      list(collection)
        .filter((element) => element !== null)
        .map((element) => text(element, "an element of compact"))
        .filter((element) => element !== ""),
  },
  slice: {
    arity: [3, 3],
    impl: ([collection, from, to]) => {
      const elements = list(collection);
      if (isSet(collection)) fail("slice() cannot take part of a set");
      const start = integer(from, "the start index");
      const end = integer(to, "the end index");
      if (start < 0 || end > elements.length || start > end)
        fail(`the indices ${start}, ${end} are out of range`);
      return elements.slice(start, end);
    },
  },
  range: {
    arity: [1, 3],
    impl: (args) => range(args.map((arg, i) => number(arg, `argument ${i + 1} of range`))),
  },
  zipmap: {
    arity: [2, 2],
    impl: ([keys, values]) => {
      const names = list(keys).map((key) => text(key, "a key of zipmap"));
      const elements = list(values);
      if (names.length !== elements.length) fail("the lists of keys and values must have the same length");
      return objectOf(names.map((name, i) => [name, elements[i]]));
    },
  },
  jsonencode: { arity: [1, 1], allowNull: true, impl: ([value]) => jsonEncode(value) },
  jsondecode: { arity: [1, 1], impl: ([value]) => jsonDecode(text(value)) },
  reverse: { arity: [1, 1], impl: ([value]) => [...list(value)].reverse() },
  sort: {
    arity: [1, 1],
    impl: ([value]) => {
      const elements = list(value).map((element) =>
        element === null ? fail("sort() of a null element") : text(element),
      );
      return elements.sort(compareText);
    },
  },
  // The first of equal numbers wins, as in Terraform (max(-0, 0) is -0).
  min: {
    arity: [1, Infinity],
    impl: (args) => numbers(args, "min").reduce((low, next) => (next < low ? next : low)),
  },
  max: {
    arity: [1, Infinity],
    impl: (args) => numbers(args, "max").reduce((high, next) => (next > high ? next : high)),
  },
  abs: { arity: [1, 1], impl: ([value]) => Math.abs(numbers([value], "abs")[0]) },
};

function numbers(args: Value[], name: string): number[] {
  return args.map((arg) => number(arg, `an argument of ${name}`));
}

function trimPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}
