import type { Construct } from "constructs";
import type { DataCenterConfig, DataClass } from "./config";
import { DATA_CLASSES } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import { ResidentKey } from "./resident-key";

/** Data classes whose buckets are replicated to the DR region, so they need a key there too. */
export type ReplicatedDataClass = Exclude<DataClass, "operational-logs">;
export const REPLICATED_DATA_CLASSES: readonly ReplicatedDataClass[] = [
  "personal-information",
  "important-data",
];

/**
 * KMS keys: one per data class in the home region, and one per replicated class in the DR region
 * (keys are region-scoped, so replicas are encrypted with a key where they are).
 */
export class KeysStack extends DataCenterStack {
  readonly homeKeys: Record<DataClass, ResidentKey>;
  readonly drKeys: Record<ReplicatedDataClass, ResidentKey>;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id, config);
    const dr = this.addDrProvider();
    const keyFor = (dataClass: DataClass, where: "home" | "dr"): ResidentKey =>
      new ResidentKey(this, `${where}-${dataClass}`, {
        aliasName: resourceName(config, where, dataClass),
        description: `${dataClass} data of ${config.environment}, ${where === "home" ? config.homeRegion : config.drRegion}`,
        tags: this.tagsFor(dataClass),
        provider: where === "dr" ? dr : undefined,
      });
    this.homeKeys = Object.fromEntries(DATA_CLASSES.map((each) => [each, keyFor(each, "home")])) as Record<
      DataClass,
      ResidentKey
    >;
    this.drKeys = Object.fromEntries(
      REPLICATED_DATA_CLASSES.map((each) => [each, keyFor(each, "dr")]),
    ) as Record<ReplicatedDataClass, ResidentKey>;
  }
}
