import type { PlaceVerdict } from "../places";
import type { StackModel } from "../engine/model";
import type { Resolver } from "../engine/resolve";

/** One value a rule found that places something: where it is, what was written, where it resolved. */
export interface Observation {
  readonly address: string;
  readonly attribute: string;
  readonly value: unknown;
  readonly places: readonly PlaceVerdict[];
  readonly constructPath?: string;
}

export interface RuleContext {
  readonly stack: StackModel;
  readonly resolver: Resolver;
}

/** A rule: a small pure function from a stack to the placing values it checks. */
export type Rule = (context: RuleContext) => Iterable<Observation>;

export const ALICLOUD = "alicloud";
