import type { Observation, Rule } from "../../engine/rule";
import { readAllowList } from "./allow-list";
import { admitsEveryone, type AddressBlock } from "./network";
import { problemAt, resourcesOf } from "./read";

/** The first entry that admits everyone. */
function openEntryOf<Entry extends { readonly block: AddressBlock }>(
  entries: readonly Entry[],
): Entry | undefined {
  for (const entry of entries) if (admitsEveryone(entry.block)) return entry;
  return undefined;
}

/** A rule that refuses an allow-list attribute admitting everyone (`0.0.0.0/0`, `0.0.0.0`, `::/0`). */
export function openAllowList(type: string, attribute: string): Rule {
  return (context) => {
    const found: Observation[] = [];
    for (const resource of resourcesOf(context, type)) {
      const list = readAllowList(context, resource, attribute);
      if (list === undefined) continue;
      if ("problem" in list) {
        found.push(list.problem);
        continue;
      }
      const open = openEntryOf(list.entries);
      if (open !== undefined) {
        found.push(
          problemAt(
            resource,
            attribute,
            resource.body[attribute],
            `admits ${JSON.stringify(open.text)}: anyone on the internet may connect`,
          ),
        );
      }
    }
    return found;
  };
}
