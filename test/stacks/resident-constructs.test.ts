import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ResidentBucket } from "../../stacks/resident-bucket";
import type { ResidentBucketProps } from "../../stacks/resident-bucket";
import { ResidentKey } from "../../stacks/resident-key";
import type { ResidentKeyProps } from "../../stacks/resident-key";
import { ResidentKmsInstance } from "../../stacks/resident-kms-instance";
import { ResidentNetwork } from "../../stacks/resident-network";
import type { ResidentNetworkProps } from "../../stacks/resident-network";
import type { Block } from "./synth";

/** Synthesizes what `build` adds to a stack whose default provider is in cn-shanghai. */
function synth(build: (scope: Construct) => void): Block {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new AlicloudProvider(scope, "alicloud", { region: "cn-shanghai" });
      build(scope);
    }),
  );
}

function only(stack: Block, type: string): Block {
  const all = Object.values((stack.resource?.[type] ?? {}) as Record<string, Block>);
  expect(all).toHaveLength(1);
  return all[0];
}

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

const KEY: ResidentKeyProps = {
  kmsInstanceId: "kst-shh-example",
  aliasName: "acme-prod-shanghai-home-personal-information",
  description: "personal information",
  dataClass: "personal-information",
};

describe("ResidentKey", () => {
  it("rotates yearly, is protected from deletion, waits 30 days, and has its alias", () => {
    let key: ResidentKey | undefined;
    const stack = synth((scope) => (key = new ResidentKey(scope, "key", KEY)));
    expect(only(stack, "alicloud_kms_key")).toMatchObject({
      dkms_instance_id: "kst-shh-example",
      automatic_rotation: "Enabled",
      rotation_interval: "31536000s",
      deletion_protection: "Enabled",
      pending_window_in_days: 30,
    });
    expect(only(stack, "alicloud_kms_alias").alias_name).toBe(
      "alias/acme-prod-shanghai-home-personal-information",
    );
    for (const accessor of [key?.keyId, key?.keyArn, key?.aliasName]) expect(accessor).toMatch(/TOKEN/);
  });

  it.each([
    [{ kmsInstanceId: "" }, "kmsInstanceId is required: only a key in a KMS instance rotates"],
    [{ pendingWindowInDays: 3 }, "pendingWindowInDays 3 must be a whole number of days from 7 to 366"],
    [{ rotationInterval: "365d" }, 'rotationInterval "365d" must be <seconds>s between 604800s'],
    [{ rotationInterval: "86400s" }, 'rotationInterval "86400s" must be <seconds>s'],
    [{ aliasName: "acs/system" }, 'aliasName "acs/system" must be 1-200 letters'],
  ])("refuses %j", (change, message) => {
    expect(() => synth((scope) => new ResidentKey(scope, "key", { ...KEY, ...change }))).toThrow(
      `ResidentKey stack/key: ${message}`,
    );
  });
});

const BUCKET: ResidentBucketProps = {
  bucketName: "acme-prod-shanghai-personal-information",
  dataClass: "personal-information",
  kmsKeyId: "key-shh-example",
  logBucket: "acme-prod-shanghai-access-logs",
  sourceVpcId: "vpc-example",
};

