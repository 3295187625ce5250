import { isBool, settingRule } from "./setting";

/** An SLS log audit collects RDS audit logs (`variable_map.rds_enabled = "true"`). */
export const logAuditRds = settingRule({
  types: ["alicloud_log_audit"],
  path: ["variable_map", "rds_enabled"],
  check: isBool(true),
  missing: "is not set: RDS audit logs are not collected",
});
