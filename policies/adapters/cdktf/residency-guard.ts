import { Annotations, TerraformStack } from "cdktf";
import { checkStacks } from "../../engine/check";
import { readStack } from "../../engine/model";
import { validateSuppressions } from "../../engine/suppressions";
import type { RulePack } from "../../engine/rule";
import type { Finding, Suppression } from "../../engine/types";
import { PACKS } from "../../packs";

export type { Suppression };

export interface ResidencyGuardProps {
  /** Approved exceptions; each needs a reason, an approver and an expiry. None by default. */
  readonly suppressions?: readonly Suppression[];
  /** `YYYY-MM-DD` that expiry is judged against; today (UTC) by default. */
  readonly today?: string;
  /** Rule packs to run; every pack by default. */
  readonly packs?: readonly RulePack[];
}

function describe(finding: Finding): string {
  const expired = finding.suppression?.expired === true ? " (its suppression expired)" : "";
  return `[residency ${finding.rule}] ${finding.address} ${finding.attribute} = ${JSON.stringify(finding.value)}${expired}: ${finding.message}`;
}

/**
 * Attaches the residency check to a stack, so that `app.synth()` (and `cdktf synth`) fails on an
 * unsuppressed violation and says what and where. Attach it to every stack: a validation on the App
 * is never run for its stacks. All stacks of the app are read together, so cross-stack references resolve.
 */
export function addResidencyGuard(stack: TerraformStack, props: ResidencyGuardProps = {}): void {
  const suppressions = validateSuppressions(props.suppressions ?? []);
  stack.node.addValidation({
    validate: () => {
      const stacks = stack.node.root.node
        .findAll()
        .filter(TerraformStack.isStack)
        .map((each) => readStack(each.toTerraform(), `stack ${each.node.path}`, each.node.id));
      const report = checkStacks(stacks, {
        suppressions,
        today: props.today,
        packs: props.packs ?? PACKS.all,
      });
      const own = report.findings.filter((finding) => finding.stack === stack.node.id);
      // Suppressed findings still show, as warnings in the synth output; unsuppressed ones fail synth.
      for (const finding of own.filter((each) => each.suppressed)) {
        Annotations.of(stack).addWarning(
          `suppressed until ${finding.suppression?.expires}: ${describe(finding)}`,
        );
      }
      return own.filter((finding) => !finding.suppressed).map(describe);
    },
  });
}
