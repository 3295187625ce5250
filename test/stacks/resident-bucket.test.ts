import { ResidentBucket } from "../../stacks/resident-bucket";
import type { ResidentBucketProps } from "../../stacks/resident-bucket";
import { only, synth } from "./synth-scope";

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
