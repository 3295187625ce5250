import { oneOf, settingRule } from "./setting";

/** An OSS bucket encrypts objects with a customer master key (`sse_algorithm = "KMS"` and `kms_master_key_id`). */
export const ossCmk = settingRule(
  {
    types: ["alicloud_oss_bucket"],
    path: ["server_side_encryption_rule", "sse_algorithm"],
    check: oneOf("KMS"),
    missing: "is not set: objects are not encrypted with a KMS key",
  },
  {
    types: ["alicloud_oss_bucket"],
    path: ["server_side_encryption_rule", "kms_master_key_id"],
    missing: "is not set: objects are encrypted with the OSS service key, not a customer master key",
  },
);
