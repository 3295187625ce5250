import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { DATA_STORES, keyProblem, protectedClassOf } from "./data-class";
import { attributeOf, blocksOf, problemAt, read, referenceOf, resourcesOf, toText } from "./read";

/** The value at a path through nested blocks (the first block of each), with the attribute path it was found at. */
function valueAt(context: RuleContext, resource: ResourceBlock, path: readonly string[]) {
  let body: unknown = resource.body;
  let stack = context.stack;
  const steps: string[] = [];
  for (const [index, step] of path.entries()) {
    steps.push(step);
    const written = attributeOf(body, step);
    if (index === path.length - 1 || written === undefined || written === null)
      return { attribute: steps.join("."), written, stack };
    const inner = read(context, written, stack);
    if (!inner.known) return { attribute: steps.join("."), written, stack };
    body = blocksOf(inner.value)[0];
    stack = inner.stack;
  }
  return { attribute: steps.join("."), written: undefined, stack };
}

/** Service-side encryption that uses the cloud service's own key, whatever the key attribute says. */
function serviceKey(context: RuleContext, resource: ResourceBlock): Observation | undefined {
  const setting =
    resource.type === "alicloud_oss_bucket"
      ? { path: ["server_side_encryption_rule", "sse_algorithm"], expected: "KMS" }
      : resource.type === "alicloud_ots_table"
        ? { path: ["sse_key_type"], expected: "SSE_BYOK" }
        : undefined;
  if (setting === undefined) return undefined;
  const { attribute, written, stack } = valueAt(context, resource, setting.path);
  if (written === undefined || written === null)
    return problemAt(
      resource,
      attribute,
      null,
      `is not set: the data is not encrypted with a customer master key of its data class`,
    );
  const value = read(context, written, stack);
  const text = value.known ? toText(value.value) : value;
  if (typeof text === "string" && text === setting.expected) return undefined;
  const what = typeof text === "string" ? JSON.stringify(text) : text.problem;
  return problemAt(
    resource,
    attribute,
    written ?? null,
    `is ${what}: the data is encrypted with the service's key, not a customer master key of its data class (${setting.expected})`,
  );
}

/** Personal information and important data are encrypted with a customer master key of their own data class. */
export function dataClassKey(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context.stack, ...Object.keys(DATA_STORES))) {
    const dataClass = protectedClassOf(context, resource);
    if (dataClass === undefined) continue;
    const service = serviceKey(context, resource);
    if (service !== undefined) {
      found.push(service);
      continue;
    }
    const keys = DATA_STORES[resource.type]?.keys ?? [];
    const written = keys
      .map((key) => valueAt(context, resource, key.path))
      .filter((key) => key.written !== undefined && key.written !== null);
    if (written.length === 0) {
      found.push(
        problemAt(
          resource,
          keys.map((key) => key.path.join(".")).join(" or "),
          null,
          `is not set: ${dataClass} data is encrypted with a service key or not at all, not with a customer master key of its own`,
        ),
      );
      continue;
    }
    for (const key of written) {
      const problem = keyProblem(context, referenceOf(context, key.written, key.stack), dataClass);
      if (problem !== undefined) found.push(problemAt(resource, key.attribute, key.written, problem));
    }
  }
  return found;
}
