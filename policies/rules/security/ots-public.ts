import type { Observation, RuleContext } from "../../engine/rule";
import { attributeOf, blocksOf, describe, problemAt, readDeep, resourcesOf } from "./read";

/** Networks a Tablestore instance may be reached from without being on the internet. */
const PRIVATE_NETWORKS: ReadonlySet<unknown> = new Set(["VPC"]);
const PRIVATE_ACCESS: ReadonlySet<unknown> = new Set(["Vpc", "ConsoleOrVpc"]);

/** A Tablestore instance is reachable only from VPCs (`network_type_acl = ["VPC"]`; never `accessed_by = "Any"`). */
export function otsPublic(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context, "alicloud_ots_instance")) {
    const networks = attributeOf(resource.body, "network_type_acl");
    const accessedBy = attributeOf(resource.body, "accessed_by");
    if (networks !== undefined && networks !== null) {
      const value = readDeep(context, networks, context.stack, resource.instance);
      const open = value.known
        ? blocksOf(value.value).filter((network) => !PRIVATE_NETWORKS.has(network))
        : [];
      if (!value.known) found.push(problemAt(resource, "network_type_acl", networks, value.problem));
      else if (open.length > 0)
        found.push(
          problemAt(
            resource,
            "network_type_acl",
            networks,
            `admits ${open.map(describe).join(", ")}: allow VPC only`,
          ),
        );
    }
    if (accessedBy !== undefined && accessedBy !== null) {
      const value = readDeep(context, accessedBy, context.stack, resource.instance);
      if (!value.known) found.push(problemAt(resource, "accessed_by", accessedBy, value.problem));
      else if (!PRIVATE_ACCESS.has(value.value))
        found.push(
          problemAt(
            resource,
            "accessed_by",
            accessedBy,
            `is ${JSON.stringify(value.value)}: the instance is reachable from the internet`,
          ),
        );
    }
    if ((networks === undefined || networks === null) && (accessedBy === undefined || accessedBy === null)) {
      found.push(
        problemAt(
          resource,
          "network_type_acl",
          null,
          "is not set: by default the instance accepts requests from the internet",
        ),
      );
    }
  }
  return found;
}
