import type { Construct } from "constructs";
import { OtsInstance } from "../.gen/providers/alicloud/ots-instance";
import { OtsTable } from "../.gen/providers/alicloud/ots-table";
import type { DataCenterConfig } from "./config";
import {
  DataCenterStack,
  resourceName,
  STATE_LOCK_TABLE,
  stateBucketName,
  stateLockInstanceName,
} from "./data-center-stack";
import { ResidentBucket } from "./resident-bucket";
import { ResidentKey } from "./resident-key";
import { ResidentKmsInstance } from "./resident-kms-instance";
import { ResidentNetwork } from "./resident-network";

/**
 * The bootstrap of the OSS backend: the state bucket and the Tablestore lock table, in the home region.
 * Deployed first, with local state (it cannot keep its state in what it creates).
 *
 * State is data, so the bucket is encrypted with a CMK of its own. A rotating CMK must live in a KMS
 * instance, and an instance needs a VPC; the home VPC and its instance belong to the network and keys
 * stacks, whose state is kept in this bucket. So the bootstrap brings its own: a small VPC without egress,
 * a KMS instance in it, and the state key. It depends on no other stack.
 */
export class StateStack extends DataCenterStack {
  readonly stateKey: ResidentKey;
  readonly stateBucket: ResidentBucket;
  readonly lockTable: OtsTable;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id, config);
    const tags = this.tagsFor("operational-logs");
    const network = new ResidentNetwork(this, "state-network", {
      namePrefix: resourceName(config, "state"),
      vpcCidr: config.stateVpcCidr,
      zones: config.stateZones,
      tags,
    });
    this.stateKey = new ResidentKey(this, "state-key", {
      kmsInstanceId: new ResidentKmsInstance(this, "state-kms-instance", { network }).id,
      aliasName: resourceName(config, "terraform-state"),
      description: `Terraform state of ${config.environment}, ${config.homeRegion}`,
      tags,
    });
    const bucketName = stateBucketName(config);
    this.stateBucket = new ResidentBucket(this, "state-bucket", {
      bucketName,
      kmsKeyId: this.stateKey.key.id,
      // Into itself (OSS allows it): the access-log bucket of the storage stack does not exist yet.
      logBucket: bucketName,
      tags,
    });
    const instance = new OtsInstance(this, "lock-instance", {
      name: stateLockInstanceName(config),
      description: "Terraform state locks",
      instanceType: "HighPerformance",
      // Terraform runs outside the data-center VPCs (operators, CI); access still needs RAM credentials.
      accessedBy: "Any",
      tags,
    });
    this.lockTable = new OtsTable(this, "lock-table", {
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
}
