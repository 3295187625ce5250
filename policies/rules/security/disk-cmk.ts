import { isBool, settingRule } from "./setting";

/** A cloud disk is encrypted with a customer master key (`encrypted = true` and `kms_key_id`). */
export const diskCmk = settingRule(
  {
    types: ["alicloud_disk", "alicloud_ecs_disk"],
    path: ["encrypted"],
    check: isBool(true),
    missing: "is not set: the disk is not encrypted with a customer master key",
  },
  {
    types: ["alicloud_disk", "alicloud_ecs_disk"],
    path: ["kms_key_id"],
    missing: "is not set: the disk is encrypted with the ECS service key, not a customer master key",
  },
);
