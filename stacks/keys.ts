import type { Construct } from "constructs";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataCenterConfig, DataClass } from "./config";
import { DATA_CLASSES } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { NetworkStack } from "./network";
import { ResidentKey } from "./resident-key";
import { ResidentKmsInstance } from "./resident-kms-instance";

/** Data classes whose buckets are replicated to the DR region. */
export type ReplicatedDataClass = Exclude<DataClass, "operational-logs">;
export const REPLICATED_DATA_CLASSES: readonly ReplicatedDataClass[] = [
  "personal-information",
  "important-data",
];

type Where = "home" | "dr";

/**
 * KMS keys: one per data class in the home region and in the DR region (keys are region-scoped, so the
 * replicas and the DR logs are encrypted where they are), each region's keys in a KMS instance of its own
 * (KMS 3.0 keeps customer-managed keys in an instance, reachable from the region's data-center VPC).
 */
export class KeysStack extends DataCenterStack {
  readonly homeKeys: Record<DataClass, ResidentKey>;
  readonly drKeys: Record<DataClass, ResidentKey>;

  constructor(scope: Construct, id: string, config: DataCenterConfig, network: NetworkStack) {
    super(scope, id, config);
    const dr = this.addDrProvider();
    const homeInstance = new ResidentKmsInstance(this, "home-kms-instance", { network: network.home });
    const drInstance = new ResidentKmsInstance(this, "dr-kms-instance", {
      network: network.dr,
      provider: dr,
    });
    this.homeKeys = this.keysIn("home", homeInstance);
    this.drKeys = this.keysIn("dr", drInstance, dr);
  }

  private keysIn(
    where: Where,
    instance: ResidentKmsInstance,
    provider?: AlicloudProvider,
  ): Record<DataClass, ResidentKey> {
    const region = where === "home" ? this.config.homeRegion : this.config.drRegion;
    return Object.fromEntries(
      DATA_CLASSES.map((dataClass) => [
        dataClass,
        new ResidentKey(this, `${where}-${dataClass}`, {
          kmsInstanceId: instance.id,
          aliasName: resourceName(this.config, where, dataClass),
          description: `${dataClass} data of ${this.config.environment}, ${region}`,
          tags: this.tagsFor(dataClass),
          provider,
        }),
      ]),
    ) as Record<DataClass, ResidentKey>;
  }
}
