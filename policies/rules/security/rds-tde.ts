import type { Observation, RuleContext } from "../../engine/rule";
import { attributeOf, problemAt, read, resourcesOf, toText } from "./read";
import { checkSetting, oneOf, type Setting } from "./setting";

/** The TDE setting of each engine whose RDS instances offer transparent data encryption: one per engine, not per instance. */
const TDE_SETTINGS: ReadonlyMap<string, Setting> = new Map(
  ["MySQL", "SQLServer"].map((engine) => [
    engine,
    {
      types: ["alicloud_db_instance"],
      path: ["tde_status"],
      check: oneOf("Enabled"),
      missing: `is not set: ${engine} data is stored without transparent data encryption`,
    },
  ]),
);

/** A MySQL or SQL Server RDS instance encrypts its data at rest with TDE (`tde_status = "Enabled"`). */
export function rdsTde(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context, "alicloud_db_instance")) {
    const written = attributeOf(resource.body, "engine");
    const engine = read(context, written, context.stack, resource.instance);
    const text = engine.known ? toText(engine.value) : engine;
    if (typeof text !== "string") {
      found.push(problemAt(resource, "engine", written, text.problem));
      continue;
    }
    const setting = TDE_SETTINGS.get(text);
    if (setting !== undefined) checkSetting(context, resource, setting, found);
  }
  return found;
}
