import { Fn } from "cdktf";
import { Construct } from "constructs";
import { OssBucket } from "../.gen/providers/alicloud/oss-bucket";
import { OssBucketPublicAccessBlock } from "../.gen/providers/alicloud/oss-bucket-public-access-block";
import { OssBucketWorm } from "../.gen/providers/alicloud/oss-bucket-worm";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";

export interface ResidentBucketProps {
  readonly bucketName: string;
  readonly tags: Record<string, string>;
  /** The provider (region) of the bucket; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
  /** The CMK of the bucket's data class, in the bucket's region, for SSE-KMS. */
  readonly kmsKeyId: string;
  /**
   * Bucket that receives this bucket's access logs (in the same region; it may be this bucket itself);
   * none for the log bucket itself.
   */
  readonly logBucket?: string;
  /** Days a noncurrent object version is kept; 90 by default. */
  readonly noncurrentVersionDays?: number;
  /** WORM retention in days (compliance: objects cannot be deleted or overwritten); none by default. */
  readonly wormRetentionDays?: number;
}

/**
 * An OSS bucket that keeps its data private and in its region: private ACL, public access blocked,
 * SSE-KMS, versioning, access logging, expiry of noncurrent versions, a policy refusing plain HTTP,
 * and optional WORM retention.
 */
export class ResidentBucket extends Construct {
  readonly bucket: OssBucket;

  constructor(scope: Construct, id: string, props: ResidentBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new OssBucket(this, "bucket", {
      provider,
      bucket: props.bucketName,
      acl: "private",
      storageClass: "Standard",
      redundancyType: "ZRS",
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: props.kmsKeyId },
      versioning: { status: "Enabled" },
      logging: props.logBucket
        ? { targetBucket: props.logBucket, targetPrefix: `${props.bucketName}/` }
        : undefined,
      lifecycleRule: [
        {
          id: "expire-noncurrent-versions",
          enabled: true,
          noncurrentVersionExpiration: [{ days: props.noncurrentVersionDays ?? 90 }],
        },
      ],
      policy: Fn.jsonencode({
        Version: "1",
        Statement: [
          {
            Effect: "Deny",
            Action: ["oss:*"],
            Principal: ["*"],
            Resource: [`acs:oss:*:*:${props.bucketName}`, `acs:oss:*:*:${props.bucketName}/*`],
            Condition: { Bool: { "acs:SecureTransport": ["false"] } },
          },
        ],
      }),
      tags: props.tags,
    });
    new OssBucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket: this.bucket.bucket,
      blockPublicAccess: true,
    });
    if (props.wormRetentionDays !== undefined) {
      new OssBucketWorm(this, "worm", {
        provider,
        bucket: this.bucket.bucket,
        retentionPeriodInDays: props.wormRetentionDays,
        status: "Locked",
      });
    }
  }
}
