import type { Construct } from "constructs";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { LogStore } from "../.gen/providers/alicloud/log-store";
import type { DataCenterConfig, PlatformConfig } from "./config";
import { DrReplication } from "./dr-replication";
import type { KeysStack } from "./keys";
import { REPLICATED_DATA_CLASSES } from "./keys";
import type { NetworkStack } from "./network";
import { PlatformStack, resourceName } from "./platform-stack";
import { ResidentBucket } from "./resident-bucket";
import { ServiceRole } from "./service-role";

/**
 * OSS buckets of a data center for personal information, important data and access logs, each replicated
 * data bucket copied to a twin in the in-country DR region (encrypted there with the DR key), and an SLS
 * project for application logs encrypted with the logs CMK.
 */
export class StorageStack extends PlatformStack {
  /** The home region's access-log bucket (the account stack's trail bucket logs into it too). */
  readonly logBucket: ResidentBucket;

  constructor(
    scope: Construct,
    id: string,
    config: PlatformConfig,
    dataCenter: DataCenterConfig,
    network: NetworkStack,
    keys: KeysStack,
  ) {
    super(scope, id, {
      config,
      region: dataCenter.region,
      drRegion: dataCenter.dr.region,
      dataClass: "operational-logs",
    });
    const dr = this.addDrProvider();
    const name = (...parts: string[]) => resourceName(config, dataCenter.name, ...parts);

    // The log buckets log their own access into themselves.
    this.logBucket = new ResidentBucket(this, "access-logs", {
      bucketName: name("access-logs"),
      dataClass: "operational-logs",
      kmsKeyId: keys.homeKeys["operational-logs"].keyId,
    });
    // OSS delivers access logs only within a region, so the DR region has its own log bucket.
    const drLogBucket = new ResidentBucket(this, "dr-access-logs", {
      provider: dr,
      bucketName: name("dr", "access-logs"),
      dataClass: "operational-logs",
      kmsKeyId: keys.drKeys["operational-logs"].keyId,
    });

    const pairs = REPLICATED_DATA_CLASSES.map((dataClass) => {
      const sourceKey = keys.homeKeys[dataClass];
      const replicaKey = keys.drKeys[dataClass];
      const source = new ResidentBucket(this, dataClass, {
        bucketName: name(dataClass),
        dataClass,
        kmsKeyId: sourceKey.keyId,
        logBucket: this.logBucket.bucketName,
        sourceVpcId: network.home.vpcId,
      });
      const replica = new ResidentBucket(this, `dr-${dataClass}`, {
        provider: dr,
        bucketName: name("dr", dataClass),
        dataClass,
        kmsKeyId: replicaKey.keyId,
        logBucket: drLogBucket.bucketName,
        sourceVpcId: network.dr.vpcId,
      });
      return { id: dataClass, source, replica, sourceKey, replicaKey };
    });
    new DrReplication(this, "dr-replication", { roleName: name("oss-replication"), pairs });

    const project = new LogProject(this, "application-logs", {
      projectName: name("application-logs"),
      description: `Application logs of ${dataCenter.name}, kept in its region.`,
    });
    // SLS encrypts with a CMK (BYOK) through a role it assumes; these are the policies SLS documents.
    const logEncryptionRole = new ServiceRole(this, "log-encryption-role", {
      roleName: name("sls-cmk"),
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
          cmkKeyId: keys.homeKeys["operational-logs"].keyId,
          regionId: dataCenter.region,
          arn: logEncryptionRole.roleArn,
        },
      },
      // The role's ARN orders the store after the role only; SLS checks the role's policies on create.
      dependsOn: logEncryptionRole.grants,
    });
  }
}
