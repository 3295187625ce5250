import { isBool, settingRule } from "./setting";

/** The RAM password policy requires a lowercase letter (`require_lowercase_characters = true`). */
export const ramPasswordLowercase = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["require_lowercase_characters"],
  check: isBool(true),
  missing: "is not set: write true so that the policy does not rest on the provider's default",
});
