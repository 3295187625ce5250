import { between, settingRule } from "./setting";

/** The RAM password policy locks a user out after at most 5 failed logins (5, the default). */
export const ramLoginAttempts = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["max_login_attempts"],
  check: between(1, 5),
});
