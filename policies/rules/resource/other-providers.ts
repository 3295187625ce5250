import { ALICLOUD, LOCATION_FREE_PROVIDERS } from "../../catalog/providers";
import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";

/** Resources of providers other than alicloud are refused unless the provider is location-free. */
export function otherProviders({ stack }: RuleContext): Observation[] {
  // An array, not a generator: a generator's loop over 10,000 resources allocates at every step.
  const found: Observation[] = [];
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    const provider = resource.typeProvider;
    if (provider === ALICLOUD || LOCATION_FREE_PROVIDERS.has(provider)) continue;
    found.push({
      address: resource.address,
      attribute: "provider",
      value: resource.providerKey,
      places: [
        { verdict: "unresolved", place: `provider "${provider}" places data where this check cannot see` },
      ],
      constructPath: resource.constructPath,
    });
  }
  return found;
}
