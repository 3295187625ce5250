import { innerMap } from "../../engine/maps";
import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { readAllowList } from "./allow-list";
import { protectedResourcesOf } from "./data-class";
import { isWithin, parseAddressBlock, type AddressBlock } from "./network";
import { attributeOf, blocksOf, readDeep, referenceOf, problemAt, toText, type Reference } from "./read";

/** The databases that take an IP allow-list, and the attribute it is written in. */
const ALLOW_LISTS: Readonly<Record<string, string>> = {
  alicloud_db_instance: "security_ips",
  alicloud_mongodb_instance: "security_ip_list",
  alicloud_kvstore_instance: "security_ips",
};

const ALLOW_LIST_TYPES = Object.keys(ALLOW_LISTS);

/** The attributes that give a VPC's CIDR blocks. */
const VPC_BLOCKS = ["cidr_block", "secondary_cidr_blocks"] as const;

function withinAny(entry: AddressBlock, blocks: readonly AddressBlock[]): boolean {
  for (const block of blocks) if (isWithin(entry, block)) return true;
  return false;
}

/** The entries of an allow-list that are in none of the blocks, as written, joined; undefined when all are in one. */
function outsideOf(
  entries: readonly { readonly text: string; readonly block: AddressBlock }[],
  blocks: readonly AddressBlock[],
): string | undefined {
  let outside: string | undefined;
  for (const entry of entries) {
    if (!withinAny(entry.block, blocks))
      outside = outside === undefined ? entry.text : `${outside}, ${entry.text}`;
  }
  return outside;
}

/** The CIDR blocks of the VPC a database's vSwitch belongs to, or why they cannot be known. */
function vpcBlocks(context: RuleContext, resource: ResourceBlock): readonly AddressBlock[] | string {
  const vswitch = referenceOf(context, attributeOf(resource.body, "vswitch_id"), context.stack);
  if (!("resource" in vswitch) || vswitch.resource.type !== "alicloud_vswitch")
    return `its vswitch_id must refer to an alicloud_vswitch of the data center (it ${"problem" in vswitch ? vswitch.problem : `is ${vswitch.resource.address}`})`;
  const vpc = referenceOf(context, attributeOf(vswitch.resource.body, "vpc_id"), vswitch.stack);
  if (!("resource" in vpc) || vpc.resource.type !== "alicloud_vpc")
    return `the vpc_id of ${vswitch.resource.address} must refer to an alicloud_vpc`;
  return cidrBlocksOf(context, vpc);
}

/** The CIDR blocks of each VPC, per check (its resolver): the databases of a VPC share them. */
const vpcCidrBlocks = new WeakMap<object, Map<ResourceBlock, readonly AddressBlock[] | string>>();

function cidrBlocksOf(context: RuleContext, vpc: Reference): readonly AddressBlock[] | string {
  const known = innerMap(vpcCidrBlocks, context.resolver);
  let blocks = known.get(vpc.resource);
  if (blocks === undefined) {
    blocks = readCidrBlocks(context, vpc);
    known.set(vpc.resource, blocks);
  }
  return blocks;
}

/** The blocks a VPC's `cidr_block` and `secondary_cidr_blocks` give, or why they cannot be read. */
function readCidrBlocks(context: RuleContext, vpc: Reference): readonly AddressBlock[] | string {
  const blocks: AddressBlock[] = [];
  for (const attribute of VPC_BLOCKS) {
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
  for (const type of ALLOW_LIST_TYPES) {
    const attribute = ALLOW_LISTS[type] ?? "";
    for (const { resource, dataClass } of protectedResourcesOf(context, type)) {
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
      const outside = outsideOf(list.entries, vpc);
      if (outside !== undefined) {
        found.push(
          problemAt(
            resource,
            attribute,
            written,
            `admits ${outside}, outside the instance's VPC: ${dataClass} is reachable only from the data center's own network`,
          ),
        );
      }
    }
  }
  return found;
}
