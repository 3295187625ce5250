import type { StackModel } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import {
  DATA_STORE_TYPES,
  DATA_STORES,
  keyProblem,
  protectedResourcesOf,
  type KeyAttribute,
} from "./data-class";
import {
  attributeOf,
  firstBlockOf,
  isLiteral,
  problemAt,
  read,
  referenceOf,
  toText,
  type CheckedResource,
} from "./read";

/** A value at the end of a path through nested blocks (the first block of each), or where the path stopped. */
interface Found {
  /** The number of steps taken: the path's length when its last attribute was reached. */
  readonly steps: number;
  readonly written: unknown;
  readonly stack: StackModel;
}

/** The value at a path through nested blocks, with how far the path was followed. */
function valueAt(context: RuleContext, resource: CheckedResource, path: readonly string[]): Found {
  let body: unknown = resource.body;
  let stack = context.stack;
  for (let index = 0; ; index++) {
    const written = attributeOf(body, path[index] ?? "");
    if (index === path.length - 1 || written === undefined || written === null)
      return { steps: index + 1, written, stack };
    // Most blocks are literal objects: they are read as written, without a reading for each.
    if (isLiteral(written, stack)) {
      body = firstBlockOf(written);
      continue;
    }
    const inner = read(context, written, stack, resource.instance);
    if (!inner.known) return { steps: index + 1, written, stack };
    body = firstBlockOf(inner.value);
    stack = inner.stack;
  }
}

/** The attribute path of the first `steps` steps (`a.b`): built only for a finding. */
function attributeOfSteps(path: readonly string[], steps: number): string {
  return path.slice(0, steps).join(".");
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
function serviceKey(
  context: RuleContext,
  resource: CheckedResource,
  setting: { readonly path: readonly string[]; readonly expected: string },
): Observation | undefined {
  const { steps, written, stack } = valueAt(context, resource, setting.path);
  if (written === undefined || written === null)
    return problemAt(
      resource,
      attributeOfSteps(setting.path, steps),
      null,
      `is not set: the data is not encrypted with a customer master key of its data class`,
    );
  if (written === setting.expected && isLiteral(written, stack)) return undefined;
  const value = read(context, written, stack, resource.instance);
  const text = value.known ? toText(value.value) : value;
  if (typeof text === "string" && text === setting.expected) return undefined;
  const what = typeof text === "string" ? JSON.stringify(text) : text.problem;
  return problemAt(
    resource,
    attributeOfSteps(setting.path, steps),
    written ?? null,
    `is ${what}: the data is encrypted with the service's key, not a customer master key of its data class (${setting.expected})`,
  );
}

/** The findings on the key attributes of a store of a protected class, into `found`. */
function keyFindings(
  context: RuleContext,
  resource: CheckedResource,
  dataClass: string,
  keys: readonly KeyAttribute[],
  found: Observation[],
): void {
  let written = false;
  for (const key of keys) {
    const at = valueAt(context, resource, key.path);
    if (at.written === undefined || at.written === null) continue;
    written = true;
    const problem = keyProblem(context, referenceOf(context, at.written, at.stack), dataClass);
    if (problem !== undefined)
      found.push(problemAt(resource, attributeOfSteps(key.path, at.steps), at.written, problem));
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

/** Personal information and important data are encrypted with a customer master key of their own data class. */
export function dataClassKey(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const type of DATA_STORE_TYPES) {
    const stores = protectedResourcesOf(context, type);
    if (stores.length === 0) continue;
    const setting = SERVICE_KEY_SETTINGS.get(type);
    const keys = DATA_STORES[type]?.keys ?? [];
    for (const { resource, dataClass } of stores) {
      const service = setting === undefined ? undefined : serviceKey(context, resource, setting);
      if (service !== undefined) found.push(service);
      else keyFindings(context, resource, dataClass, keys, found);
    }
  }
  return found;
}
