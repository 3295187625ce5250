import type { Construct } from "constructs";
import type { DataCenterConfig, PlatformConfig } from "./config";
import { PlatformStack, resourceName } from "./platform-stack";
import { ResidentNetwork } from "./resident-network";

/**
 * The networks of a data center: the home VPC, whose only egress is a NAT gateway, and a VPC in the DR
 * region without egress, which hosts the DR region's KMS instance. Both log their flows in-region.
 */
export class NetworkStack extends PlatformStack {
  readonly home: ResidentNetwork;
  readonly dr: ResidentNetwork;

  constructor(scope: Construct, id: string, config: PlatformConfig, dataCenter: DataCenterConfig) {
    super(scope, id, {
      config,
      region: dataCenter.region,
      drRegion: dataCenter.dr.region,
      dataClass: "operational-logs",
    });
    this.home = new ResidentNetwork(this, "home-network", {
      namePrefix: resourceName(config, dataCenter.name),
      network: dataCenter,
      egress: "nat",
    });
    this.dr = new ResidentNetwork(this, "dr-network", {
      provider: this.addDrProvider(),
      namePrefix: resourceName(config, dataCenter.name, "dr"),
      network: dataCenter.dr,
    });
  }
}
