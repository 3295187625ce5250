import { innerMap } from "../../engine/maps";
import type { Observation, RuleContext } from "../../engine/rule";
import { parseAddressBlock, type AddressBlock } from "./network";
import { attributeOf, blocksOf, describe, problemAt, readDeep, toText, type CheckedResource } from "./read";

/** An allow-list's entries, parsed: each comma-separated item, as the service receives it. */
export type AllowList =
  | { readonly entries: readonly { readonly text: string; readonly block: AddressBlock }[] }
  | { readonly problem: Observation }
  | undefined;

/** Allow-lists already read, per check (its resolver), attribute and resource: two rules read each database's. */
const allowLists = new WeakMap<object, Map<string, Map<CheckedResource, AllowList>>>();

/** The addresses an allow-list attribute admits (undefined when it is not written), or the problem reading it. */
export function readAllowList(context: RuleContext, resource: CheckedResource, attribute: string): AllowList {
  const written = attributeOf(resource.body, attribute);
  if (written === undefined || written === null) return undefined;
  const byResource = innerMap(innerMap(allowLists, context.resolver), attribute);
  const known = byResource.get(resource);
  if (known !== undefined) return known;
  const list = parseAllowList(context, resource, attribute, written);
  byResource.set(resource, list);
  return list;
}

function parseAllowList(
  context: RuleContext,
  resource: CheckedResource,
  attribute: string,
  written: unknown,
): AllowList {
  const list = readDeep(context, written, context.stack, resource.instance);
  if (!list.known) return failed(resource, attribute, written, list.problem);
  const entries: { text: string; block: AddressBlock }[] = [];
  for (const item of blocksOf(list.value)) {
    const text = toText(item);
    if (typeof text !== "string") return failed(resource, attribute, written, text.problem);
    // Most items are one address: a list of the comma-separated entries only for those that hold several.
    for (let start = 0; start <= text.length;) {
      const comma = text.indexOf(",", start);
      const end = comma < 0 ? text.length : comma;
      const entry = start === 0 && end === text.length ? text : text.slice(start, end);
      const block = parseAddressBlock(entry);
      if (block === undefined)
        return failed(
          resource,
          attribute,
          written,
          `holds ${describe(entry)}, which is not an address or CIDR block`,
        );
      entries.push({ text: entry.trim(), block });
      start = end + 1;
    }
  }
  return { entries };
}

function failed(resource: CheckedResource, attribute: string, written: unknown, problem: string): AllowList {
  return { problem: problemAt(resource, attribute, written, problem) };
}
