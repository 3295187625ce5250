import type { Observation, RuleContext } from "../../engine/rule";
import { DATA_CLASS_TAG, DATA_CLASSES, DATA_STORE_TYPES, dataClassOf } from "./data-class";
import { attributeOf, problemAt, resourcesOf } from "./read";

/** Every data store carries a known data class (its own `data-class` tag, or its parent's). */
export function dataClassTag(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context.stack, ...DATA_STORE_TYPES)) {
    const dataClass = dataClassOf(context, resource, context.stack);
    const tags = attributeOf(resource.body, "tags") ?? null;
    const attribute = `tags.${DATA_CLASS_TAG}`;
    if ("problem" in dataClass)
      found.push(problemAt(resource, attribute, tags, `cannot be read: ${dataClass.problem}`));
    else if (dataClass.dataClass === undefined)
      found.push(
        problemAt(resource, attribute, tags, "is not set: no rule can tell what data the resource holds"),
      );
    else if (!DATA_CLASSES.has(dataClass.dataClass))
      found.push(
        problemAt(
          resource,
          attribute,
          tags,
          `is ${JSON.stringify(dataClass.dataClass)}, not one of ${[...DATA_CLASSES].join(", ")}`,
        ),
      );
  }
  return found;
}
