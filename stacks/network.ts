import type { Construct } from "constructs";
import { EipAddress } from "../.gen/providers/alicloud/eip-address";
import { EipAssociation } from "../.gen/providers/alicloud/eip-association";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { LogStore } from "../.gen/providers/alicloud/log-store";
import { NatGateway } from "../.gen/providers/alicloud/nat-gateway";
import { SecurityGroup } from "../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../.gen/providers/alicloud/security-group-rule";
import { SnatEntry } from "../.gen/providers/alicloud/snat-entry";
import { Vpc } from "../.gen/providers/alicloud/vpc";
import { VpcFlowLog } from "../.gen/providers/alicloud/vpc-flow-log";
import { Vswitch } from "../.gen/providers/alicloud/vswitch";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";

/** A rule the security group allows; everything else is denied. */
interface AllowRule {
  readonly id: string;
  readonly type: "ingress" | "egress";
  readonly portRange: string;
  readonly cidrIp: string;
  readonly description: string;
}

/**
 * The VPC: a vSwitch per zone, a deny-by-default security group, egress only through a NAT gateway
 * with SNAT, and flow logs into an SLS project in the home region.
 */
export class NetworkStack extends DataCenterStack {
  readonly vpc: Vpc;
  readonly vswitches: Vswitch[];
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id, config);
    const tags = this.tagsFor("operational-logs");
    this.vpc = new Vpc(this, "vpc", {
      vpcName: resourceName(config, "vpc"),
      cidrBlock: config.vpcCidr,
      tags,
    });
    this.vswitches = config.zones.map(
      (zone) =>
        new Vswitch(this, `vswitch-${zone.zoneId}`, {
          vswitchName: resourceName(config, zone.zoneId),
          vpcId: this.vpc.id,
          zoneId: zone.zoneId,
          cidrBlock: zone.cidr,
          tags,
        }),
    );

    // An enterprise security group with `Drop`: instances in it reach nothing the rules do not allow.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      securityGroupName: resourceName(config, "default-deny"),
      vpcId: this.vpc.id,
      securityGroupType: "enterprise",
      innerAccessPolicy: "Drop",
      description: "Deny by default; explicit rules only.",
      tags,
    });
    const rules: AllowRule[] = [
      {
        id: "https-in-vpc",
        type: "ingress",
        portRange: "443/443",
        cidrIp: config.vpcCidr,
        description: "HTTPS from inside the VPC",
      },
      {
        id: "https-out",
        type: "egress",
        portRange: "443/443",
        cidrIp: "0.0.0.0/0",
        description: "HTTPS out, through the NAT gateway",
      },
    ];
    for (const rule of rules) {
      new SecurityGroupRule(this, `rule-${rule.id}`, {
        securityGroupId: this.securityGroup.id,
        type: rule.type,
        ipProtocol: "tcp",
        nicType: "intranet",
        policy: "accept",
        portRange: rule.portRange,
        cidrIp: rule.cidrIp,
        priority: 1,
        description: rule.description,
      });
    }

    const nat = new NatGateway(this, "nat", {
      natGatewayName: resourceName(config, "nat"),
      vpcId: this.vpc.id,
      vswitchId: this.vswitches[0].id,
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      deletionProtection: true,
      tags,
    });
    const eip = new EipAddress(this, "nat-eip", {
      addressName: resourceName(config, "nat-eip"),
      internetChargeType: "PayByTraffic",
      paymentType: "PayAsYouGo",
      isp: "BGP",
      deletionProtection: true,
      tags,
    });
    new EipAssociation(this, "nat-eip-association", {
      allocationId: eip.id,
      instanceId: nat.id,
      instanceType: "Nat",
    });
    this.vswitches.forEach(
      (vswitch, index) =>
        new SnatEntry(this, `snat-${config.zones[index].zoneId}`, {
          snatTableId: nat.snatTableIds,
          sourceVswitchId: vswitch.id,
          snatIp: eip.ipAddress,
          snatEntryName: resourceName(config, "snat", config.zones[index].zoneId),
        }),
    );

    const project = new LogProject(this, "flow-log-project", {
      projectName: resourceName(config, "vpc-flow-logs"),
      description: "VPC flow logs of the data center, kept in the home region.",
      tags,
    });
    const store = new LogStore(this, "flow-log-store", {
      projectName: project.projectName,
      logstoreName: "vpc-flow-logs",
      retentionPeriod: 180,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
    });
    new VpcFlowLog(this, "flow-log", {
      flowLogName: resourceName(config, "vpc"),
      resourceType: "VPC",
      resourceId: this.vpc.id,
      trafficType: "All",
      projectName: project.projectName,
      logStoreName: store.logstoreName,
      tags,
    });
  }
}
