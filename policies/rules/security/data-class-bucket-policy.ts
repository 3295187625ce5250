import type { ResourceBlock, StackModel } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { protectedClassOf } from "./data-class";
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
  readonly references: ReadonlyMap<string, NamedPart>;
}

/** A reference's stand-in inside the document's text, as a JSON escape, so that it parses inside a string only. */
const MARKER = (index: number): string => `\\u0001ref${index}\\u0001`;
/** The same stand-in as JSON.parse gives it back. */
const PARSED_MARKER = (index: number): string => `\u0001ref${index}\u0001`;
const NOT_CONDITIONS: ReadonlySet<string> = new Set(["StringNotEquals", "StringNotLike"]);
const OBJECT_READ_ACTIONS = ["oss:*", "oss:GetObject"] as const;

function parseDocument(context: RuleContext, written: unknown, stack: StackModel): Document | string {
  const parts = readTemplate(context, written, stack);
  if ("problem" in parts) return parts.problem;
  const references = new Map<string, NamedPart>();
  let text = "";
  for (const part of parts) {
    // Literal text that could pass for a stand-in would make a literal look like a reference.
    if (typeof part === "string" && (part.includes("\\u0001") || part.includes("\u0001")))
      return "holds the control character U+0001";
    if (typeof part === "string") text += part;
    else {
      references.set(PARSED_MARKER(references.size), part);
      text += MARKER(references.size - 1);
    }
  }
  try {
    return { json: JSON.parse(text) as unknown, references };
  } catch {
    return "is not a JSON policy document";
  }
}

/** `*` in a policy pattern matches any run of characters; everything else matches itself. */
function matches(pattern: string, value: string): boolean {
  const pieces = pattern.split("*");
  const first = pieces[0] ?? "";
  const last = pieces[pieces.length - 1] ?? "";
  if (pieces.length === 1) return pattern === value;
  if (!value.startsWith(first) || value.length < first.length + last.length) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = value.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return value.length - last.length >= at && value.endsWith(last);
}

/** Whether a policy's Resource entry covers every object of the bucket (`acs:oss:*:*:name/*`, any region or account). */
function coversObjects(resource: string, bucketName: string): boolean {
  if (resource === "*") return true;
  const [scheme, service, , , ...rest] = resource.split(":");
  return (
    scheme === "acs" &&
    (service === "oss" || service === "*") &&
    matches(rest.join(":"), `${bucketName}/any-object`)
  );
}

function texts(value: unknown): string[] {
  return blocksOf(value).filter((item): item is string => typeof item === "string");
}

function unmarked(text: string): string {
  return text.replaceAll("\u0001", "");
}

/** The references a list of condition values stands for, or the first value that is not one of the given type. */
function referencesOfType(document: Document, values: unknown, type: string): NamedPart[] | string {
  const found: NamedPart[] = [];
  for (const value of texts(values)) {
    const reference = document.references.get(value);
    if (reference === undefined || reference.type !== type)
      return `${JSON.stringify(unmarked(value))} is not a reference to an ${type}`;
    found.push(reference);
  }
  return found.length > 0 ? found : `names no ${type}`;
}

/** Why a statement is not the deny the rule asks for (undefined when it is). */
function denyProblem(document: Document, statement: unknown, bucketName: string): string | undefined {
  if (attributeOf(statement, "Effect") !== "Deny") return "is not a Deny";
  if (!texts(attributeOf(statement, "Principal")).includes("*")) return "does not apply to every principal";
  const actions = texts(attributeOf(statement, "Action"));
  if (!actions.some((action) => OBJECT_READ_ACTIONS.some((read) => matches(action, read))))
    return "does not deny reading objects (oss:GetObject)";
  if (!texts(attributeOf(statement, "Resource")).some((resource) => coversObjects(resource, bucketName)))
    return `does not cover the objects of ${bucketName}`;
  const condition = attributeOf(statement, "Condition");
  let vpcs: NamedPart[] | string = "has no StringNotEquals acs:SourceVpc condition";
  for (const [operator, keys] of Object.entries(
    typeof condition === "object" && condition !== null ? condition : {},
  )) {
    for (const [key, values] of Object.entries(typeof keys === "object" && keys !== null ? keys : {})) {
      if (!NOT_CONDITIONS.has(operator)) return `narrows the deny with ${operator} ${key}`;
      if (key === "acs:SourceVpc") vpcs = referencesOfType(document, values, "alicloud_vpc");
      else if (key === "acs:PrincipalARN") {
        const roles = referencesOfType(document, values, "alicloud_ram_role");
        if (typeof roles === "string") return `exempts principals other than approved roles: ${roles}`;
      } else return `narrows the deny with ${operator} ${key}`;
    }
  }
  return typeof vpcs === "string" ? `acs:SourceVpc ${vpcs}` : undefined;
}

/** The policies on a bucket: its own `policy` and every `alicloud_oss_bucket_policy` naming it. */
function policiesOf(
  context: RuleContext,
  bucket: ResourceBlock,
): { owner: ResourceBlock; written: unknown }[] {
  const policies = [{ owner: bucket, written: attributeOf(bucket.body, "policy") }];
  for (const policy of resourcesOf(context.stack, "alicloud_oss_bucket_policy")) {
    const target = referenceOf(context, attributeOf(policy.body, "bucket"), context.stack);
    if ("resource" in target && target.resource === bucket)
      policies.push({ owner: policy, written: attributeOf(policy.body, "policy") });
  }
  return policies.filter((policy) => policy.written !== undefined && policy.written !== null);
}

/** A bucket of personal information or important data denies access from outside the data center's VPC, but for approved roles. */
export function dataClassBucketPolicy(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const bucket of resourcesOf(context.stack, "alicloud_oss_bucket")) {
    const dataClass = protectedClassOf(context, bucket);
    if (dataClass === undefined) continue;
    const name = read(context, attributeOf(bucket.body, "bucket"), context.stack);
    const bucketName = name.known ? toText(name.value) : name;
    if (typeof bucketName !== "string") {
      found.push(problemAt(bucket, "bucket", attributeOf(bucket.body, "bucket") ?? null, bucketName.problem));
      continue;
    }
    const reasons: string[] = [];
    const policies = policiesOf(context, bucket);
    for (const { owner, written } of policies) {
      const document = parseDocument(context, written, context.stack);
      if (typeof document === "string") {
        reasons.push(`the policy of ${owner.address} ${document}`);
        continue;
      }
      const statements = blocksOf(attributeOf(document.json, "Statement"));
      if (statements.length === 0) {
        reasons.push(`the policy of ${owner.address} has no statement`);
        continue;
      }
      const problems = statements.map((statement) => denyProblem(document, statement, bucketName));
      if (problems.includes(undefined)) {
        reasons.length = 0;
        break;
      }
      reasons.push(
        ...problems.map((problem, index) => `statement ${index} of ${owner.address} ${problem ?? ""}`),
      );
    }
    if (reasons.length > 0 || policies.length === 0) {
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
  }
  return found;
}
