import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { readAllowList } from "./allow-list";
import { protectedClassOf } from "./data-class";
import { isWithin, parseAddressBlock, type AddressBlock } from "./network";
import { attributeOf, blocksOf, readDeep, referenceOf, problemAt, resourcesOf, toText } from "./read";

/** The databases that take an IP allow-list, and the attribute it is written in. */
const ALLOW_LISTS: Readonly<Record<string, string>> = {
  alicloud_db_instance: "security_ips",
  alicloud_mongodb_instance: "security_ip_list",
  alicloud_kvstore_instance: "security_ips",
};

/** The CIDR blocks of the VPC a database's vSwitch belongs to, or why they cannot be known. */
function vpcBlocks(context: RuleContext, resource: ResourceBlock): AddressBlock[] | string {
  const vswitch = referenceOf(context, attributeOf(resource.body, "vswitch_id"), context.stack);
  if (!("resource" in vswitch) || vswitch.resource.type !== "alicloud_vswitch")
    return `its vswitch_id must refer to an alicloud_vswitch of the data center (it ${"problem" in vswitch ? vswitch.problem : `is ${vswitch.resource.address}`})`;
  const vpc = referenceOf(context, attributeOf(vswitch.resource.body, "vpc_id"), vswitch.stack);
  if (!("resource" in vpc) || vpc.resource.type !== "alicloud_vpc")
    return `the vpc_id of ${vswitch.resource.address} must refer to an alicloud_vpc`;
  const blocks: AddressBlock[] = [];
  for (const attribute of ["cidr_block", "secondary_cidr_blocks"]) {
    const written = attributeOf(vpc.resource.body, attribute);
    if (written === undefined || written === null) continue;
    const value = readDeep(context, written, vpc.stack);
    if (!value.known) return `the ${attribute} of ${vpc.resource.address} ${value.problem}`;
    for (const item of blocksOf(value.value)) {
      const text = toText(item);
      const block = typeof text === "string" ? parseAddressBlock(text) : undefined;
      if (block === undefined) return `the ${attribute} of ${vpc.resource.address} is not a CIDR block`;
      blocks.push(block);
    }
  }
  return blocks.length > 0 ? blocks : `${vpc.resource.address} sets no cidr_block`;
}

/** A database of personal information or important data admits only addresses inside its own VPC's CIDR blocks. */
export function dataClassAllowList(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context.stack, ...Object.keys(ALLOW_LISTS))) {
    const dataClass = protectedClassOf(context, resource);
    const attribute = ALLOW_LISTS[resource.type] ?? "";
    if (dataClass === undefined) continue;
    const list = readAllowList(context, resource, attribute);
    if (list === undefined) continue;
    if ("problem" in list) {
      found.push(list.problem);
      continue;
    }
    const vpc = vpcBlocks(context, resource);
    const written = attributeOf(resource.body, attribute);
    if (typeof vpc === "string") {
      found.push(
        problemAt(resource, attribute, written, `cannot be held to the data center's network: ${vpc}`),
      );
      continue;
    }
    const outside = list.entries.filter((entry) => !vpc.some((block) => isWithin(entry.block, block)));
    if (outside.length > 0) {
      found.push(
        problemAt(
          resource,
          attribute,
          written,
          `admits ${outside.map((entry) => entry.text).join(", ")}, outside the instance's VPC: ${dataClass} is reachable only from the data center's own network`,
        ),
      );
    }
  }
  return found;
}
