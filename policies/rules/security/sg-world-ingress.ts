import type { Observation, RuleContext } from "../../engine/rule";
import { problemAt } from "./read";
import { worldIngress } from "./security-group";

/** No security group rule accepts ingress from the whole internet, on any port. */
export function sgWorldIngress(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const rule of worldIngress(context)) {
    found.push(
      "address" in rule
        ? rule
        : problemAt(
            rule.resource,
            rule.source,
            rule.written,
            `is ${rule.why}: anyone on the internet reaches ports ${rule.ports.from}-${rule.ports.to} (${rule.protocol})`,
          ),
    );
  }
  return found;
}
