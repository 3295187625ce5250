import { oneOf, settingRule } from "./setting";

/** An OSS bucket keeps object versions (`versioning.status = "Enabled"`). */
export const ossVersioning = settingRule({
  types: ["alicloud_oss_bucket"],
  path: ["versioning", "status"],
  check: oneOf("Enabled"),
  missing: "is not set: an overwritten or deleted object cannot be recovered",
});
