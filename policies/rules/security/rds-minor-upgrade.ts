import { oneOf, settingRule } from "./setting";

/** An RDS instance takes minor engine versions automatically (`auto_upgrade_minor_version = "Auto"`). */
export const rdsMinorUpgrade = settingRule({
  types: ["alicloud_db_instance"],
  path: ["auto_upgrade_minor_version"],
  check: oneOf("Auto"),
  missing: 'is not set: write "Auto" so that security fixes are applied without waiting for a change',
});
