import { isBool, settingRule } from "./setting";

/** RAM users must sign in with MFA (`enforce_mfa_for_login = true`). */
export const ramMfa = settingRule({
  types: ["alicloud_ram_security_preference"],
  path: ["enforce_mfa_for_login"],
  check: isBool(true),
  missing: "is not set: users sign in with a password alone",
});
