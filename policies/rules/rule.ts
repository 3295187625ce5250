import type { PlaceVerdict } from "../places";
import type { StackModel } from "../engine/model";
import type { Resolver } from "../engine/resolve";

/** One value a rule found: where it is, what was written, and where it resolved or what is wrong with it. */
export interface Observation {
  readonly address: string;
  readonly attribute: string;
  readonly value: unknown;
  /** Where the value places something; empty when it places nothing. */
  readonly places: readonly PlaceVerdict[];
  /** A problem that is not about a place (a credential in the input): always a finding, never a placement. */
  readonly problem?: string;
  readonly constructPath?: string;
}

export interface RuleContext {
  readonly stack: StackModel;
  readonly resolver: Resolver;
}

/** A rule: a small pure function from a stack to the placing values it checks. */
export type Rule = (context: RuleContext) => Iterable<Observation>;

export const ALICLOUD = "alicloud";
