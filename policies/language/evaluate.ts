import type { Expression } from "./syntax";
import { Unknown, type Value } from "./value";

/** One step of a static traversal, as the scope receives it. */
export type Step = { kind: "attr"; name: string } | { kind: "index"; key: Value };

/**
 * Where names come from. The scope gets a whole static traversal (`alicloud_vswitch.x[0].zone_id` is root
 * `alicloud_vswitch`, steps attr x, index 0, attr zone_id), so it can resolve lazily; `count.index`,
 * `each.key`, `path.module` and the like arrive the same way. It may return an Unknown.
 */
export interface Scope {
  traverse(root: string, steps: readonly Step[]): Value;
}

/** The value Terraform computes for the expression, or an Unknown saying why it cannot be known here. */
export function evaluate(_expression: Expression, _scope: Scope): Value {
  return new Unknown("the evaluator is not implemented yet");
}
