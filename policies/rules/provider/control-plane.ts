import { ALICLOUD } from "../../catalog/providers";
import type { Observation, RuleContext } from "../../engine/rule";

/**
 * No alicloud provider sets what moves its calls abroad: `account_type = "International"` sends several
 * services' calls to the international site's central endpoints (alicloud/connectivity/endpoint.go).
 * Endpoint overrides are RES-ENDPOINT-OVERRIDE's; the other provider settings (`source_ip`, `ecs_role_name`,
 * `credentials_uri`, `assume_role`) choose credentials and conditions, not where calls go.
 */
export function controlPlane({ stack, resolver }: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const config of stack.providers.values()) {
    const value = config.body.account_type;
    if (config.name !== ALICLOUD || value === undefined || value === null) continue;
    const places = resolver.places(value, "account-type", stack);
    found.push({ address: `provider.${config.key}`, attribute: "account_type", value, places });
  }
  return found;
}
