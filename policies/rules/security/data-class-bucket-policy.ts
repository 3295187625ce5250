import type { StackModel } from "../../engine/model";
import { holdsMarkerCharacter, MARKER_START, markerOf } from "../../engine/partial-json";
import { PartialText } from "../../language/value";
import type { Observation, RuleContext } from "../../engine/rule";
import { protectedResourcesOf } from "./data-class";
import {
  attributeOf,
  blocksOf,
  problemAt,
  read,
  readTemplate,
  referenceOf,
  resourcesOf,
  toText,
  type TextPart,
  type CheckedResource,
} from "./read";

/**
 * A bucket of personal information or important data has a policy that denies every request from outside the
 * data center's VPC, except those of approved roles: a statement
 *   { Effect: Deny, Principal: ["*"], Action: oss:* (or the object reads), Resource: the bucket's objects,
 *     Condition: { StringNotEquals: { "acs:SourceVpc": [<alicloud_vpc ids>] },
 *                  optionally StringNotLike/StringNotEquals: { "acs:PrincipalARN": [<alicloud_ram_role arns>] } } }
 * The VPC IDs and role ARNs must be references to resources of the check: a literal ID cannot be tied to the
 * data center.
 */

/** A reference in a document: the resource whose value is known only after apply. */
type NamedPart = Exclude<TextPart, string>;

/** A JSON document built around references: each reference stands for a marker in the text. */
interface Document {
  readonly json: unknown;
  /** By the number of their marker. */
  readonly references: readonly NamedPart[];
}

const NOT_CONDITIONS: ReadonlySet<string> = new Set(["StringNotEquals", "StringNotLike"]);
const OBJECT_READ_ACTIONS = ["oss:*", "oss:GetObject"] as const;

const NOT_JSON = "is not a JSON policy document";

function parseDocument(context: RuleContext, written: unknown, stack: StackModel): Document | string {
  const parts = readTemplate(context, written, stack);
  if ("problem" in parts) return parts.problem;
  const references: NamedPart[] = [];
  for (const part of parts) {
    // Literal text that could pass for a stand-in would make a literal look like a reference.
    if (typeof part !== "string") references.push(part);
    else if (holdsMarkerCharacter(part)) return "holds the control character U+0001";
  }
  // A document around references is read once for every rule: the value scan reads each policy too. Its
  // markers are numbered as its references are, in the order of the text.
  const computed = context.resolver.value(written, stack);
  if (computed instanceof PartialText) {
    const json = context.resolver.partialJson(computed);
    return json === undefined ? NOT_JSON : { json: json.document, references };
  }
  // A document known whole: its parts are literal text.
  let text = "";
  for (const part of parts) if (typeof part === "string") text += part;
  try {
    return { json: JSON.parse(text) as unknown, references };
  } catch {
    return NOT_JSON;
  }
}

/** `*` in a policy pattern matches any run of characters; everything else matches itself. */
function matches(pattern: string, value: string): boolean {
  const firstStar = pattern.indexOf("*");
  if (firstStar < 0) return pattern === value;
  const lastStar = pattern.lastIndexOf("*");
  // Read in place, without splitting the pattern: the text before the first star starts the value, the text
  // after the last one ends it, and each piece between is found leftmost, in order, between them.
  const end = value.length - (pattern.length - lastStar - 1);
  if (end < firstStar || !sameAt(value, 0, pattern, 0, firstStar)) return false;
  if (!sameAt(value, end, pattern, lastStar + 1, pattern.length)) return false;
  let at = firstStar;
  for (let star = firstStar; star < lastStar;) {
    const next = pattern.indexOf("*", star + 1);
    const length = next - star - 1;
    while (at + length <= end && !sameAt(value, at, pattern, star + 1, next)) at++;
    if (at + length > end) return false;
    at += length;
    star = next;
  }
  return true;
}

/** Whether the value, from `at`, holds the pattern's text from `start` to `end`. */
function sameAt(value: string, at: number, pattern: string, start: number, end: number): boolean {
  if (at + end - start > value.length) return false;
  for (let index = start; index < end; index++)
    if (value.charCodeAt(at + index - start) !== pattern.charCodeAt(index)) return false;
  return true;
}

/**
 * Whether a policy's Resource entry covers every object of the bucket (`acs:oss:*:*:name/*`, any region or
 * account); `anyObject` is the name of an object in it. Read by its colons, without splitting the entry.
 */
