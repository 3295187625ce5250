import type { PlaceVerdict } from "../catalog/places";
import type { StackModel } from "./model";
import type { Resolver } from "./resolve";
import type { PackName, RuleDescription } from "./types";

/**
 * The contract between the engine and the rules it is given: a rule reads a stack through the resolver and
 * returns what it observed; the engine turns observations into findings and placements.
 */

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
  /** The address of the block, when `address` names one of its instances (`x.y[0]`): where its source is. */
  readonly block?: string;
}

export interface RuleContext {
  readonly stack: StackModel;
  readonly resolver: Resolver;
}

/** A rule: a small pure function from a stack to the placing values it checks. */
export type Rule = (context: RuleContext) => Iterable<Observation>;

/** A rule in a pack: its description for reports, and the function that finds what it checks. */
export interface PackedRule extends Omit<RuleDescription, "pack"> {
  readonly check: Rule;
}

/** Rules that are run together and reported under one name (`residency`, `security`). */
export interface RulePack {
  readonly name: PackName;
  readonly rules: readonly PackedRule[];
}
