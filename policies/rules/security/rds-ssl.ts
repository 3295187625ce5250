import { oneOf, settingRule } from "./setting";

/** An RDS instance encrypts client connections with SSL (`ssl_action` Open or Update). */
export const rdsSsl = settingRule({
  types: ["alicloud_db_instance"],
  path: ["ssl_action"],
  check: oneOf("Open", "Update"),
  missing: "is not set: client connections are not encrypted",
});
