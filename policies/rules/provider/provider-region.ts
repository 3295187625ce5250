import { ALICLOUD, type Observation, type RuleContext } from "../rule";

/** Every alicloud provider configuration — the default and every alias — sets a mainland `region`. */
export function* providerRegion({ stack, resolver }: RuleContext): Iterable<Observation> {
  for (const config of stack.providers.values()) {
    if (config.name !== ALICLOUD) continue;
    const places = resolver.providerRegion(stack, config);
    yield {
      address: `provider.${config.key}`,
      attribute: "region",
      value: config.body.region ?? null,
      places,
    };
  }
}
