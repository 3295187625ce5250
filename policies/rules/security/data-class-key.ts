import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { DATA_STORE_TYPES, DATA_STORES, keyProblem, protectedClassOf } from "./data-class";
import { attributeOf, firstBlockOf, problemAt, read, referenceOf, resourcesOf, toText } from "./read";

/** The attribute each step of a path names (`a`, `a.b`, `a.b.c`), built once per path. */
const attributesAlong = new WeakMap<readonly string[], readonly string[]>();

function attributeAlong(path: readonly string[], index: number): string {
  let attributes = attributesAlong.get(path);
  if (attributes === undefined) {
    attributes = path.map((_, step) => path.slice(0, step + 1).join("."));
    attributesAlong.set(path, attributes);
  }
  return attributes[index] ?? "";
}

/** The value at a path through nested blocks (the first block of each), with the attribute path it was found at. */
function valueAt(context: RuleContext, resource: ResourceBlock, path: readonly string[]) {
  let body: unknown = resource.body;
  let stack = context.stack;
  for (let index = 0; index < path.length; index++) {
    const written = attributeOf(body, path[index] ?? "");
    if (index === path.length - 1 || written === undefined || written === null)
      return { attribute: attributeAlong(path, index), written, stack };
    const inner = read(context, written, stack);
    if (!inner.known) return { attribute: attributeAlong(path, index), written, stack };
    body = firstBlockOf(inner.value);
    stack = inner.stack;
  }
  return { attribute: "", written: undefined, stack };
}

/** The setting that makes a store's service-side encryption use a customer master key, by store type. */
const SERVICE_KEY_SETTINGS: ReadonlyMap<
  string,
  { readonly path: readonly string[]; readonly expected: string }
> = new Map([
  ["alicloud_oss_bucket", { path: ["server_side_encryption_rule", "sse_algorithm"], expected: "KMS" }],
  ["alicloud_ots_table", { path: ["sse_key_type"], expected: "SSE_BYOK" }],
]);

/** Service-side encryption that uses the cloud service's own key, whatever the key attribute says. */
function serviceKey(context: RuleContext, resource: ResourceBlock): Observation | undefined {
  const setting = SERVICE_KEY_SETTINGS.get(resource.type);
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
  for (const resource of resourcesOf(context.stack, ...DATA_STORE_TYPES)) {
    const dataClass = protectedClassOf(context, resource);
    if (dataClass === undefined) continue;
    const service = serviceKey(context, resource);
    if (service !== undefined) {
      found.push(service);
      continue;
    }
    const keys = DATA_STORES[resource.type]?.keys ?? [];
    let written = false;
    for (const key of keys) {
      const at = valueAt(context, resource, key.path);
      if (at.written === undefined || at.written === null) continue;
      written = true;
      const problem = keyProblem(context, referenceOf(context, at.written, at.stack), dataClass);
      if (problem !== undefined) found.push(problemAt(resource, at.attribute, at.written, problem));
    }
    if (!written)
      found.push(
        problemAt(
          resource,
          keys.map((key) => key.path.join(".")).join(" or "),
          null,
          `is not set: ${dataClass} data is encrypted with a service key or not at all, not with a customer master key of its own`,
        ),
      );
  }
  return found;
}
