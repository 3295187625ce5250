import { Lazy, Token } from "cdktf";
import { Construct } from "constructs";
import { OssBucket } from "../.gen/providers/alicloud/oss-bucket";
import { OssBucketAcl } from "../.gen/providers/alicloud/oss-bucket-acl";
import { OssBucketPublicAccessBlock } from "../.gen/providers/alicloud/oss-bucket-public-access-block";
import { OssBucketWorm } from "../.gen/providers/alicloud/oss-bucket-worm";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataClass } from "./config";
import { invalidProp } from "./construct-checks";
import { setDataClass } from "./tagging";

/** OSS keeps a compliance (WORM) retention of 1 to 25,550 days (70 years). */
const MAX_WORM_DAYS = 25550;

/** Data classes whose objects only their data center's network may reach. */
const NETWORK_BOUND_CLASSES: readonly DataClass[] = ["personal-information", "important-data"];

export interface ResidentBucketProps {
  /** 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (global). */
  readonly bucketName: string;
  /** What the bucket holds; its `data-class` tag. */
  readonly dataClass: DataClass;
  /** The provider (region) of the bucket; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
  /** The CMK of the bucket's data class, in the bucket's region, for SSE-KMS (required: no default key). */
  readonly kmsKeyId: string;
  /** Bucket that receives this bucket's access logs, in the same region; the bucket itself when absent. */
  readonly logBucket?: string;
  /**
   * The VPC (of the bucket's region) that alone may reach the bucket's objects: the bucket policy denies
   * object requests from anywhere else but the roles of `exemptRole`. Required for personal information and
   * important data.
   */
  readonly sourceVpcId?: string;
  /** Days a noncurrent object version is kept; 90 by default. */
  readonly noncurrentVersionDays?: number;
  /** WORM retention in days (compliance: objects cannot be deleted or overwritten); none by default. */
  readonly wormRetentionDays?: number;
}

/**
 * An OSS bucket that keeps its data private and in its region: private ACL, public access blocked,
 * SSE-KMS with a CMK, versioning, access logging, expiry of noncurrent versions, a policy refusing plain
 * HTTP (and, with `sourceVpcId`, object requests from outside the VPC), and optional WORM retention.
 */
export class ResidentBucket extends Construct {
  private readonly bucket: OssBucket;
  private readonly exemptRoleArns: string[] = [];

  constructor(scope: Construct, id: string, props: ResidentBucketProps) {
    super(scope, id);
    ResidentBucket.validate(this, props);
    setDataClass(this, props.dataClass);
    const provider = props.provider;
    this.bucket = new OssBucket(this, "bucket", {
      provider,
      bucket: props.bucketName,
      storageClass: "Standard",
      redundancyType: "ZRS",
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: props.kmsKeyId },
      versioning: { status: "Enabled" },
      logging: { targetBucket: props.logBucket ?? props.bucketName, targetPrefix: `${props.bucketName}/` },
      lifecycleRule: [
        {
          id: "expire-noncurrent-versions",
          enabled: true,
          noncurrentVersionExpiration: [{ days: props.noncurrentVersionDays ?? 90 }],
        },
      ],
      // Written out (not jsonencode), so that the guard reads each reference in it.
      policy: Lazy.stringValue({ produce: () => JSON.stringify(this.policyDocument(props)) }),
    });
    // The bucket's own `acl` is deprecated since provider 1.220.0: the ACL is a resource of its own.
    new OssBucketAcl(this, "acl", { provider, bucket: this.bucket.bucket, acl: "private" });
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

  /**
   * Lets a role reach the objects from outside `sourceVpcId` (OSS acting for the account, such as the
   * replication role); no effect on a bucket without `sourceVpcId`.
   */
  exemptRole(roleArn: string): void {
    this.exemptRoleArns.push(roleArn);
  }

  private policyDocument({ bucketName, sourceVpcId }: ResidentBucketProps): unknown {
    const bucketArn = `acs:oss:*:*:${bucketName}`;
    const outsideTheVpc = sourceVpcId && {
      Effect: "Deny",
      Action: ["oss:*"],
      Principal: ["*"],
      // Objects only: bucket-level calls (the policy itself) stay with Terraform, wherever it runs.
      Resource: [`${bucketArn}/*`],
      Condition: {
        StringNotEquals: { "acs:SourceVpc": [sourceVpcId] },
        ...(this.exemptRoleArns.length ? { StringNotLike: { "acs:PrincipalARN": this.exemptRoleArns } } : {}),
      },
    };
    return {
      Version: "1",
      Statement: [
        {
          Effect: "Deny",
          Action: ["oss:*"],
          Principal: ["*"],
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "acs:SecureTransport": ["false"] } },
        },
        ...(outsideTheVpc ? [outsideTheVpc] : []),
      ],
    };
  }

  private static validate(scope: Construct, props: ResidentBucketProps): void {
    const invalid = (prop: string, problem: string) => invalidProp(scope, "ResidentBucket", prop, problem);
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      invalid(
        "bucketName",
        `"${props.bucketName}" must be 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit`,
      );
    }
    if (!props.kmsKeyId) {
      invalid("kmsKeyId", "is required: every bucket is encrypted with a CMK of its data class");
    }
    if (NETWORK_BOUND_CLASSES.includes(props.dataClass) && !props.sourceVpcId) {
      invalid(
        "sourceVpcId",
        `is required for ${props.dataClass}: only the data center's VPC may reach its objects`,
      );
    }
    for (const [prop, days, max] of [
      ["noncurrentVersionDays", props.noncurrentVersionDays, 36500],
      ["wormRetentionDays", props.wormRetentionDays, MAX_WORM_DAYS],
    ] as const) {
      if (
        days !== undefined &&
        !Token.isUnresolved(days) &&
        !(Number.isInteger(days) && days >= 1 && days <= max)
      ) {
        invalid(prop, `${days} must be a whole number of days from 1 to ${max}`);
      }
    }
  }

  /** The bucket's name, as a reference to the bucket (so that what uses it is created after it). */
  get bucketName(): string {
    return this.bucket.bucket;
  }

  /** The bucket as a RAM policy resource. */
  get bucketArn(): string {
    return `acs:oss:*:*:${this.bucket.bucket}`;
  }

  /** The bucket's objects as a RAM policy resource. */
  get objectsArn(): string {
    return `${this.bucketArn}/*`;
  }

  /** The bucket's OSS location (`oss-<region>`), known after apply; the guard resolves it to its provider's region. */
  get location(): string {
    return this.bucket.location;
  }
}