describe("ResidentBucket", () => {
  it("is private (through alicloud_oss_bucket_acl), blocks public access, SSE-KMS with the CMK, versioned, logged, HTTPS only", () => {
    let bucket: ResidentBucket | undefined;
    const stack = synth((scope) => (bucket = new ResidentBucket(scope, "data", BUCKET)));
    const body = only(stack, "alicloud_oss_bucket");
    expect(body.acl).toBeUndefined();
    expect(body.server_side_encryption_rule).toEqual({
      sse_algorithm: "KMS",
      kms_master_key_id: "key-shh-example",
    });
    expect(body.versioning).toEqual({ status: "Enabled" });
    expect(body.logging).toEqual({
      target_bucket: "acme-prod-shanghai-access-logs",
      target_prefix: "acme-prod-shanghai-personal-information/",
    });
    expect(JSON.parse(body.policy).Statement).toEqual([
      {
        Effect: "Deny",
        Action: ["oss:*"],
        Principal: ["*"],
        Resource: [
          "acs:oss:*:*:acme-prod-shanghai-personal-information",
          "acs:oss:*:*:acme-prod-shanghai-personal-information/*",
        ],
        Condition: { Bool: { "acs:SecureTransport": ["false"] } },
      },
      {
        Effect: "Deny",
        Action: ["oss:*"],
        Principal: ["*"],
        Resource: ["acs:oss:*:*:acme-prod-shanghai-personal-information/*"],
        Condition: { StringNotEquals: { "acs:SourceVpc": ["vpc-example"] } },
      },
    ]);
    expect(only(stack, "alicloud_oss_bucket_acl")).toMatchObject({
      acl: "private",
      bucket: expect.stringMatching(/^\$\{alicloud_oss_bucket\.data_bucket_\w+\.bucket\}$/),
    });
    expect(only(stack, "alicloud_oss_bucket_public_access_block").block_public_access).toBe(true);
    expect(stack.resource.alicloud_oss_bucket_worm).toBeUndefined();
    expect(bucket?.bucketArn).toMatch(/^acs:oss:\*:\*:\$\{TfToken/);
    expect(bucket?.objectsArn).toMatch(/\/\*$/);
    expect(bucket?.bucketName).toMatch(/TOKEN/);
    expect(bucket?.location).toMatch(/TOKEN/);
  });

  it("lets the roles it exempts reach the objects from outside the VPC", () => {
    const stack = synth((scope) =>
      new ResidentBucket(scope, "data", BUCKET).exemptRole("acs:ram::1:role/replication"),
    );
    const [, outside] = JSON.parse(only(stack, "alicloud_oss_bucket").policy).Statement;
    expect(outside.Condition).toEqual({
      StringNotEquals: { "acs:SourceVpc": ["vpc-example"] },
      StringNotLike: { "acs:PrincipalARN": ["acs:ram::1:role/replication"] },
    });
  });

  it("logs into itself without a log bucket; an operational-logs bucket needs no VPC", () => {
    const stack = synth(
      (scope) =>
        new ResidentBucket(scope, "logs", {
          bucketName: "acme-prod-shanghai-access-logs",
          dataClass: "operational-logs",
          kmsKeyId: "key-shh-logs",
        }),
    );
    const body = only(stack, "alicloud_oss_bucket");
    expect(body.logging).toEqual({
      target_bucket: "acme-prod-shanghai-access-logs",
      target_prefix: "acme-prod-shanghai-access-logs/",
    });
    expect(JSON.parse(body.policy).Statement).toHaveLength(1);
  });

  it("locks objects (WORM) for the retention asked", () => {
    const stack = synth((scope) => new ResidentBucket(scope, "trail", { ...BUCKET, wormRetentionDays: 180 }));
    expect(only(stack, "alicloud_oss_bucket_worm")).toMatchObject({
      retention_period_in_days: 180,
      status: "Locked",
    });
  });

  it.each([
    [{ bucketName: "Acme_Bucket" }, 'bucketName "Acme_Bucket" must be 3-63 lower-case letters'],
    [{ bucketName: "a".repeat(64) }, "must be 3-63 lower-case letters"],
    [{ kmsKeyId: "" }, "kmsKeyId is required: every bucket is encrypted with a CMK of its data class"],
    [
      { sourceVpcId: undefined },
      "sourceVpcId is required for personal-information: only the data center's VPC",
    ],
    [{ wormRetentionDays: 0 }, "wormRetentionDays 0 must be a whole number of days from 1 to 25550"],
    [{ noncurrentVersionDays: 1.5 }, "noncurrentVersionDays 1.5 must be a whole number of days"],
  ])("refuses %j", (change, message) => {
    expect(() => synth((scope) => new ResidentBucket(scope, "data", { ...BUCKET, ...change }))).toThrow(
      message,
    );
  });
});
