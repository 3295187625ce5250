import type { Observation, RuleContext } from "../../engine/rule";
import {
  attributeOf,
  blocksOf,
  problemAt,
  read,
  readDeep,
  referenceOf,
  resourcesOf,
  toText,
  type CheckedResource,
} from "./read";

const TERWAY = "terway-eniip";
const FLANNEL = "flannel";
/** The vSwitches nodes run in: pods of Terway need their own. */
const NODE_VSWITCHES = ["worker_vswitch_ids", "master_vswitch_ids", "vswitch_ids"] as const;

/** What identifies a vSwitch in a list: the resource it names, or its literal ID. */
function vswitchKeys(
  context: RuleContext,
  resource: CheckedResource,
  attribute: string,
): string[] | Observation {
  const written = attributeOf(resource.body, attribute);
  const list = read(context, written ?? [], context.stack, resource.instance);
  if (!list.known) return problemAt(resource, attribute, written, list.problem);
  const keys: string[] = [];
  for (const item of blocksOf(list.value)) {
    const reference = referenceOf(context, item, list.stack);
    if ("resource" in reference) {
      keys.push(`${reference.stack.name}/${reference.resource.address}`);
      continue;
    }
    const literal = read(context, item, list.stack, resource.instance);
    const text = literal.known ? toText(literal.value) : literal;
    if (typeof text !== "string") return problemAt(resource, attribute, written, text.problem);
    keys.push(text);
  }
  return keys;
}

/** The problem with a Terway cluster's pod vSwitches: missing, or shared with the nodes. */
function terwayProblem(context: RuleContext, resource: CheckedResource): Observation | undefined {
  const pods = vswitchKeys(context, resource, "pod_vswitch_ids");
  if (!Array.isArray(pods)) return pods;
  if (pods.length === 0) {
    return problemAt(
      resource,
      "pod_vswitch_ids",
      null,
      "is not set: Terway needs vSwitches of its own for pods",
    );
  }
  for (const attribute of NODE_VSWITCHES) {
    const nodes = vswitchKeys(context, resource, attribute);
    if (!Array.isArray(nodes)) return nodes;
    const shared = pods.find((pod) => nodes.includes(pod));
    if (shared !== undefined) {
      return problemAt(
        resource,
        "pod_vswitch_ids",
        attributeOf(resource.body, "pod_vswitch_ids"),
        `shares ${shared} with ${attribute}: Terway's pod vSwitches must be apart from the nodes'`,
      );
    }
  }
  return undefined;
}

/** A Kubernetes cluster installs a network plugin that enforces network policies (Terway, or Flannel with a pod CIDR). */
export function k8sNetworkPolicy(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context, "alicloud_cs_kubernetes", "alicloud_cs_managed_kubernetes")) {
    const written = attributeOf(resource.body, "addons");
    const addons = readDeep(context, written ?? [], context.stack, resource.instance);
    if (!addons.known) {
      found.push(problemAt(resource, "addons", written, addons.problem));
      continue;
    }
    const names = blocksOf(addons.value).map((addon) => attributeOf(addon, "name"));
    if (names.includes(TERWAY)) {
      const problem = terwayProblem(context, resource);
      if (problem !== undefined) found.push(problem);
    } else if (names.includes(FLANNEL)) {
      const podCidr = attributeOf(resource.body, "pod_cidr");
      if (podCidr === undefined || podCidr === null)
        found.push(problemAt(resource, "pod_cidr", null, "is not set: Flannel needs a pod CIDR"));
    } else {
      found.push(
        problemAt(
          resource,
          "addons",
          written ?? null,
          `install neither ${TERWAY} nor ${FLANNEL}: pods cannot be held to Kubernetes network policies`,
        ),
      );
    }
  }
  return found;
}
