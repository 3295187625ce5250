import type { Observation, RuleContext } from "../../engine/rule";
import { DATA_CLASS_TAG, DATA_CLASSES, DATA_STORE_TYPES, dataClassOf } from "./data-class";
import { attributeOf, problemAt, resourcesOf } from "./read";

const TAG_ATTRIBUTE = `tags.${DATA_CLASS_TAG}`;

/** Every data store carries a known data class (its own `data-class` tag, or its parent's). */
export function dataClassTag(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context, ...DATA_STORE_TYPES)) {
    const dataClass = dataClassOf(context, resource, context.stack);
    if (
      "dataClass" in dataClass &&
      dataClass.dataClass !== undefined &&
      DATA_CLASSES.has(dataClass.dataClass)
    )
      continue;
    const tags = attributeOf(resource.body, "tags") ?? null;
    if ("problem" in dataClass)
      found.push(problemAt(resource, TAG_ATTRIBUTE, tags, `cannot be read: ${dataClass.problem}`));
    else if (dataClass.dataClass === undefined)
      found.push(
        problemAt(resource, TAG_ATTRIBUTE, tags, "is not set: no rule can tell what data the resource holds"),
      );
    else
      found.push(
        problemAt(
          resource,
          TAG_ATTRIBUTE,
          tags,
          `is ${JSON.stringify(dataClass.dataClass)}, not one of ${[...DATA_CLASSES].join(", ")}`,
        ),
      );
  }
  return found;
}
