import type { Observation, RuleContext } from "../../engine/rule";

/** A module call hides its resources from synthesized JSON, so its placement is unresolved until checked in a plan. */
export function* modules({ stack }: RuleContext): Iterable<Observation> {
  for (const address of stack.modules) {
    yield {
      address,
      attribute: "source",
      value: null,
      places: [
        {
          verdict: "unresolved",
          place:
            "the module's resources are not in the synthesized JSON; check the plan (residency check on terraform show -json)",
        },
      ],
    };
  }
}
