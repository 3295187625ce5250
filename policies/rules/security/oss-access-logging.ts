import { settingRule } from "./setting";

/** An OSS bucket logs its access to a target bucket (`logging.target_bucket`). */
export const ossAccessLogging = settingRule({
  types: ["alicloud_oss_bucket"],
  path: ["logging", "target_bucket"],
  missing: "is not set: nobody can tell who read or changed the bucket's objects",
});
