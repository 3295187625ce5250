import { between, settingRule } from "./setting";

/** The RAM password policy requires at least 14 characters. */
export const ramPasswordLength = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["minimum_password_length"],
  check: between(14, 32),
  missing: "is not set: the default admits 8 characters",
});
