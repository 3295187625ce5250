import type { Observation, Rule } from "../../engine/rule";
import { attributeOf, blocksOf, problemAt, read, readDeep, resourcesOf, toText } from "./read";

/**
 * A rule that requires an RDS logging parameter to be on (`parameters { name = NAME, value = "on" }`), or SQL
 * audit (`sql_collector_status = "Enabled"`), which records the same events for engines without the parameter.
 */
export function rdsLoggingParameter(name: string, records: string): Rule {
  return (context) => {
    const found: Observation[] = [];
    for (const resource of resourcesOf(context, "alicloud_db_instance")) {
      const audit = read(
        context,
        attributeOf(resource.body, "sql_collector_status"),
        context.stack,
        resource.instance,
      );
      if (audit.known && audit.value === "Enabled") continue;
      const written = attributeOf(resource.body, "parameters");
      const parameters = readDeep(context, written ?? [], context.stack, resource.instance);
      if (!parameters.known) {
        found.push(problemAt(resource, "parameters", written, parameters.problem));
        continue;
      }
      const on = blocksOf(parameters.value).some((parameter) => {
        const value = toText(attributeOf(parameter, "value"));
        return (
          attributeOf(parameter, "name") === name && typeof value === "string" && value.toLowerCase() === "on"
        );
      });
      if (!on) {
        found.push(
          problemAt(
            resource,
            "parameters",
            written ?? null,
            `do not turn ${name} on, nor is SQL audit enabled: ${records} are not recorded`,
          ),
        );
      }
    }
    return found;
  };
}
