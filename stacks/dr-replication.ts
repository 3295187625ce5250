import { Construct } from "constructs";
import { OssBucketReplication } from "../.gen/providers/alicloud/oss-bucket-replication";
import type { ResidentBucket } from "./resident-bucket";
import type { ResidentKey } from "./resident-key";
import { ServiceRole } from "./service-role";

/** A bucket, its in-country DR twin, and the keys of each (each in its bucket's region). */
export interface ReplicatedPair {
  /** Names the replication rule (`<id>-replication`). */
  readonly id: string;
  readonly source: ResidentBucket;
  readonly sourceKey: ResidentKey;
  readonly replica: ResidentBucket;
  readonly replicaKey: ResidentKey;
}

export interface DrReplicationProps {
  /** The RAM role OSS assumes to replicate (unique in the account). */
  readonly roleName: string;
  readonly pairs: readonly ReplicatedPair[];
}

/**
 * Replicates each source bucket to its DR twin (`alicloud_oss_bucket_replication`, everything, history
 * included, KMS-encrypted objects re-encrypted with the replica's key), through one RAM role only OSS may
 * assume, granted what the OSS replication guide lists: read the sources, write the replicas, decrypt with
 * the source keys and encrypt with the replica keys.
 */
export class DrReplication extends Construct {
  constructor(scope: Construct, id: string, props: DrReplicationProps) {
    super(scope, id);
    const role = new ServiceRole(this, "role", {
      roleName: props.roleName,
      description: "OSS replicates buckets to their in-country DR twins.",
      service: "oss.aliyuncs.com",
      statements: props.pairs.flatMap(({ source, replica, sourceKey, replicaKey }) => [
        {
          actions: ["oss:ReplicateList", "oss:ReplicateGet"],
          resources: [source.bucketArn, source.objectsArn],
        },
        {
          actions: ["oss:ReplicateList", "oss:ReplicateGet", "oss:ReplicatePut", "oss:ReplicateDelete"],
          resources: [replica.bucketArn, replica.objectsArn],
        },
        { actions: ["kms:Decrypt"], resources: [sourceKey.keyArn] },
        { actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [replicaKey.keyArn] },
      ]),
    });
    for (const { id: pairId, source, replica, replicaKey } of props.pairs) {
      // OSS replicates as this role, from outside the buckets' VPCs.
      source.exemptRole(role.roleArn);
      replica.exemptRole(role.roleArn);
      new OssBucketReplication(this, `${pairId}-replication`, {
        bucket: source.bucketName,
        action: "ALL",
        historicalObjectReplication: "enabled",
        // The location of the replica bucket, so the target is wherever the replica's provider puts it.
        destination: { bucket: replica.bucketName, location: replica.location },
        syncRole: role.roleName,
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        encryptionConfiguration: { replicaKmsKeyId: replicaKey.keyId },
        dependsOn: role.grants,
      });
    }
  }
}
