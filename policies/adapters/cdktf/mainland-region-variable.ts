import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { MAINLAND_REGION_IDS, isMainlandRegion } from "../../catalog/regions";

export interface MainlandRegionVariableProps {
  /** The region used when none is given at deploy time; must be one of `allowed`. */
  readonly default: string;
  /** The regions a deployer may choose; every mainland region by default. Each must be in the catalog. */
  readonly allowed?: readonly string[];
  readonly description?: string;
}

/**
 * A Terraform variable for a region that can only ever be a mainland region: it carries the validation
 * `contains([...mainland ids...], var.NAME)`, which is the one form the residency guard accepts for a
 * variable, so its default resolves and no `-var` or `TF_VAR_` can move data abroad.
 */
export class MainlandRegionVariable extends TerraformVariable {
  constructor(scope: Construct, id: string, props: MainlandRegionVariableProps) {
    const allowed = props.allowed ?? MAINLAND_REGION_IDS;
    const foreign = allowed.find((region) => !isMainlandRegion(region));
    if (foreign !== undefined)
      throw new Error(`MainlandRegionVariable ${id}: "${foreign}" is not a mainland region`);
    if (!allowed.includes(props.default)) {
      throw new Error(
        `MainlandRegionVariable ${id}: default "${props.default}" is not among the allowed regions`,
      );
    }
    super(scope, id, {
      type: "string",
      default: props.default,
      description: props.description ?? "A mainland China region.",
    });
    this.addValidation({
      condition: `\${contains(${JSON.stringify(allowed)}, var.${this.friendlyUniqueId})}`,
      errorMessage: `Must be a mainland China region: ${allowed.join(", ")}.`,
    });
  }
}
