import { isBool, settingRule } from "./setting";

/** An OSS bucket has no transfer acceleration: accelerated transfers route through edge nodes outside mainland China. */
export const ossTransferAcceleration = settingRule({
  types: ["alicloud_oss_bucket"],
  path: ["transfer_acceleration", "enabled"],
  check: isBool(false),
});
