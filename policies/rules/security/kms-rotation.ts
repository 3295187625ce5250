import { oneOf, settingRule } from "./setting";

/** A KMS key rotates automatically (`automatic_rotation = "Enabled"`). */
export const kmsRotation = settingRule({
  types: ["alicloud_kms_key"],
  path: ["automatic_rotation"],
  check: oneOf("Enabled"),
  missing: "is not set: the key never rotates (the default is Disabled)",
});
