import { oneOf, settingRule } from "./setting";

/** An ActionTrail trail records every event, reads as well as writes (`event_rw = "All"`). */
export const actiontrailAllEvents = settingRule({
  types: ["alicloud_actiontrail_trail"],
  path: ["event_rw"],
  check: oneOf("All"),
  missing: "is not set: the trail records write events only (the provider's default is Write)",
});
