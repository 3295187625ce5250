import type { Observation, RuleContext } from "../../engine/rule";
import { attributeOf, problemAt, read, resourcesOf, toText } from "./read";
import { checkSetting, oneOf } from "./setting";

/** Engines whose RDS instances offer transparent data encryption. */
const TDE_ENGINES: ReadonlySet<string> = new Set(["MySQL", "SQLServer"]);
const TDE_TYPES = ["alicloud_db_instance"];
const TDE_PATH = ["tde_status"];
const ENABLED = oneOf("Enabled");

/** A MySQL or SQL Server RDS instance encrypts its data at rest with TDE (`tde_status = "Enabled"`). */
export function rdsTde(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context.stack, "alicloud_db_instance")) {
    const written = attributeOf(resource.body, "engine");
    const engine = read(context, written, context.stack);
    const text = engine.known ? toText(engine.value) : engine;
    if (typeof text !== "string") found.push(problemAt(resource, "engine", written, text.problem));
    else if (TDE_ENGINES.has(text)) {
      checkSetting(
        context,
        resource,
        {
          types: TDE_TYPES,
          path: TDE_PATH,
          check: ENABLED,
          missing: `is not set: ${text} data is stored without transparent data encryption`,
        },
        found,
      );
    }
  }
  return found;
}
