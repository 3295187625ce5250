import type { Observation, RuleContext } from "../../engine/rule";

const NOT_IN_JSON = "the module's resources are not in the synthesized JSON";

/** A module call that was not expanded (a remote source, instances not known) hides its resources, so its placement is unresolved. */
export function* modules({ stack }: RuleContext): Iterable<Observation> {
  for (const [address, source] of stack.modules) {
    yield {
      address: stack.module === undefined ? address : `${stack.module.path}.${address}`,
      attribute: "source",
      value: source,
      places: [{ verdict: "unresolved", place: stack.unexpandedModules?.get(address) ?? NOT_IN_JSON }],
    };
  }
}