function coversObjects(resource: string, anyObject: string): boolean {
  if (resource === "*") return true;
  const service = resource.startsWith("acs:oss:") ? 8 : resource.startsWith("acs:*:") ? 6 : -1;
  if (service < 0) return false;
  const region = resource.indexOf(":", service);
  const account = region < 0 ? -1 : resource.indexOf(":", region + 1);
  return account >= 0 && matches(resource.slice(account + 1), anyObject);
}

/** Whether any text of a policy value (one text or a list) passes the test. */
function someText(value: unknown, test: (text: string) => boolean): boolean {
  if (!Array.isArray(value)) return typeof value === "string" && test(value);
  for (const item of value) if (typeof item === "string" && test(item)) return true;
  return false;
}

/** Whether any entry of a policy's Resource (one text or a list) covers the objects; no closure per statement. */
function coversAnyObject(value: unknown, anyObject: string): boolean {
  if (!Array.isArray(value)) return typeof value === "string" && coversObjects(value, anyObject);
  for (const item of value) if (typeof item === "string" && coversObjects(item, anyObject)) return true;
  return false;
}

const isEveryone = (principal: string): boolean => principal === "*";
const readsObjects = (action: string): boolean =>
  matches(action, OBJECT_READ_ACTIONS[0]) || matches(action, OBJECT_READ_ACTIONS[1]);

function unmarked(text: string): string {
  return text.replaceAll("\u0001", "");
}

/** The reference a text of the document stands for: it is exactly one of its markers. */
function referenceNamed(document: Document, text: string): NamedPart | undefined {
  if (!text.startsWith(MARKER_START)) return undefined;
  const index = Number(text.slice(MARKER_START.length, -1));
  return Number.isSafeInteger(index) && text === markerOf(index) ? document.references[index] : undefined;
}

/** The problem with a list of condition values: a value that is not a reference of the given type, or none. */
function referencesProblem(document: Document, values: unknown, type: string): string | undefined {
  let any = false;
  for (const value of blocksOf(values)) {
    if (typeof value !== "string") continue;
    const reference = referenceNamed(document, value);
    if (reference === undefined || reference.type !== type)
      return `${JSON.stringify(unmarked(value))} is not a reference to an ${type}`;
    any = true;
  }
  return any ? undefined : `names no ${type}`;
}

/** A condition's entries: a JSON object's (or array's) own, none for anything else. */
function entriesOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null ? (value as Readonly<Record<string, unknown>>) : {};
}

/** Why a statement is not the deny the rule asks for (undefined when it is). */
function denyProblem(
  document: Document,
  statement: unknown,
  bucketName: string,
  anyObject: string,
): string | undefined {
  if (attributeOf(statement, "Effect") !== "Deny") return "is not a Deny";
  if (!someText(attributeOf(statement, "Principal"), isEveryone)) return "does not apply to every principal";
  if (!someText(attributeOf(statement, "Action"), readsObjects))
    return "does not deny reading objects (oss:GetObject)";
  if (!coversAnyObject(attributeOf(statement, "Resource"), anyObject))
    return `does not cover the objects of ${bucketName}`;
  const condition = attributeOf(statement, "Condition");
  let vpcs: string | undefined = "has no StringNotEquals acs:SourceVpc condition";
  const conditions = entriesOf(condition);
  // Own keys in the order of Object.keys, without a list of them for every statement read.
  for (const operator in conditions) {
    if (!Object.hasOwn(conditions, operator)) continue;
    const keys = entriesOf(conditions[operator]);
    for (const key in keys) {
      if (!Object.hasOwn(keys, key)) continue;
      const values = keys[key];
      if (!NOT_CONDITIONS.has(operator)) return `narrows the deny with ${operator} ${key}`;
      if (key === "acs:SourceVpc") vpcs = referencesProblem(document, values, "alicloud_vpc");
      else if (key === "acs:PrincipalARN") {
        const roles = referencesProblem(document, values, "alicloud_ram_role");
        if (roles !== undefined) return `exempts principals other than approved roles: ${roles}`;
      } else return `narrows the deny with ${operator} ${key}`;
    }
  }
  return vpcs === undefined ? undefined : `acs:SourceVpc ${vpcs}`;
}

