import type { AppliedSuppression, CheckReport, Finding, PlacementChange } from "../engine/types";

export interface RenderOptions {
  /** True only when writing to a terminal. */
  readonly color: boolean;
}

/** Every stack of a report, in the order it first appears (resources before findings). */
export function stacksOf(report: CheckReport): string[] {
  return [...new Set([...report.resources.map((r) => r.stack), ...report.findings.map((f) => f.stack)])];
}

/** A finding's value as written: a string as it is, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/** A finding that fails the check (exit 1): an error not covered by an unexpired suppression. */
export function isViolation(finding: Finding): boolean {
  return !finding.suppressed && finding.severity === "error";
}

/** One line for a reviewer: reason, approver, expiry, assessment. */
export function suppressionText(suppression: AppliedSuppression): string {
  const assessment = suppression.assessment === undefined ? "" : `, assessment ${suppression.assessment}`;
  const state = suppression.expired ? "EXPIRED on" : "expires";
  return `${suppression.reason} (approved by ${suppression.approvedBy}, ${state} ${suppression.expires}${assessment})`;
}

/** Where a changed resource was and is: `before -> after (action)`, one side for an added or removed one. */
export function changeText(change: PlacementChange): string {
  const before = (change.before ?? []).join(", ");
  const after = (change.after ?? []).join(", ");
  const where =
    change.change === "moved" ? `${before} -> ${after}` : change.change === "added" ? after : before;
  return `${where}${change.action === undefined ? "" : ` (${change.action})`}`;
}
