import { oneOf, settingRule } from "./setting";

/** An API Gateway API accepts HTTPS only (`request_config.protocol = "HTTPS"`). */
export const apigwHttps = settingRule({
  types: ["alicloud_api_gateway_api"],
  path: ["request_config", "protocol"],
  check: oneOf("HTTPS"),
  missing: "is not set: the API's protocol is not HTTPS",
});