/** A written policy and the resource it is written on. */
interface Policy {
  readonly owner: CheckedResource;
  readonly written: unknown;
}

function isWritten(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The `alicloud_oss_bucket_policy` resources of the stack by the bucket each names, in the stack's order. */
function bucketPolicies(context: RuleContext): Map<string, Policy[]> {
  // By address: a policy names the bucket's block, and each of its instances is checked on its own.
  const byBucket = new Map<string, Policy[]>();
  for (const policy of resourcesOf(context, "alicloud_oss_bucket_policy")) {
    const written = attributeOf(policy.body, "policy");
    if (!isWritten(written)) continue;
    const target = referenceOf(context, attributeOf(policy.body, "bucket"), context.stack);
    // Only a bucket of this stack is checked here: another stack's bucket may have the same address.
    if (!("resource" in target) || target.stack !== context.stack) continue;
    const policies = byBucket.get(target.resource.address);
    if (policies === undefined) byBucket.set(target.resource.address, [{ owner: policy, written }]);
    else policies.push({ owner: policy, written });
  }
  return byBucket;
}

/**
 * Whether a written policy holds a statement that denies what the rule asks; with `reasons`, why it does not,
 * into them. A bucket passes on the first policy that denies: reasons are read only for a finding.
 */
function policyDenies(
  context: RuleContext,
  owner: CheckedResource,
  written: unknown,
  bucketName: string,
  anyObject: string,
  reasons?: string[],
): boolean {
  const document = parseDocument(context, written, context.stack);
  if (typeof document === "string") {
    reasons?.push(`the policy of ${owner.address} ${document}`);
    return false;
  }
  const statements = blocksOf(attributeOf(document.json, "Statement"));
  if (statements.length === 0) {
    reasons?.push(`the policy of ${owner.address} has no statement`);
    return false;
  }
  for (const statement of statements)
    if (denyProblem(document, statement, bucketName, anyObject) === undefined) return true;
  if (reasons !== undefined)
    statements.forEach((statement, index) =>
      reasons.push(
        `statement ${index} of ${owner.address} ${denyProblem(document, statement, bucketName, anyObject) ?? ""}`,
      ),
    );
  return false;
}

/** Whether any policy on a bucket denies: its own `policy`, then every `alicloud_oss_bucket_policy` naming it. */
function anyPolicyDenies(
  context: RuleContext,
  bucket: CheckedResource,
  named: readonly Policy[] | undefined,
  bucketName: string,
  anyObject: string,
  reasons?: string[],
): boolean {
  const own = attributeOf(bucket.body, "policy");
  if (isWritten(own) && policyDenies(context, bucket, own, bucketName, anyObject, reasons)) return true;
  for (const { owner, written } of named ?? NO_POLICIES)
    if (policyDenies(context, owner, written, bucketName, anyObject, reasons)) return true;
  return false;
}

const NO_POLICIES: readonly Policy[] = [];

/** A bucket of personal information or important data denies access from outside the data center's VPC, but for approved roles. */
export function dataClassBucketPolicy(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  const buckets = protectedResourcesOf(context, "alicloud_oss_bucket");
  if (buckets.length === 0) return found;
  const byBucket = bucketPolicies(context);
  for (const { resource: bucket, dataClass } of buckets) {
    const name = read(context, attributeOf(bucket.body, "bucket"), context.stack, bucket.instance);
    const bucketName = name.known ? toText(name.value) : name;
    if (typeof bucketName !== "string") {
      found.push(problemAt(bucket, "bucket", attributeOf(bucket.body, "bucket") ?? null, bucketName.problem));
      continue;
    }
    const anyObject = `${bucketName}/any-object`;
    const named = byBucket.size === 0 ? undefined : byBucket.get(bucket.block ?? bucket.address);
    if (anyPolicyDenies(context, bucket, named, bucketName, anyObject)) continue;
    const reasons: string[] = [];
    anyPolicyDenies(context, bucket, named, bucketName, anyObject, reasons);
    const why = reasons.length > 0 ? reasons.join("; ") : "there is no bucket policy";
    found.push(
      problemAt(
        bucket,
        "policy",
        attributeOf(bucket.body, "policy") ?? null,
        `does not deny access from outside the data center's VPC (${why}): ${dataClass} is reachable only from its own network, or through an approved role`,
      ),
    );
  }
  return found;
}
