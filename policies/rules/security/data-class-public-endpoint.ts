import type { Observation, RuleContext } from "../../engine/rule";
import { protectedClassOf } from "./data-class";
import { attributeOf, problemAt, referenceOf, resourcesOf } from "./read";

/** Resources that give another resource an address on the internet, and the attribute that names it. */
const PUBLIC_ENDPOINTS: Readonly<Record<string, string>> = {
  alicloud_db_connection: "instance_id",
  alicloud_eip_association: "instance_id",
  alicloud_mongodb_sharding_network_public_address: "db_instance_id",
  alicloud_kvstore_connection: "instance_id",
};

/** Nothing that holds personal information or important data gets a public connection string or an EIP. */
export function dataClassPublicEndpoint(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const endpoint of resourcesOf(context, ...Object.keys(PUBLIC_ENDPOINTS))) {
    const attribute = PUBLIC_ENDPOINTS[endpoint.type] ?? "";
    const written = attributeOf(endpoint.body, attribute);
    const target = referenceOf(context, written, context.stack);
    if (!("resource" in target)) {
      // An EIP for something this check cannot see might be for a data store: say so rather than pass.
      found.push(
        problemAt(
          endpoint,
          attribute,
          written ?? null,
          `${target.problem}: what it exposes to the internet cannot be known`,
        ),
      );
      continue;
    }
    const dataClass = protectedClassOf(context, target.resource, target.stack);
    if (dataClass === undefined) continue;
    found.push(
      problemAt(
        endpoint,
        attribute,
        written,
        `puts ${target.resource.address} (${dataClass}) on the internet: it is reachable only from the data center's own network`,
      ),
    );
  }
  return found;
}
