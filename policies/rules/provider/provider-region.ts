import { ALICLOUD, type Observation, type RuleContext } from "../rule";

/** Every alicloud provider configuration — the default, every alias, any an alicloud resource names — sets a mainland `region`. */
export function* providerRegion({ stack, resolver }: RuleContext): Iterable<Observation> {
  const usedByAlicloud = new Set<string>();
  for (const resource of stack.resources) {
    if (resource.typeProvider === ALICLOUD) usedByAlicloud.add(resource.providerKey);
  }
  for (const config of stack.providers.values()) {
    if (config.name !== ALICLOUD && !usedByAlicloud.has(config.key)) continue;
    const places = resolver.providerRegion(stack, config);
    yield {
      address: `provider.${config.key}`,
      attribute: "region",
      value: config.body.region ?? null,
      places,
    };
  }
}
