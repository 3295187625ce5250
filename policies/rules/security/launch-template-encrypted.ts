import { isBool, settingRule } from "./setting";

/** Every data disk of an ECS launch template is encrypted (`data_disks.encrypted = true`). */
export const launchTemplateEncrypted = settingRule({
  types: ["alicloud_ecs_launch_template", "alicloud_launch_template"],
  path: ["data_disks", "encrypted"],
  check: isBool(true),
  missing: "is not set: instances launched from the template get unencrypted data disks",
  blockOptional: true,
});
