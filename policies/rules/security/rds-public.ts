import { openAllowList } from "./whitelist-open";

/** An RDS instance's IP allow-list does not admit everyone (`security_ips` without 0.0.0.0/0 or 0.0.0.0). */
export const rdsPublic = openAllowList("alicloud_db_instance", "security_ips");
