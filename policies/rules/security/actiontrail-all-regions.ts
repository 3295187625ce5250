import { oneOf, settingRule } from "./setting";

/** An ActionTrail trail records events of every region (`trail_region` "All", the default). */
export const actiontrailAllRegions = settingRule({
  types: ["alicloud_actiontrail_trail"],
  path: ["trail_region"],
  check: oneOf("All"),
});
