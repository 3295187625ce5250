import { Construct } from "constructs";
import { KmsAlias } from "../.gen/providers/alicloud/kms-alias";
import { KmsKey } from "../.gen/providers/alicloud/kms-key";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";

export interface ResidentKeyProps {
  /**
   * The KMS instance that holds the key (`ResidentKmsInstance.id`), in the key's region: KMS 3.0 rotates
   * only keys in an instance (a default key outside one cannot rotate).
   */
  readonly kmsInstanceId: string;
  /** `alias/<aliasName>`. */
  readonly aliasName: string;
  readonly description: string;
  readonly tags: Record<string, string>;
  /** The provider (region) of the key; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
  /** Days a scheduled deletion waits before the key is gone for good (7-366); 30 by default. */
  readonly pendingWindowInDays?: number;
  /** Automatic rotation period; 365 days by default. */
  readonly rotationInterval?: string;
}

/**
 * A symmetric KMS key in a KMS instance, with automatic rotation, deletion protection, a 30-day pending
 * window, and an alias.
 */
export class ResidentKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: ResidentKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      dkmsInstanceId: props.kmsInstanceId,
      description: props.description,
      keySpec: "Aliyun_AES_256",
      keyUsage: "ENCRYPT/DECRYPT",
      protectionLevel: "SOFTWARE",
      automaticRotation: "Enabled",
      rotationInterval: props.rotationInterval ?? "31536000s",
      deletionProtection: "Enabled",
      deletionProtectionDescription: "Data-center key: deleting it makes the data it protects unreadable.",
      pendingWindowInDays: props.pendingWindowInDays ?? 30,
      status: "Enabled",
      tags: props.tags,
    });
    this.alias = new KmsAlias(this, "alias", {
      provider: props.provider,
      aliasName: `alias/${props.aliasName}`,
      keyId: this.key.id,
    });
  }
}
