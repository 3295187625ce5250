import { oneOf, settingRule } from "./setting";

/** A KMS key is enabled (`status`, and the deprecated `key_state`, "Enabled" — the default). */
export const kmsEnabled = settingRule(
  {
    types: ["alicloud_kms_key"],
    path: ["status"],
    check: oneOf("Enabled"),
  },
  {
    types: ["alicloud_kms_key"],
    path: ["key_state"],
    check: oneOf("Enabled"),
  },
);
