import type { Construct } from "constructs";
import { DataAlicloudAccount } from "../.gen/providers/alicloud/data-alicloud-account";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { LogStore } from "../.gen/providers/alicloud/log-store";
import { OssAccountPublicAccessBlock } from "../.gen/providers/alicloud/oss-account-public-access-block";
import { OssBucketReplication } from "../.gen/providers/alicloud/oss-bucket-replication";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { KeysStack } from "./keys";
import { REPLICATED_DATA_CLASSES } from "./keys";
import { ResidentBucket } from "./resident-bucket";

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

    this.dataBuckets = [];
    this.drBuckets = [];
    for (const dataClass of REPLICATED_DATA_CLASSES) {
      const source = new ResidentBucket(this, dataClass, {
        bucketName: resourceName(config, dataClass),
        kmsKeyId: keys.homeKeys[dataClass].key.id,
        logBucket: this.logBucket.bucket.bucket,
        tags: this.tagsFor(dataClass),
      });
      const replicaKeyId = keys.drKeys[dataClass].key.id;
      const replica = new ResidentBucket(this, `dr-${dataClass}`, {
        provider: dr,
        bucketName: resourceName(config, "dr", dataClass),
        kmsKeyId: replicaKeyId,
        logBucket: drLogBucket.bucket.bucket,
        tags: this.tagsFor(dataClass),
      });
      new OssBucketReplication(this, `${dataClass}-replication`, {
        bucket: source.bucket.bucket,
        action: "ALL",
        historicalObjectReplication: "enabled",
        // The location of the replica bucket, so the target is wherever the `dr` provider puts it.
        destination: { bucket: replica.bucket.bucket, location: replica.bucket.location },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        encryptionConfiguration: { replicaKmsKeyId: replicaKeyId },
      });
      this.dataBuckets.push(source);
      this.drBuckets.push(replica);
    }

    const account = new DataAlicloudAccount(this, "account", {});
    const project = new LogProject(this, "application-logs", {
      projectName: resourceName(config, "application-logs"),
      description: "Application logs of the data center, kept in the home region.",
      tags: this.tagsFor("operational-logs"),
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
          arn: `acs:ram::${account.id}:role/aliyunlogdefaultrole`,
        },
      },
    });
  }
}
