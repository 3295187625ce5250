import type {
  AppliedException,
  CheckReport,
  Exception,
  Finding,
  PackName,
  PlacementChange,
} from "../engine/types";

export interface RenderOptions {
  /** True only when writing to a terminal. */
  readonly color: boolean;
  /** The page that explains the tool, for SARIF's `informationUri` (the repository's README in CI). */
  readonly informationUri?: string;
}

/** Every stack of a report, in the order it first appears (resources before findings). */
export function stacksOf(report: CheckReport): string[] {
  return [...new Set([...report.resources.map((r) => r.stack), ...report.findings.map((f) => f.stack)])];
}

/** The packs a report ran, in order, each with its findings: every format groups findings so. */
export function findingsByPack(
  report: CheckReport,
): { readonly pack: PackName; readonly findings: Finding[] }[] {
  const packs = [...new Set([...report.rules.map((r) => r.pack), ...report.findings.map((f) => f.pack)])];
  return packs.map((pack) => ({ pack, findings: report.findings.filter((f) => f.pack === pack) }));
}

/** A finding's value as written: a string as it is, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/** A finding that fails the check (exit 1): an error not covered by an unexpired exception. */
export function isViolation(finding: Finding): boolean {
  return !finding.covered && finding.severity === "error";
}

/** One line for a reviewer: the basis and reference first, then the approval, expiry and reason. */
export function exceptionText(exception: Exception | AppliedException): string {
  const applied = "expired" in exception ? exception : undefined;
  const destinations =
    "destinations" in exception
      ? ` to ${exception.destinations.join(", ")} (${exception.dataClasses.join(", ")})`
      : "";
  const state = applied?.expired === true ? "EXPIRED on" : "expires";
  const refused = applied?.refused === undefined ? "" : `; does not cover: ${applied.refused}`;
  return `${exception.basis} ${exception.reference}${destinations}, approved by ${exception.approvedBy} on ${exception.approvedOn}, ${state} ${exception.expires}: ${exception.reason}${refused}`;
}

/** A finding on one line: rule, address, attribute, value and the message (what is wrong, how to fix it). */
export function findingLine(finding: Finding): string {
  return `${finding.rule} ${finding.address} ${finding.attribute} = ${JSON.stringify(finding.value)}: ${finding.message}`;
}

/** Where a changed resource was and is: `before -> after (action)`, one side for an added or removed one. */
export function changeText(change: PlacementChange): string {
  const before = (change.before ?? []).join(", ");
  const after = (change.after ?? []).join(", ");
  const where =
    change.change === "moved" ? `${before} -> ${after}` : change.change === "added" ? after : before;
  return `${where}${change.action === undefined ? "" : ` (${change.action})`}`;
}
