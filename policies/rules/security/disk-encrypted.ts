import { isBool, settingRule } from "./setting";

/** A cloud disk is encrypted (`encrypted = true`). */
export const diskEncrypted = settingRule({
  types: ["alicloud_disk", "alicloud_ecs_disk"],
  path: ["encrypted"],
  check: isBool(true),
  missing: "is not set: the disk is unencrypted, or only as encrypted as the snapshot it is created from",
});
