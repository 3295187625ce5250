import { oneOf, settingRule } from "./setting";

/** A MongoDB instance is in a VPC (`network_type = "VPC"`), never the classic network. */
export const mongodbVpc = settingRule({
  types: ["alicloud_mongodb_instance"],
  path: ["network_type"],
  check: oneOf("VPC"),
  missing: 'is not set: write "VPC" so that the instance cannot land in the classic network',
});
