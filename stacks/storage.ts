import type { Construct } from "constructs";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { LogStore } from "../.gen/providers/alicloud/log-store";
import { OssAccountPublicAccessBlock } from "../.gen/providers/alicloud/oss-account-public-access-block";
import { OssBucketReplication } from "../.gen/providers/alicloud/oss-bucket-replication";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { KeysStack } from "./keys";
import { REPLICATED_DATA_CLASSES } from "./keys";
import { ResidentBucket } from "./resident-bucket";
import { ServiceRole } from "./service-role";

/**
 * OSS buckets for personal information, important data and access logs, each replicated data bucket
 * copied to a twin in the in-country DR region (encrypted there with the DR key), public access blocked
 * for the whole account, and an SLS project for application logs encrypted with the logs CMK.
 */
export class StorageStack extends DataCenterStack {
  readonly logBucket: ResidentBucket;
  readonly dataBuckets: ResidentBucket[];
  readonly drBuckets: ResidentBucket[];

  constructor(scope: Construct, id: string, config: DataCenterConfig, keys: KeysStack) {
    super(scope, id, config);
    const dr = this.addDrProvider();
    new OssAccountPublicAccessBlock(this, "account-public-access-block", { blockPublicAccess: true });

    this.logBucket = new ResidentBucket(this, "access-logs", {
      bucketName: resourceName(config, "access-logs"),
      kmsKeyId: keys.homeKeys["operational-logs"].key.id,
      tags: this.tagsFor("operational-logs"),
    });
    // OSS delivers access logs only within a region, so the DR region has its own log bucket.
    const drLogBucket = new ResidentBucket(this, "dr-access-logs", {
      provider: dr,
      bucketName: resourceName(config, "dr", "access-logs"),
      kmsKeyId: keys.drKeys["operational-logs"].key.id,
      tags: this.tagsFor("operational-logs"),
    });

    const pairs = REPLICATED_DATA_CLASSES.map((dataClass) => {
      const sourceKey = keys.homeKeys[dataClass].key;
      const replicaKey = keys.drKeys[dataClass].key;
      const source = new ResidentBucket(this, dataClass, {
        bucketName: resourceName(config, dataClass),
        kmsKeyId: sourceKey.id,
        logBucket: this.logBucket.bucket.bucket,
        tags: this.tagsFor(dataClass),
      });
      const replica = new ResidentBucket(this, `dr-${dataClass}`, {
        provider: dr,
        bucketName: resourceName(config, "dr", dataClass),
        kmsKeyId: replicaKey.id,
        logBucket: drLogBucket.bucket.bucket,
        tags: this.tagsFor(dataClass),
      });
      return { dataClass, source, replica, sourceKey, replicaKey };
    });
    this.dataBuckets = pairs.map(({ source }) => source);
    this.drBuckets = pairs.map(({ replica }) => replica);

    // OSS replicates KMS-encrypted objects only through a role it assumes (`sync_role`), granted what the
    // OSS replication guide lists: read the source, write the replica, decrypt and re-encrypt with the keys.
    const replicationRole = new ServiceRole(this, "replication-role", {
      roleName: resourceName(config, "oss-replication"),
      description: "OSS replicates the data buckets to their DR twins.",
      service: "oss.aliyuncs.com",
      statements: pairs.flatMap(({ source, replica, sourceKey, replicaKey }) => [
        { actions: ["oss:ReplicateList", "oss:ReplicateGet"], resources: bucketArns(source) },
        {
          actions: ["oss:ReplicateList", "oss:ReplicateGet", "oss:ReplicatePut", "oss:ReplicateDelete"],
          resources: bucketArns(replica),
        },
        { actions: ["kms:Decrypt"], resources: [sourceKey.arn] },
        { actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [replicaKey.arn] },
      ]),
    });
    for (const { dataClass, source, replica, replicaKey } of pairs) {
      new OssBucketReplication(this, `${dataClass}-replication`, {
        bucket: source.bucket.bucket,
        action: "ALL",
        historicalObjectReplication: "enabled",
        // The location of the replica bucket, so the target is wherever the `dr` provider puts it.
        destination: { bucket: replica.bucket.bucket, location: replica.bucket.location },
        syncRole: replicationRole.role.name,
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        encryptionConfiguration: { replicaKmsKeyId: replicaKey.id },
      });
    }

    const project = new LogProject(this, "application-logs", {
      projectName: resourceName(config, "application-logs"),
      description: "Application logs of the data center, kept in the home region.",
      tags: this.tagsFor("operational-logs"),
    });
    // SLS encrypts with a CMK (BYOK) through a role it assumes; these are the policies SLS documents.
    const logEncryptionRole = new ServiceRole(this, "log-encryption-role", {
      roleName: resourceName(config, "sls-cmk"),
      description: "SLS encrypts the application logstore with the logs CMK.",
      service: "log.aliyuncs.com",
      systemPolicies: ["AliyunKMSReadOnlyAccess", "AliyunKMSCryptoUserAccess"],
    });
    new LogStore(this, "application-log-store", {
      projectName: project.projectName,
      logstoreName: "application",
      retentionPeriod: 180,
      shardCount: 2,
      encryptConf: {
        enable: true,
        encryptType: "default",
        userCmkInfo: {
          cmkKeyId: keys.homeKeys["operational-logs"].key.id,
          regionId: config.homeRegion,
          arn: logEncryptionRole.role.arn,
        },
      },
    });
  }
}

/** The bucket and its objects, as RAM policy resources. */
function bucketArns(bucket: ResidentBucket): string[] {
  return [`acs:oss:*:*:${bucket.bucket.bucket}`, `acs:oss:*:*:${bucket.bucket.bucket}/*`];
}
