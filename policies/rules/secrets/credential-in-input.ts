import { isObject } from "../../engine/model";
import type { Observation, RuleContext } from "../rule";

/** Attribute names under which providers and backends take a credential. */
const CREDENTIAL_ATTRIBUTE =
  /^(access_key(_id|_secret)?|secret_key|secret_access_key|access_key_secret|security_token|sts_token)$/;
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
  return ACCESS_KEY_ID.test(value) ? "LTAI****" : "****";
}

function isCredential(name: string, value: string): boolean {
  if (ACCESS_KEY_ID.test(value)) return true;
  return CREDENTIAL_ATTRIBUTE.test(name) && value.trim() !== "" && !PURE_REFERENCE.test(value);
}

/** A container on the walk: its path, its keys (an array's are its indices) and values, and the next to visit. */
interface OpenContainer {
  readonly attribute: string;
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  next: number;
}

/**
 * Every credential written literally anywhere in a JSON value, found by attribute name or by AccessKey ID
 * shape, in document order. Iterative, so that no nesting depth can overflow the call stack; a path is
 * built only for a container or a sighting, so that walking every block of a large input stays cheap.
 */
export function findCredentials(root: unknown): CredentialSighting[] {
  const sightings: CredentialSighting[] = [];
  const open: OpenContainer[] = [];
  const visit = (parent: string, key: string, value: unknown): void => {
    if (typeof value === "string") {
      // The key's last dotted segment; most keys have no dot, and lastIndexOf is a slow call in V8.
      const name = key.includes(".") ? key.slice(key.lastIndexOf(".") + 1) : key;
      if (isCredential(name, value))
        sightings.push({ attribute: childPath(parent, key), masked: mask(value) });
    } else if (Array.isArray(value) || isObject(value)) {
      const attribute = childPath(parent, key);
      open.push({ attribute, keys: Object.keys(value), values: Object.values(value), next: 0 });
    }
  };
  visit("", "", root);
  for (let top = open.at(-1); top !== undefined; top = open.at(-1)) {
    const index = top.next++;
    const key = top.keys[index];
    if (key === undefined) open.pop();
    else visit(top.attribute, key, top.values[index]);
  }
  return sightings;
}

function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** Every block of a stack that can hold a literal, by the address a finding names. */
function* blocks({ stack }: RuleContext): Iterable<readonly [string, unknown]> {
  for (const config of stack.providers.values()) yield [`provider.${config.key}`, config.body];
  for (const resource of stack.resources) yield [resource.address, resource.body];
  for (const backend of stack.backends) yield [backend.address, backend.config];
  for (const [name, body] of Object.entries(stack.variables)) yield [`variable.${name}`, body];
  for (const [name, body] of Object.entries(stack.locals)) yield [`local.${name}`, body];
  for (const [name, body] of Object.entries(stack.outputs)) yield [`output.${name}`, body];
}

/** No credential is written in the input: the provider reads it from the environment; the secret is masked. */
export function* credentialInInput(context: RuleContext): Iterable<Observation> {
  for (const [address, body] of blocks(context)) {
    for (const { attribute, masked } of findCredentials(body)) {
      yield {
        address,
        attribute,
        value: masked,
        places: [{ verdict: "unresolved", place: `a credential (${masked}) is written in the input` }],
      };
    }
  }
}
