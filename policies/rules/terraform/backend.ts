import type { PlaceVerdict } from "../../catalog/places";
import type { Observation, RuleContext } from "../../engine/rule";

const HCP_TERRAFORM: PlaceVerdict = {
  verdict: "outside",
  place: "HCP Terraform (state kept outside mainland China)",
};

/** Terraform state stays in mainland China: an OSS backend in a mainland region, or local state. */
export function* backend({ stack, resolver }: RuleContext): Iterable<Observation> {
  for (const { address, type, config } of stack.backends) {
    if (type === "local") continue;
    if (type === "oss") {
      const places = resolver.requiredPlaces(
        config.region,
        "place",
        stack,
        "the OSS backend sets no region; it would come from the environment",
      );
      yield { address, attribute: "region", value: config.region ?? null, places };
      if (config.endpoint !== undefined) {
        yield {
          address,
          attribute: "endpoint",
          value: config.endpoint,
          places: resolver.places(config.endpoint, "place", stack),
        };
      }
    } else {
      const places: PlaceVerdict[] =
        type === "cloud" || type === "remote"
          ? [HCP_TERRAFORM]
          : [{ verdict: "unresolved", place: `a "${type}" backend keeps state where this check cannot see` }];
      yield { address, attribute: "backend", value: type, places };
    }
  }
}
