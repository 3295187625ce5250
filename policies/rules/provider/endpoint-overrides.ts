import { isObject } from "../../engine/model";
import { ALICLOUD } from "../../catalog/providers";
import { type Observation, type RuleContext } from "../../engine/rule";

/** Every endpoint an alicloud provider overrides (`endpoints` block, `*_endpoint`) is a mainland endpoint. */
export function* endpointOverrides({ stack, resolver }: RuleContext): Iterable<Observation> {
  for (const config of stack.providers.values()) {
    if (config.name !== ALICLOUD) continue;
    const address = `provider.${config.key}`;
    for (const [attribute, value] of Object.entries(config.body)) {
      if (attribute.endsWith("_endpoint"))
        yield { address, attribute, value, places: resolver.places(value, "place", stack) };
    }
    const blocks = config.body.endpoints;
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) continue;
      for (const [service, value] of Object.entries(block)) {
        const places = resolver.places(value, "place", stack);
        yield { address, attribute: `endpoints.${service}`, value, places };
      }
    }
  }
}
