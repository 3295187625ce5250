import { between, oneOf, settingRule } from "./setting";

/** An RDS instance audits SQL (`sql_collector_status = "Enabled"`) and keeps it at least 180 days. */
export const rdsSqlAudit = settingRule(
  {
    types: ["alicloud_db_instance"],
    path: ["sql_collector_status"],
    check: oneOf("Enabled"),
    missing: "is not set: SQL statements are not audited",
  },
  {
    types: ["alicloud_db_instance"],
    path: ["sql_collector_config_value"],
    check: between(180, Number.MAX_SAFE_INTEGER),
    missing: "is not set: SQL audit records are kept 30 days (the default)",
  },
);
