import { between, settingRule } from "./setting";

/** The RAM password policy expires passwords within 90 days. */
export const ramPasswordExpiry = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["max_password_age"],
  check: between(1, 90),
  missing: "is not set: passwords never expire (the default is 0)",
});
