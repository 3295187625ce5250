import type { Observation, RuleContext } from "../../engine/rule";
import { admitsEveryone, parseAddressBlock } from "./network";
import { attributeOf, blocksOf, describe, problemAt, read, resourcesOf, toText } from "./read";
import { DYNAMIC, writesDynamicBlock } from "../../engine/dynamic";

/** An ALB access control list has no entry that admits everyone (0.0.0.0/0, ::/0). */
export function albAclOpen(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  const entries = [
    ...[...resourcesOf(context, "alicloud_alb_acl_entry_attachment")].map((resource) => ({
      resource,
      attribute: "entry",
      written: attributeOf(resource.body, "entry"),
    })),
    ...[...resourcesOf(context, "alicloud_alb_acl")].flatMap((resource) =>
      blocksOf(attributeOf(resource.body, "acl_entries")).map((entry, index) => ({
        resource,
        attribute: `acl_entries.${index}.entry`,
        written: attributeOf(entry, "entry"),
      })),
    ),
  ];
  // Entries a dynamic block creates from elements not known before apply could admit anyone: refused.
  for (const resource of resourcesOf(context, "alicloud_alb_acl"))
    if (writesDynamicBlock(resource.body, "acl_entries"))
      found.push(
        problemAt(
          resource,
          `${DYNAMIC}.acl_entries`,
          attributeOf(attributeOf(resource.body, DYNAMIC), "acl_entries") ?? null,
          "creates entries from a for_each not known before apply: nobody can tell whom the list admits; bind the values it iterates (tfvars, locals)",
        ),
      );
  for (const { resource, attribute, written } of entries) {
    if (written === undefined || written === null) continue;
    const value = read(context, written, context.stack, resource.instance);
    const text = value.known ? toText(value.value) : value;
    if (typeof text !== "string") {
      found.push(problemAt(resource, attribute, written, text.problem));
      continue;
    }
    const block = parseAddressBlock(text);
    if (block === undefined)
      found.push(
        problemAt(resource, attribute, written, `${describe(text)} is not an address or CIDR block`),
      );
    else if (admitsEveryone(block))
      found.push(problemAt(resource, attribute, written, `is ${describe(text)}: the list admits everyone`));
  }
  return found;
}
