import { oneOf, settingRule } from "./setting";

/** A MongoDB instance encrypts client connections with SSL (`ssl_action` Open or Update). */
export const mongodbSsl = settingRule({
  types: ["alicloud_mongodb_instance"],
  path: ["ssl_action"],
  check: oneOf("Open", "Update"),
  missing: "is not set: client connections are not encrypted",
});
