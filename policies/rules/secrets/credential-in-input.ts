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

/**
 * Every credential written literally anywhere in a JSON value, found by attribute name or by AccessKey ID
 * shape. Iterative, so that no nesting depth can overflow the call stack.
 */
export function findCredentials(root: unknown): CredentialSighting[] {
  const sightings: CredentialSighting[] = [];
  const pending: [string, unknown][] = [["", root]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [attribute, value] = next;
    if (typeof value === "string") {
      const name = attribute.slice(attribute.lastIndexOf(".") + 1);
      if (isCredential(name, value)) sightings.push({ attribute, masked: mask(value) });
    } else if (Array.isArray(value) || isObject(value)) {
      for (const [key, item] of Object.entries(value).reverse())
        pending.push([attribute === "" ? key : `${attribute}.${key}`, item]);
    }
  }
  return sightings;
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
        places: [],
        problem: `holds a credential (${masked}) written in the input`,
      };
    }
  }
}
