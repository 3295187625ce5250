import type { Construct } from "constructs";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataCenterConfig, DataClass, PlatformConfig } from "./config";
import { DATA_CLASSES } from "./config";
import type { NetworkStack } from "./network";
import { PlatformStack, resourceName } from "./platform-stack";
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
 * KMS keys of a data center: one per data class in the home region and in the DR region (keys are
 * region-scoped, so the replicas and the DR logs are encrypted where they are), each region's keys in a
 * KMS instance of its own (KMS 3.0 keeps customer-managed keys in an instance, reachable from the region's
 * data-center VPC).
 */
export class KeysStack extends PlatformStack {
  readonly homeKeys: Record<DataClass, ResidentKey>;
  readonly drKeys: Record<DataClass, ResidentKey>;
  private readonly dataCenter: DataCenterConfig;

  constructor(
    scope: Construct,
    id: string,
    config: PlatformConfig,
    dataCenter: DataCenterConfig,
    network: NetworkStack,
  ) {
    super(scope, id, {
      config,
      region: dataCenter.region,
      drRegion: dataCenter.dr.region,
      dataClass: "operational-logs",
    });
    this.dataCenter = dataCenter;
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
    const region = where === "home" ? this.region : this.drRegion;
    return Object.fromEntries(
      DATA_CLASSES.map((dataClass) => [
        dataClass,
        new ResidentKey(this, `${where}-${dataClass}`, {
          kmsInstanceId: instance.id,
          aliasName: resourceName(this.config, this.dataCenter.name, where, dataClass),
          description: `${dataClass} data of ${this.dataCenter.name} (${this.config.environment}), ${region}`,
          dataClass,
          provider,
        }),
      ]),
    ) as Record<DataClass, ResidentKey>;
  }
}
