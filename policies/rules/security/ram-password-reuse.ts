import { between, settingRule } from "./setting";

/** The RAM password policy prevents reuse of the last 24 passwords. */
export const ramPasswordReuse = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["password_reuse_prevention"],
  check: between(24, 24),
  missing: "is not set: any earlier password may be used again (the default is 0)",
});
