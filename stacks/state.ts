import type { Construct } from "constructs";
import { OtsInstance } from "../.gen/providers/alicloud/ots-instance";
import { OtsInstanceAttachment } from "../.gen/providers/alicloud/ots-instance-attachment";
import { OtsTable } from "../.gen/providers/alicloud/ots-table";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { stateLockInstanceName } from "./config";
import type { NetworkConfig, PlatformConfig } from "./config";
import { DrReplication } from "./dr-replication";
import { PlatformStack, resourceName, STATE_LOCK_TABLE, stateBucketName } from "./platform-stack";
import { ResidentBucket } from "./resident-bucket";
import { ResidentKey } from "./resident-key";
import { ResidentKmsInstance } from "./resident-kms-instance";
import { ResidentNetwork } from "./resident-network";

/** The stack ID of the state bootstrap. */
export const STATE_STACK_ID = "state";

/**
 * The bootstrap of the OSS backend: the state bucket and the Tablestore lock table in the state region,
 * and an in-country DR copy of the bucket. Always with local state (it cannot keep its state in what it
 * creates), deployed first, and depending on no other stack.
 *
 * State is data, so each bucket is encrypted with a CMK of its own. A rotating CMK must live in a KMS
 * instance, and an instance needs a VPC; the data centers' VPCs and instances belong to stacks whose state
 * is kept in this bucket. So the bootstrap brings its own: in each of its two regions a small VPC without
 * egress, a KMS instance in it, and the state key.
 */
export class StateStack extends PlatformStack {
  constructor(scope: Construct, config: PlatformConfig) {
    const { state } = config;
    super(scope, STATE_STACK_ID, {
      config,
      region: state.region,
      drRegion: state.dr.region,
      dataClass: "operational-logs",
      alwaysLocalState: true,
    });
    const dr = this.addDrProvider();
    const home = this.stateBucketIn("state", state, stateBucketName(config));
    const copy = this.stateBucketIn("dr-state", state.dr, resourceName(config, "dr", "terraform-state"), dr);
    new DrReplication(this, "dr-replication", {
      roleName: resourceName(config, "state-replication"),
      pairs: [
        { id: "state", source: home.bucket, sourceKey: home.key, replica: copy.bucket, replicaKey: copy.key },
      ],
    });

    const instance = new OtsInstance(this, "lock-instance", {
      name: stateLockInstanceName(config),
      description: "Terraform state locks",
      instanceType: "HighPerformance",
      // Reachable from its bound VPC only (and the console's trusted proxy), never from the internet:
      // `network_type_acl` replaces `accessed_by`, deprecated since provider 1.221.0.
      networkTypeAcl: ["VPC"],
      networkSourceAcl: ["TRUST_PROXY"],
    });
    new OtsInstanceAttachment(this, "lock-instance-vpc", {
      instanceName: instance.name,
      // The binding's name inside the instance (letters and digits), not the VPC's.
      vpcName: "statevpc",
      vswitchId: home.network.vswitchIds[0],
    });
    new OtsTable(this, "lock-table", {
      instanceName: instance.name,
      tableName: STATE_LOCK_TABLE,
      primaryKey: [{ name: "LockID", type: "String" }],
      timeToLive: -1,
      maxVersion: 1,
      enableSse: true,
      // The Tablestore service key: the table holds lock records, never state, and a CMK (BYOK) would
      // need a RAM role for Tablestore that cannot be verified offline.
      sseKeyType: "SSE_KMS_SERVICE",
    });
  }

  /** A state bucket in one of the two regions, with its network, KMS instance and key (`<label>-…`). */
  private stateBucketIn(
    label: string,
    networkConfig: NetworkConfig,
    bucketName: string,
    provider?: AlicloudProvider,
  ) {
    const network = new ResidentNetwork(this, `${label}-network`, {
      provider,
      namePrefix: resourceName(this.config, label),
      network: networkConfig,
    });
    const instance = new ResidentKmsInstance(this, `${label}-kms-instance`, { network, provider });
    const key = new ResidentKey(this, `${label}-key`, {
      provider,
      kmsInstanceId: instance.id,
      aliasName: bucketName,
      description: `Terraform state of ${this.config.environment}, ${network.region}`,
      dataClass: "operational-logs",
    });
    const bucket = new ResidentBucket(this, `${label}-bucket`, {
      provider,
      bucketName,
      dataClass: "operational-logs",
      // Its access logs go into itself (no logBucket): no data center's access-log bucket exists yet.
      kmsKeyId: key.keyId,
      // State objects, like the locks, only from the state VPC (README, Deploying) and the replication role.
      sourceVpcId: network.vpcId,
    });
    return { network, key, bucket };
  }
}
