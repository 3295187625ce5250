import type { Observation, RuleContext } from "../../engine/rule";

/** Attribute names under which providers and backends take a credential. */
const CREDENTIAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "access_key",
  "access_key_id",
  "access_key_secret",
  "secret_key",
  "secret_access_key",
  "security_token",
  "sts_token",
]);
/** The fixed start of an AccessKey ID: a string without it is rejected before the pattern is tried. */
const ACCESS_KEY_PREFIX = "LTAI";
/** An Alibaba Cloud AccessKey ID, wherever it is written (user data, a local, a tag...). */
const ACCESS_KEY_ID = /LTAI[0-9A-Za-z]{12,30}/;
/** A value that only refers to something else (`${var.ak}`) writes no credential itself. */
const PURE_REFERENCE = /^\$\{[^}]*\}$/;

/** A credential found in an input: where it is, and the credential masked so that no report can leak it. */
export interface CredentialSighting {
  /** Attribute path within the block, e.g. `access_key` or `assume_role.0.security_token`. */
  readonly attribute: string;
  readonly masked: string;
}

/** The credential masked: an AccessKey ID keeps its public `LTAI` prefix, anything else shows nothing. */
function mask(value: string): string {
  return holdsAccessKeyId(value) ? "LTAI****" : "****";
}

function holdsAccessKeyId(value: string): boolean {
  return value.includes(ACCESS_KEY_PREFIX) && ACCESS_KEY_ID.test(value);
}

function isCredential(name: string, value: string): boolean {
  if (holdsAccessKeyId(value)) return true;
  return CREDENTIAL_ATTRIBUTES.has(name) && value.trim() !== "" && !PURE_REFERENCE.test(value);
}

/** A JSON object or array: an array too is keyed by its indices, in order. */
function isContainer(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null;
}

/** What is left to visit, innermost last: containers to open and credentials to report, with their paths. */
interface Pending {
  readonly attributes: string[];
  readonly values: unknown[];
}

// One stack for every call, each using only the entries above where it began: the rule walks each of
// 10,000 blocks, and a new pair of arrays per block was most of what a check allocated.
const pending: Pending = { attributes: [], values: [] };

/** Queues a value worth visiting (a container, or a string that is a credential) under its parent's path. */
function queue(pending: Pending, parent: string, key: string, value: unknown): void {
  // The key's last dotted segment names the attribute; most keys have no dot, and lastIndexOf is slow in V8.
  const worthVisiting =
    typeof value === "string"
      ? isCredential(key.includes(".") ? key.slice(key.lastIndexOf(".") + 1) : key, value)
      : isContainer(value);
  if (!worthVisiting) return;
  pending.attributes.push(parent === "" ? key : `${parent}.${key}`);
  pending.values.push(value);
}

function reverseFrom(items: unknown[], start: number): void {
  for (let low = start, high = items.length - 1; low < high; low += 1, high -= 1) {
    const item = items[low];
    items[low] = items[high];
    items[high] = item;
  }
}

/** Shared by the many blocks without a credential. */
const NO_SIGHTINGS: readonly CredentialSighting[] = [];

/**
 * Every credential written literally anywhere in a JSON value, found by attribute name or by AccessKey ID
 * shape, in document order. Iterative, so that no nesting depth can overflow the call stack; it allocates
 * for containers and sightings only, not for each of the many strings of a large input.
 */
export function findCredentials(root: unknown): readonly CredentialSighting[] {
  let sightings: CredentialSighting[] | undefined;
  const bottom = pending.values.length;
  queue(pending, "", "", root);
  while (pending.values.length > bottom) {
    const attribute = pending.attributes.pop() as string; // as many attributes as values
    const value = pending.values.pop();
    if (typeof value === "string") (sightings ??= []).push({ attribute, masked: mask(value) });
    else if (Array.isArray(value)) {
      const first = pending.values.length;
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        // No index names a credential attribute: a string item is one only by its AccessKey ID, and the
        // index's text is built only for what is queued.
        if (typeof item === "string" ? holdsAccessKeyId(item) : isContainer(item)) {
          pending.attributes.push(attribute === "" ? String(index) : `${attribute}.${index}`);
          pending.values.push(item);
        }
      }
      reverseFrom(pending.attributes, first);
      reverseFrom(pending.values, first);
    } else if (isContainer(value)) {
      const first = pending.values.length;
      for (const key in value) queue(pending, attribute, key, value[key]);
      // Queued in order, visited last in first out: reversed, the first child is visited first.
      reverseFrom(pending.attributes, first);
      reverseFrom(pending.values, first);
    }
  }
  return sightings ?? NO_SIGHTINGS;
}

/** Visits every block of a stack that can hold a literal, by the address a finding names. */
function forEachBlock({ stack }: RuleContext, visit: (address: string, body: unknown) => void): void {
  for (const config of stack.providers.values()) visit(`provider.${config.key}`, config.body);
  for (const resource of stack.resources) visit(resource.address, resource.body);
  for (const backend of stack.backends) visit(backend.address, backend.config);
  for (const [name, body] of Object.entries(stack.variables)) visit(`variable.${name}`, body);
  for (const [name, body] of Object.entries(stack.locals)) visit(`local.${name}`, body);
  for (const [name, body] of Object.entries(stack.outputs)) visit(`output.${name}`, body);
}

/** No credential is written in the input: the provider reads it from the environment; the secret is masked. */
export function credentialInInput(context: RuleContext): Observation[] {
  // An array, not a generator, and a visitor, not a list of blocks: nothing allocated per block.
  const found: Observation[] = [];
  forEachBlock(context, (address, body) => {
    const sightings = findCredentials(body);
    // Most blocks have none: no iterator for them.
    if (sightings.length === 0) return;
    for (const { attribute, masked } of sightings) {
      found.push({
        address,
        attribute,
        value: masked,
        places: [],
        problem: `holds a credential (${masked}) written in the input`,
      });
    }
  });
  return found;
}
