import type { Construct } from "constructs";
import { OtsInstance } from "../.gen/providers/alicloud/ots-instance";
import { OtsTable } from "../.gen/providers/alicloud/ots-table";
import type { DataCenterConfig } from "./config";
import {
  DataCenterStack,
  STATE_LOCK_TABLE,
  stateBucketName,
  stateLockInstanceName,
} from "./data-center-stack";
import { ResidentBucket } from "./resident-bucket";

/**
 * The bootstrap of the OSS backend: the state bucket and the Tablestore lock table, in the home
 * region. Deployed first, with local state (it cannot keep its state in what it creates).
 */
export class StateStack extends DataCenterStack {
  readonly stateBucket: ResidentBucket;
  readonly lockTable: OtsTable;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id, config);
    // SSE-KMS with the account's KMS default key, not a CMK: a CMK lives in a KMS instance, which needs the
    // network stack, whose state is kept in this bucket, so the bootstrap cannot depend on it.
    this.stateBucket = new ResidentBucket(this, "state-bucket", {
      bucketName: stateBucketName(config),
      tags: this.tagsFor("operational-logs"),
    });
    const instance = new OtsInstance(this, "lock-instance", {
      name: stateLockInstanceName(config),
      description: "Terraform state locks",
      instanceType: "HighPerformance",
      accessedBy: "Any",
      tags: this.tagsFor("operational-logs"),
    });
    this.lockTable = new OtsTable(this, "lock-table", {
      instanceName: instance.name,
      tableName: STATE_LOCK_TABLE,
      primaryKey: [{ name: "LockID", type: "String" }],
      timeToLive: -1,
      maxVersion: 1,
      enableSse: true,
      sseKeyType: "SSE_KMS_SERVICE",
    });
  }
}
