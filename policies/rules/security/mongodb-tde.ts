import { oneOf, settingRule } from "./setting";

/** A MongoDB instance encrypts its data at rest with TDE (`tde_status = "enabled"`). */
export const mongodbTde = settingRule({
  types: ["alicloud_mongodb_instance"],
  path: ["tde_status"],
  check: oneOf("enabled"),
  missing: "is not set: data is stored without transparent data encryption",
});
