import { isBool, settingRule } from "./setting";

/** The RAM password policy requires a number (`require_numbers = true`). */
export const ramPasswordNumbers = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["require_numbers"],
  check: isBool(true),
  missing: "is not set: write true so that the policy does not rest on the provider's default",
});
