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
import { checkNetwork, FieldError } from "./addressing";
import type { NetworkConfig } from "./config";
import { invalidProp, providerRegion } from "./construct-checks";

export interface ResidentNetworkProps {
  /** Prefix of every name in the network, e.g. `sh-dc-prod` or `sh-dc-prod-dr`. */
  readonly namePrefix: string;
  /** The VPC and a vSwitch per zone: at least two distinct zones of the provider's region, CIDRs inside the VPC. */
  readonly network: NetworkConfig;
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
  /** The region of the VPC (its provider's). */
  readonly region: string;
  /** The VPC's CIDR block, as configured. */
  readonly vpcCidr: string;
  /** The zone of each vSwitch, in the order of `vswitchIds`. */
  readonly zoneIds: readonly string[];
  private readonly vpc: Vpc;
  private readonly vswitches: Vswitch[];
  private readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ResidentNetworkProps) {
    super(scope, id);
    this.region = providerRegion(this, props.provider);
    ResidentNetwork.validate(this, this.region, props);
    const { provider, namePrefix, network } = props;
    const egress = props.egress ?? "none";
    this.vpcCidr = network.vpcCidr;
    this.zoneIds = network.zones.map(({ zone }) => zone);
    this.vpc = new Vpc(this, "vpc", {
      provider,
      vpcName: `${namePrefix}-vpc`,
      cidrBlock: network.vpcCidr,
    });
    this.vswitches = network.zones.map(
      ({ zone, cidr }) =>
        new Vswitch(this, `vswitch-${zone}`, {
          provider,
          vswitchName: `${namePrefix}-${zone}`,
          vpcId: this.vpc.id,
          zoneId: zone,
          cidrBlock: cidr,
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
    });
    const rules: AllowRule[] = [
      {
        id: "https-in-vpc",
        type: "ingress",
        portRange: "443/443",
        cidrIp: network.vpcCidr,
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
    });
  }

  /** Throws, naming the construct and the prop, unless the props describe a network that can be built. */
  private static validate(scope: Construct, region: string, props: ResidentNetworkProps): void {
    if (!/^[a-z][a-z0-9-]{1,80}[a-z0-9]$/.test(props.namePrefix)) {
      invalidProp(
        scope,
        "ResidentNetwork",
        "namePrefix",
        `"${props.namePrefix}" must be lower-case letters, digits and hyphens`,
      );
    }
    const days = props.flowLogRetentionDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
      invalidProp(
        scope,
        "ResidentNetwork",
        "flowLogRetentionDays",
        `${days} must be a whole number of days from 1 to 3650`,
      );
    }
    try {
      checkNetwork(region, props.network);
    } catch (error) {
      if (error instanceof FieldError)
        invalidProp(scope, "ResidentNetwork", `network.${error.field}`, error.problem);
      throw error;
    }
  }

  get vpcId(): string {
    return this.vpc.id;
  }

  /** The vSwitch IDs, one per zone, in the order of `zoneIds`. */
  get vswitchIds(): string[] {
    return this.vswitches.map((vswitch) => vswitch.id);
  }

  get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /** A NAT gateway with an EIP and an SNAT entry per vSwitch: the only way out of the VPC. */
  private addNatEgress({ provider, namePrefix, network }: ResidentNetworkProps): void {
    const nat = new NatGateway(this, "nat", {
      provider,
      natGatewayName: `${namePrefix}-nat`,
      vpcId: this.vpc.id,
      vswitchId: this.vswitches[0].id,
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      deletionProtection: true,
    });
    const eip = new EipAddress(this, "nat-eip", {
      provider,
      addressName: `${namePrefix}-nat-eip`,
      internetChargeType: "PayByTraffic",
      paymentType: "PayAsYouGo",
      isp: "BGP",
      deletionProtection: true,
    });
    new EipAssociation(this, "nat-eip-association", {
      provider,
      allocationId: eip.id,
      instanceId: nat.id,
      instanceType: "Nat",
    });
    this.vswitches.forEach(
      (vswitch, index) =>
        new SnatEntry(this, `snat-${network.zones[index].zone}`, {
          provider,
          snatTableId: nat.snatTableIds,
          sourceVswitchId: vswitch.id,
          snatIp: eip.ipAddress,
          snatEntryName: `${namePrefix}-snat-${network.zones[index].zone}`,
        }),
    );
  }
}
