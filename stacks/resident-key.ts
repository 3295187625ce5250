import { Token } from "cdktf";
import { Construct } from "constructs";
import { KmsAlias } from "../.gen/providers/alicloud/kms-alias";
import { KmsKey } from "../.gen/providers/alicloud/kms-key";
import type { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataClass } from "./config";
import { invalidProp } from "./construct-checks";
import { setDataClass } from "./tagging";

/** KMS accepts automatic rotation periods from 7 to 730 days. */
const ROTATION_SECONDS = { min: 7 * 86400, max: 730 * 86400 };

export interface ResidentKeyProps {
  /**
   * The KMS instance that holds the key (`ResidentKmsInstance.id`), in the key's region: KMS 3.0 rotates
   * only keys in an instance (a default key outside one cannot rotate).
   */
  readonly kmsInstanceId: string;
  /** `alias/<aliasName>`: letters, digits, `_`, `-`, `/`, at most 200 characters. */
  readonly aliasName: string;
  readonly description: string;
  /** What the key protects; its `data-class` tag. */
  readonly dataClass: DataClass;
  /** The provider (region) of the key; the stack's default provider when absent. */
  readonly provider?: AlicloudProvider;
  /** Days a scheduled deletion waits before the key is gone for good (7-366); 30 by default. */
  readonly pendingWindowInDays?: number;
  /** Automatic rotation period in seconds, `<n>s`, 7 to 730 days; 365 days by default. */
  readonly rotationInterval?: string;
}

/**
 * A symmetric KMS key in a KMS instance, with automatic rotation, deletion protection, a 30-day pending
 * window, and an alias.
 */
export class ResidentKey extends Construct {
  private readonly key: KmsKey;
  private readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: ResidentKeyProps) {
    super(scope, id);
    ResidentKey.validate(this, props);
    setDataClass(this, props.dataClass);
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
    });
    this.alias = new KmsAlias(this, "alias", {
      provider: props.provider,
      aliasName: `alias/${props.aliasName}`,
      keyId: this.key.id,
    });
  }

  private static validate(scope: Construct, props: ResidentKeyProps): void {
    const invalid = (prop: string, problem: string) => invalidProp(scope, "ResidentKey", prop, problem);
    if (!props.kmsInstanceId) invalid("kmsInstanceId", "is required: only a key in a KMS instance rotates");
    if (!/^[a-zA-Z0-9_/-]{1,200}$/.test(props.aliasName) || props.aliasName.startsWith("acs")) {
      invalid(
        "aliasName",
        `"${props.aliasName}" must be 1-200 letters, digits, _, - or /, not starting with acs`,
      );
    }
    const window = props.pendingWindowInDays;
    if (window !== undefined && !(Number.isInteger(window) && window >= 7 && window <= 366)) {
      invalid("pendingWindowInDays", `${window} must be a whole number of days from 7 to 366`);
    }
    const interval = props.rotationInterval;
    if (interval !== undefined && !Token.isUnresolved(interval)) {
      const seconds = Number(/^(\d+)s$/.exec(interval)?.[1]);
      if (!(seconds >= ROTATION_SECONDS.min && seconds <= ROTATION_SECONDS.max)) {
        invalid(
          "rotationInterval",
          `"${interval}" must be <seconds>s between 604800s (7 days) and 63072000s (730 days)`,
        );
      }
    }
  }

  get keyId(): string {
    return this.key.id;
  }

  get keyArn(): string {
    return this.key.arn;
  }

  /** `alias/<aliasName>`. */
  get aliasName(): string {
    return this.alias.aliasName;
  }
}
