import { Construct } from "constructs";
import { EipAddress } from "../.gen/providers/alicloud/eip-address";
import { EipAssociation } from "../.gen/providers/alicloud/eip-association";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { LogStore } from "../.gen/providers/alicloud/log-store";
import { NatGateway } from "../.gen/providers/alicloud/nat-gateway";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { SecurityGroup } from "../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../.gen/providers/alicloud/security-group-rule";
import { SnatEntry } from "../.gen/providers/alicloud/snat-entry";
import { Vpc } from "../.gen/providers/alicloud/vpc";
import { VpcFlowLog } from "../.gen/providers/alicloud/vpc-flow-log";
import { Vswitch } from "../.gen/providers/alicloud/vswitch";
import type { ZoneConfig } from "./config";

export interface ResidentNetworkProps {
  /** Prefix of every name in the network, e.g. `sh-dc-prod` or `sh-dc-prod-dr`. */
  readonly namePrefix: string;
  readonly vpcCidr: string;
  /** A vSwitch per zone (validated by `validateConfig`: at least two, in the provider's region). */
  readonly zones: readonly ZoneConfig[];
  readonly tags: Record<string, string>;
  /** The provider (region) of the network; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
  /** `nat`: egress to the internet only through a NAT gateway with SNAT; `none` (default): no way out. */
  readonly egress?: "nat" | "none";
  /** Days the flow logs are kept; 180 by default. */
  readonly flowLogRetentionDays?: number;
}

/** A rule the security group allows; everything else is denied. */
interface AllowRule {
  readonly id: string;
  readonly type: "ingress" | "egress";
  readonly portRange: string;
  readonly cidrIp: string;
  readonly description: string;
}

/**
 * A VPC that keeps its traffic in its region and on the record: a vSwitch per zone, a deny-by-default
 * security group with explicit rules, no egress unless asked for (then only through NAT with SNAT), and
 * flow logs into an SLS project in the same region, encrypted at rest.
 */
export class ResidentNetwork extends Construct {
  readonly vpc: Vpc;
  readonly vswitches: Vswitch[];
  /** The zone of each vSwitch, in the same order. */
  readonly zoneIds: string[];
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ResidentNetworkProps) {
    super(scope, id);
    const { provider, tags, namePrefix } = props;
    const egress = props.egress ?? "none";
    this.vpc = new Vpc(this, "vpc", {
      provider,
      vpcName: `${namePrefix}-vpc`,
      cidrBlock: props.vpcCidr,
      tags,
    });
    this.zoneIds = props.zones.map((zone) => zone.zoneId);
    this.vswitches = props.zones.map(
      (zone) =>
        new Vswitch(this, `vswitch-${zone.zoneId}`, {
          provider,
          vswitchName: `${namePrefix}-${zone.zoneId}`,
          vpcId: this.vpc.id,
          zoneId: zone.zoneId,
          cidrBlock: zone.cidr,
          tags,
        }),
    );

    // An enterprise security group with `Drop`: instances in it reach nothing the rules do not allow.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      provider,
      securityGroupName: `${namePrefix}-default-deny`,
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
        cidrIp: props.vpcCidr,
        description: "HTTPS from inside the VPC",
      },
      ...(egress === "nat"
        ? [
            {
              id: "https-out",
              type: "egress" as const,
              portRange: "443/443",
              cidrIp: "0.0.0.0/0",
              description: "HTTPS out, through the NAT gateway",
            },
          ]
        : []),
    ];
    for (const rule of rules) {
      new SecurityGroupRule(this, `rule-${rule.id}`, {
        provider,
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
    if (egress === "nat") this.addNatEgress(props);

    const project = new LogProject(this, "flow-log-project", {
      provider,
      projectName: `${namePrefix}-vpc-flow-logs`,
      description: "VPC flow logs, kept in the VPC's region.",
      tags,
    });
    const store = new LogStore(this, "flow-log-store", {
      provider,
      projectName: project.projectName,
      logstoreName: "vpc-flow-logs",
      retentionPeriod: props.flowLogRetentionDays ?? 180,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
      // At rest with the SLS service key: a CMK would come from the keys stack, which needs this VPC first.
      encryptConf: { enable: true, encryptType: "default" },
    });
    new VpcFlowLog(this, "flow-log", {
      provider,
      flowLogName: `${namePrefix}-vpc`,
      resourceType: "VPC",
      resourceId: this.vpc.id,
      trafficType: "All",
      projectName: project.projectName,
      logStoreName: store.logstoreName,
      tags,
    });
  }

  /** A NAT gateway with an EIP and an SNAT entry per vSwitch: the only way out of the VPC. */
  private addNatEgress({ provider, tags, namePrefix, zones }: ResidentNetworkProps): void {
    const nat = new NatGateway(this, "nat", {
      provider,
      natGatewayName: `${namePrefix}-nat`,
      vpcId: this.vpc.id,
      vswitchId: this.vswitches[0].id,
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      deletionProtection: true,
      tags,
    });
    const eip = new EipAddress(this, "nat-eip", {
      provider,
      addressName: `${namePrefix}-nat-eip`,
      internetChargeType: "PayByTraffic",
      paymentType: "PayAsYouGo",
      isp: "BGP",
      deletionProtection: true,
      tags,
    });
    new EipAssociation(this, "nat-eip-association", {
      provider,
      allocationId: eip.id,
      instanceId: nat.id,
      instanceType: "Nat",
    });
    this.vswitches.forEach(
      (vswitch, index) =>
        new SnatEntry(this, `snat-${zones[index].zoneId}`, {
          provider,
          snatTableId: nat.snatTableIds,
          sourceVswitchId: vswitch.id,
          snatIp: eip.ipAddress,
          snatEntryName: `${namePrefix}-snat-${zones[index].zoneId}`,
        }),
    );
  }
}
