import { Construct } from "constructs";
import { KmsInstance } from "../.gen/providers/alicloud/kms-instance";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { invalidProp, providerRegion } from "./construct-checks";
import type { ResidentNetwork } from "./resident-network";

export interface ResidentKmsInstanceProps {
  /** The VPC, vSwitches and zones the instance is reachable in; it lives in that network's region. */
  readonly network: ResidentNetwork;
  /** The provider (region) of the network; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
}

/**
 * A KMS 3.0 instance for customer-managed keys (only keys in an instance rotate automatically):
 * pay-as-you-go (so no key, secret or VPC quota to size up front), in the network's VPC and its
 * vSwitches' zones, and never deleted without a backup.
 */
export class ResidentKmsInstance extends Construct {
  private readonly instance: KmsInstance;

  constructor(scope: Construct, id: string, { network, provider }: ResidentKmsInstanceProps) {
    super(scope, id);
    const region = providerRegion(this, provider);
    if (region !== network.region) {
      invalidProp(
        this,
        "ResidentKmsInstance",
        "provider",
        `is in ${region}, the network in ${network.region}: give the network's provider`,
      );
    }
    this.instance = new KmsInstance(this, "instance", {
      provider,
      // The edition the provider's examples create (it accepts "3" and "5"); see README, Deploying.
      productVersion: "3",
      paymentType: "PayAsYouGo",
      vpcId: network.vpcId,
      vswitchIds: network.vswitchIds,
      zoneIds: [...network.zoneIds],
      forceDeleteWithoutBackup: "false",
    });
  }

  get id(): string {
    return this.instance.id;
  }
}
