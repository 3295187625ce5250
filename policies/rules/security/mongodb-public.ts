import { openAllowList } from "./whitelist-open";

/** A MongoDB instance's IP allow-list does not admit everyone (`security_ip_list` without 0.0.0.0/0 or 0.0.0.0). */
export const mongodbPublic = openAllowList("alicloud_mongodb_instance", "security_ip_list");
