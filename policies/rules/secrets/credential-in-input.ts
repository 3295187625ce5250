import { InputError, MAX_NESTING } from "../../engine/json";
import type { ResourceBlock } from "../../engine/model";
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

/** Shared by the many blocks without a credential. */
const NO_SIGHTINGS: readonly CredentialSighting[] = [];

/** The sightings of the walk under way: one array for every call, copied out only when it found any. */
const sightings: CredentialSighting[] = [];

/**
 * Every credential written literally anywhere in a JSON value, found by attribute name or by AccessKey ID
 * shape, in document order. It allocates for sightings and the paths of containers only, not for each of
 * the many strings of a large input; the model refuses a block nested deeper than MAX_NESTING, and so does
 * this walk, so that no value can overflow the call stack.
 */
export function findCredentials(root: unknown): readonly CredentialSighting[] {
  sightings.length = 0;
  if (typeof root === "string") {
    if (holdsAccessKeyId(root)) sightings.push({ attribute: "", masked: mask(root) });
  } else visitContainer(root, "", 0);
  return sightings.length === 0 ? NO_SIGHTINGS : sightings.splice(0);
}

/** Visits the members of a container at `path` (its attribute path, "" at the root), `depth` levels down. */
function visitContainer(value: unknown, path: string, depth: number): void {
  if (typeof value !== "object" || value === null) return;
  if (depth > MAX_NESTING)
    throw new InputError(
      `a value is nested more than ${MAX_NESTING} levels deep, deeper than any provider schema allows`,
    );
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      // No index names a credential attribute: a string item is one only by its AccessKey ID, and the
      // index's text is made only for what may hold one.
      if (typeof item === "string") {
        if (holdsAccessKeyId(item)) sight(pathTo(path, String(index)), item);
      } else if (typeof item === "object" && item !== null)
        visitContainer(item, pathTo(path, String(index)), depth + 1);
    }
    return;
  }
  const object = value as Readonly<Record<string, unknown>>;
  for (const key in object) {
    const member = object[key];
    if (typeof member === "string") {
      // The key's last dotted segment names the attribute; most keys have no dot, and lastIndexOf is slow in V8.
      if (isCredential(key.includes(".") ? key.slice(key.lastIndexOf(".") + 1) : key, member))
        sight(pathTo(path, key), member);
    } else if (typeof member === "object" && member !== null)
      visitContainer(member, pathTo(path, key), depth + 1);
  }
}

/** The attribute path of a member: `assume_role.0.security_token`. */
function pathTo(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

function sight(attribute: string, value: string): void {
  sightings.push({ attribute, masked: mask(value) });
}

/** Visits every block of a stack that can hold a literal, by the address a finding names. */
function forEachBlock({ stack }: RuleContext, visit: (address: string, body: unknown) => void): void {
  for (const config of stack.providers.values()) visit(`provider.${config.key}`, config.body);
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    visit(resource.address, resource.body);
  }
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
