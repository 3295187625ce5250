import type { Construct } from "constructs";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import { ResidentNetwork } from "./resident-network";

/**
 * The networks of the data center: the home VPC, whose only egress is a NAT gateway, and a VPC in the
 * DR region without egress, which hosts the DR region's KMS instance. Both log their flows in-region.
 */
export class NetworkStack extends DataCenterStack {
  readonly home: ResidentNetwork;
  readonly dr: ResidentNetwork;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id, config);
    const tags = this.tagsFor("operational-logs");
    this.home = new ResidentNetwork(this, "home-network", {
      namePrefix: resourceName(config),
      vpcCidr: config.vpcCidr,
      zones: config.zones,
      egress: "nat",
      tags,
    });
    this.dr = new ResidentNetwork(this, "dr-network", {
      provider: this.addDrProvider(),
      namePrefix: resourceName(config, "dr"),
      vpcCidr: config.drVpcCidr,
      zones: config.drZones,
      tags,
    });
  }
}
