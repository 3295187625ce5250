/** Plain JSON helpers every reader of the engine shares. */

/** Input that is neither Terraform JSON nor a plan, or has a block of the wrong type; `file` names the file at fault. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON object's own property: never one inherited from Object.prototype (`__proto__`, `constructor`). */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `a ${typeof value}`;
}

export function objectAt(value: unknown, what: string): JsonObject {
  if (value === undefined) return {};
  if (!isObject(value)) throw new InputError(`${what} must be a JSON object, not ${describe(value)}`);
  return value;
}

/**
 * The deepest nesting of JSON values the guard reads. The deepest schema of the alicloud provider 1.247.0
 * nests 13 levels of JSON (alicloud_emrv2_cluster), 31 with every nested block written as a `dynamic`
 * block; locals, module arguments and tags are values of any type: 64 leaves every real configuration
 * room, and refuses input built to exhaust the stack (a test holds the margin against the schema).
 */
export const MAX_NESTING = 64;

/** Throws InputError when a value nests deeper than MAX_NESTING; `where` names it (built only for the error). */
export function checkNesting(value: unknown, where: string | (() => string)): void {
  if (nestingExceeds(value, MAX_NESTING))
    throw new InputError(
      `${typeof where === "string" ? where : where()} is nested more than ${MAX_NESTING} levels deep, deeper than any provider schema allows`,
    );
}

/** Whether a value nests more than `levelsLeft` levels. */
export function nestingExceeds(value: unknown, levelsLeft: number): boolean {
  return typeof value === "object" && value !== null && containerExceeds(value, levelsLeft);
}

/** The walk of every value of a document: a call per object or array, none for the strings and numbers. */
function containerExceeds(container: object, levelsLeft: number): boolean {
  if (levelsLeft === 0) return true;
  if (Array.isArray(container)) {
    for (const element of container as unknown[])
      if (typeof element === "object" && element !== null && containerExceeds(element, levelsLeft - 1))
        return true;
    return false;
  }
  for (const key in container) {
    const value = (container as JsonObject)[key];
    if (typeof value === "object" && value !== null && containerExceeds(value, levelsLeft - 1)) return true;
  }
  return false;
}
