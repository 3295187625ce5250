import { isBool, settingRule } from "./setting";

/** The RAM password policy requires an uppercase letter (`require_uppercase_characters = true`). */
export const ramPasswordUppercase = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["require_uppercase_characters"],
  check: isBool(true),
  missing: "is not set: write true so that the policy does not rest on the provider's default",
});
