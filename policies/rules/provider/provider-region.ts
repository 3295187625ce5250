import { ALICLOUD } from "../../catalog/providers";
import type { ResourceBlock } from "../../engine/model";
import { type Observation, type RuleContext } from "../../engine/rule";

/** Every alicloud provider configuration — the default, every alias, any an alicloud resource names — sets a mainland `region`. */
export function providerRegion({ stack, resolver }: RuleContext): Observation[] {
  // An array, not a generator: a generator's loop over 10,000 resources allocates at every step.
  const usedByAlicloud = new Set<string>();
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    if (resource.typeProvider === ALICLOUD) usedByAlicloud.add(resource.providerKey);
  }
  const found: Observation[] = [];
  for (const config of stack.providers.values()) {
    if (config.name !== ALICLOUD && !usedByAlicloud.has(config.key)) continue;
    const places = resolver.providerRegion(stack, config);
    found.push({
      address: `provider.${config.key}`,
      attribute: "region",
      value: config.body.region ?? null,
      places,
    });
  }
  return found;
}
