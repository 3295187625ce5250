/**
 * Terraform's conversions between strings, numbers and bools, the errors Terraform reports, and the
 * exactness rule: a number is given only where JavaScript holds Terraform's value exactly.
 */
import { isSet, isUnknown, isValueObject, PartialText, sortedKeys, Unknown, type Value } from "./value";

/** Terraform would stop with this error; inside try() and can() it selects the fallback. */
export class EvaluationError extends Error {}

export function fail(reason: string): never {
  throw new EvaluationError(reason);
}

/** The first unknown inside a value (deeply), or undefined when the value is wholly known. */
export function unknownIn(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (value instanceof PartialText)
    return value.parts.find((part): part is Unknown => part instanceof Unknown);
  if (Array.isArray(value)) {
    for (const element of value) {
      const unknown = unknownIn(element);
      if (unknown !== undefined) return unknown;
    }
  } else if (isValueObject(value)) {
    for (const key of Object.keys(value)) {
      const unknown = unknownIn(value[key]);
      if (unknown !== undefined) return unknown;
    }
  }
  return undefined;
}

/** A plain Unknown (no origin) for a result computed from an unknown operand. */
export function derivedUnknown(from: Unknown | PartialText | undefined, what: string): Unknown {
  const cause = from instanceof PartialText ? unknownIn(from) : from;
  return new Unknown(cause === undefined ? what : `${what}: ${cause.reason}`);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A number from its decimal text (a literal, or a string converted as Terraform converts it): exact for
 * safe integers and for decimals whose double prints as the same decimal; Unknown otherwise.
 */
export function numberFromText(text: string): number | Unknown {
  const match = DECIMAL.exec(text);
  if (match === null || (match[2] === "" && (match[3] ?? "") === ""))
    return fail(`"${text}" is not a number`);
  const canonical = canonicalDecimal(match[1], match[2], match[3] ?? "", Number(match[4] ?? "0"));
  const number = Number(text);
  if (canonical !== undefined && String(number) === canonical) return number;
  return new Unknown(`the number ${text} cannot be held exactly here`);
}

/** The plain decimal text of sign, digits and exponent (`-12.5`), or undefined when it is very long. */
function canonicalDecimal(
  sign: string,
  whole: string,
  fraction: string,
  exponent: number,
): string | undefined {
  let digits = (whole + fraction).replace(/^0+/, "");
  let scale = exponent - fraction.length;
  if (digits === "") return "0";
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale++;
  }
  if (Math.abs(scale) > 30) return undefined;
  const negative = sign === "-" ? "-" : "";
  if (scale >= 0) return negative + digits + "0".repeat(scale);
  const padded = digits.padStart(-scale + 1, "0");
  return `${negative}${padded.slice(0, scale)}.${padded.slice(scale)}`;
}

/**
 * Terraform's number to string (the shortest decimal of its value). Every non-integer held here came
 * from decimal text that its double prints back exactly (numberFromText), so that text is Terraform's.
 */
export function textOfNumber(number: number): string | Unknown {
  // Terraform keeps the sign of a negative zero (`-0`, `0 * -1`) and writes it.
  if (Object.is(number, -0)) return "-0";
  const text = String(number);
  if (
    Number.isSafeInteger(number) ||
    (Number.isFinite(number) && !Number.isInteger(number) && !text.includes("e"))
  )
    return text;
  return new Unknown(`the text of the number ${text} is not computed here`);
}

/** An exact arithmetic result, or Unknown when it leaves the integers a double holds exactly. */
export function exactResult(result: number, operation: string): number | Unknown {
  if (Number.isSafeInteger(result)) return result;
  return new Unknown(`${operation} has no exact result here (only integer arithmetic is computed)`);
}

export function describe(value: Value): string {
  if (value === null) return "null";
  if (isUnknown(value)) return "an unknown value";
  if (Array.isArray(value)) return isSet(value) ? "a set" : "a list";
  if (isValueObject(value)) return "an object";
  return `a ${typeof value === "boolean" ? "bool" : typeof value}`;
}

/** Converts to string as Terraform does (numbers, bools), else an error naming `what`. */
export function toText(value: Value, what: string): string | Unknown | PartialText {
  if (typeof value === "string") return value;
  if (value instanceof Unknown || value instanceof PartialText) return value;
  if (typeof value === "number") return textOfNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) fail(`${what} is null`);
  return fail(`${what} must be a string, not ${describe(value)}`);
}

export function toNumber(value: Value, what: string): number | Unknown {
  if (typeof value === "number") return value;
  if (isUnknown(value)) return derivedUnknown(value, what);
  if (typeof value === "string") {
    try {
      return numberFromText(value);
    } catch {
      return fail(`${what} must be a number, not "${value}"`);
    }
  }
  if (value === null) fail(`${what} is null`);
  return fail(`${what} must be a number, not ${describe(value)}`);
}

export function toBool(value: Value, what: string): boolean | Unknown {
  if (typeof value === "boolean") return value;
  if (isUnknown(value)) return derivedUnknown(value, what);
  if (value === "true" || value === "false") return value === "true";
  // Terraform converts "1" and "0" to bools too.
  if (value === "1" || value === "0") return value === "1";
  if (value === null) fail(`${what} is null`);
  return fail(`${what} must be a bool, not ${typeof value === "string" ? `"${value}"` : describe(value)}`);
}

/** Whether two values have one type, so a conditional needs no conversion; null and unknown fit any. */
export function sameType(left: Value, right: Value): boolean {
  if (left === null || right === null) return true;
  const leftText = typeof left === "string" || left instanceof PartialText;
  const rightText = typeof right === "string" || right instanceof PartialText;
  // An unknown has some type, which only a string is sure to share (every primitive converts to string).
  if (left instanceof Unknown || right instanceof Unknown)
    return leftText || rightText || (left instanceof Unknown && right instanceof Unknown);
  if (leftText || rightText) return leftText && rightText;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((element, i) => sameType(element, right[i]));
  }
  if (isValueObject(left) || isValueObject(right)) {
    if (!isValueObject(left) || !isValueObject(right)) return false;
    const keys = sortedKeys(left);
    const otherKeys = sortedKeys(right);
    return (
      keys.length === otherKeys.length &&
      keys.every((key, i) => key === otherKeys[i] && sameType(left[key], right[key]))
    );
  }
  return typeof left === typeof right;
}
