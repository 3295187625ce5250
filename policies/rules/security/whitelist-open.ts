import type { Observation, Rule } from "../../engine/rule";
import { readAllowList } from "./allow-list";
import { admitsEveryone } from "./network";
import { problemAt, resourcesOf } from "./read";

/** A rule that refuses an allow-list attribute admitting everyone (`0.0.0.0/0`, `0.0.0.0`, `::/0`). */
export function openAllowList(type: string, attribute: string): Rule {
  return (context) => {
    const found: Observation[] = [];
    for (const resource of resourcesOf(context.stack, type)) {
      const list = readAllowList(context, resource, attribute);
      if (list === undefined) continue;
      if ("problem" in list) {
        found.push(list.problem);
        continue;
      }
      const open = list.entries.find((entry) => admitsEveryone(entry.block));
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
