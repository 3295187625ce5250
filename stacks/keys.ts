import type { Construct } from "constructs";
import { KmsInstance } from "../.gen/providers/alicloud/kms-instance";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataCenterConfig, DataClass, ZoneConfig } from "./config";
import { DATA_CLASSES } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { NetworkStack } from "./network";
import type { ResidentNetwork } from "./resident-network";
import { ResidentKey } from "./resident-key";

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
    this.homeKeys = this.keysIn("home", this.instanceIn("home", network.home, config.zones));
    this.drKeys = this.keysIn("dr", this.instanceIn("dr", network.dr, config.drZones, dr), dr);
  }

  /** A software KMS instance (pay-as-you-go) in the network's VPC and zones; never deleted without a backup. */
  private instanceIn(
    where: Where,
    network: ResidentNetwork,
    zones: readonly ZoneConfig[],
    provider?: AlicloudProvider,
  ): KmsInstance {
    return new KmsInstance(this, `${where}-kms-instance`, {
      provider,
      productVersion: "3",
      paymentType: "PayAsYouGo",
      vpcId: network.vpc.id,
      vswitchIds: network.vswitches.map((vswitch) => vswitch.id),
      zoneIds: zones.map((zone) => zone.zoneId),
      forceDeleteWithoutBackup: "false",
    });
  }

  private keysIn(
    where: Where,
    instance: KmsInstance,
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
