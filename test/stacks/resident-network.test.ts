import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ResidentKmsInstance } from "../../stacks/resident-kms-instance";
import { ResidentNetwork } from "../../stacks/resident-network";
import type { ResidentNetworkProps } from "../../stacks/resident-network";
import type { Block } from "./synth";
import { only, synth } from "./synth-scope";

const NETWORK: ResidentNetworkProps = {
  namePrefix: "acme-prod-shanghai",
  network: {
    vpcCidr: "10.20.0.0/16",
    zones: [
      { zone: "cn-shanghai-e", cidr: "10.20.0.0/20" },
      { zone: "cn-shanghai-f", cidr: "10.20.16.0/20" },
    ],
  },
};

describe("ResidentNetwork", () => {
  it("builds a VPC, a vSwitch per zone and a deny-by-default group, with no way out by default", () => {
    let network: ResidentNetwork | undefined;
    const stack = synth((scope) => (network = new ResidentNetwork(scope, "net", NETWORK)));
    expect(only(stack, "alicloud_vpc").cidr_block).toBe("10.20.0.0/16");
    expect(
      Object.values(stack.resource.alicloud_vswitch as Record<string, Block>).map((each) => each.zone_id),
    ).toEqual(["cn-shanghai-e", "cn-shanghai-f"]);
    expect(only(stack, "alicloud_security_group")).toMatchObject({ inner_access_policy: "Drop" });
    expect(stack.resource.alicloud_nat_gateway).toBeUndefined();
    expect(network?.region).toBe("cn-shanghai");
    expect(network?.zoneIds).toEqual(["cn-shanghai-e", "cn-shanghai-f"]);
    expect(network?.vpcId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(network?.vswitchIds).toHaveLength(2);
  });

  it("leaves only through NAT with SNAT per vSwitch when asked", () => {
    const stack = synth((scope) => new ResidentNetwork(scope, "net", { ...NETWORK, egress: "nat" }));
    expect(only(stack, "alicloud_nat_gateway")).toMatchObject({
      nat_type: "Enhanced",
      network_type: "internet",
    });
    expect(Object.keys(stack.resource.alicloud_snat_entry)).toHaveLength(2);
  });

  it.each([
    [
      "a CIDR with host bits",
      { ...NETWORK.network, vpcCidr: "10.20.0.5/16" },
      'network.vpcCidr "10.20.0.5/16" has host bits set: write its network address, 10.20.0.0/16',
    ],
    [
      "a zone of another region",
      {
        ...NETWORK.network,
        zones: [NETWORK.network.zones[0], { zone: "cn-beijing-h", cidr: "10.20.16.0/20" }],
      },
      'network.zones[1].zone "cn-beijing-h" is not a zone of cn-shanghai',
    ],
    [
      "a zone twice",
      {
        ...NETWORK.network,
        zones: [NETWORK.network.zones[0], { zone: "cn-shanghai-e", cidr: "10.20.16.0/20" }],
      },
      'network.zones[1].zone "cn-shanghai-e" repeats zones[0].zone',
    ],
    [
      "a vSwitch outside the VPC",
      {
        ...NETWORK.network,
        zones: [NETWORK.network.zones[0], { zone: "cn-shanghai-f", cidr: "10.30.0.0/20" }],
      },
      'network.zones[1].cidr "10.30.0.0/20" is not inside vpcCidr "10.20.0.0/16"',
    ],
  ])("refuses %s, naming the construct and the prop", (_, network, message) => {
    expect(() => synth((scope) => new ResidentNetwork(scope, "net", { ...NETWORK, network }))).toThrow(
      `ResidentNetwork stack/net: ${message}`,
    );
  });

  it("checks zones against its provider's region, the DR alias included", () => {
    expect(() =>
      synth((scope) => {
        const dr = new AlicloudProvider(scope, "dr", { alias: "dr", region: "cn-beijing" });
        new ResidentNetwork(scope, "net", { ...NETWORK, provider: dr });
      }),
    ).toThrow(/zones\[0\]\.zone "cn-shanghai-e" is not a zone of cn-beijing/);
  });

  it("refuses a retention outside 1-3650 days", () => {
    expect(() =>
      synth((scope) => new ResidentNetwork(scope, "net", { ...NETWORK, flowLogRetentionDays: 0 })),
    ).toThrow(
      "ResidentNetwork stack/net: flowLogRetentionDays 0 must be a whole number of days from 1 to 3650",
    );
  });
});

describe("ResidentKmsInstance", () => {
  it("lives in the network's VPC, vSwitches and zones, and refuses a provider of another region", () => {
    const stack = synth((scope) => {
      const network = new ResidentNetwork(scope, "net", NETWORK);
      new ResidentKmsInstance(scope, "kms", { network });
    });
    expect(only(stack, "alicloud_kms_instance")).toMatchObject({
      zone_ids: ["cn-shanghai-e", "cn-shanghai-f"],
      vpc_id: expect.stringMatching(/^\$\{alicloud_vpc\.net_vpc_\w+\.id\}$/),
    });
    expect(() =>
      synth((scope) => {
        const network = new ResidentNetwork(scope, "net", NETWORK);
        const dr = new AlicloudProvider(scope, "dr", { alias: "dr", region: "cn-beijing" });
        new ResidentKmsInstance(scope, "kms", { network, provider: dr });
      }),
    ).toThrow("ResidentKmsInstance stack/kms: provider is in cn-beijing, the network in cn-shanghai");
  });
});
