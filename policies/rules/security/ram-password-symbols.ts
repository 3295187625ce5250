import { isBool, settingRule } from "./setting";

/** The RAM password policy requires a symbol (`require_symbols = true`). */
export const ramPasswordSymbols = settingRule({
  types: ["alicloud_ram_account_password_policy"],
  path: ["require_symbols"],
  check: isBool(true),
  missing: "is not set: write true so that the policy does not rest on the provider's default",
});
