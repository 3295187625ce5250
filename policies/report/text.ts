import type { CheckReport, Finding, PlacementChange } from "../engine/types";
import type { RenderOptions } from "./shared";

const paint = (color: boolean, code: number, text: string): string =>
  color ? `\u001b[${code}m${text}\u001b[0m` : text;

function changeLine(change: PlacementChange): string {
  const action = change.action === undefined ? "" : ` (${change.action})`;
  const before = change.before?.join(", ") ?? "";
  const after = change.after?.join(", ") ?? "";
  const where =
    change.change === "moved" ? `${before} -> ${after}` : change.change === "added" ? after : before;
  return `  ${change.change} ${change.stack}/${change.address}${action}: ${where}`;
}

function findingLines(finding: Finding, color: boolean): string[] {
  // A warning never fails the check, so it is not called a violation.
  const label = finding.severity === "error" ? "VIOLATION" : "WARNING";
  const mark = finding.suppressed
    ? paint(color, 33, "suppressed")
    : finding.suppression?.expired === true
      ? paint(color, 31, `${label} (suppression expired)`)
      : paint(color, finding.severity === "error" ? 31 : 33, label);
  const lines = [
    `  ${mark} ${finding.rule} ${finding.address} ${finding.attribute} = ${JSON.stringify(finding.value)}`,
    `    ${finding.message}`,
  ];
  const s = finding.suppression;
  if (s !== undefined) {
    lines.push(
      `    suppression: ${s.reason} (approved by ${s.approvedBy}, expires ${s.expires}${s.assessment === undefined ? "" : `, assessment ${s.assessment}`})`,
    );
  }
  return lines;
}

/** Human-readable: placement changes first, then findings grouped by stack, then the summary. */
export function renderText(report: CheckReport, { color }: RenderOptions): string {
  const lines: string[] = [];
  if (report.changes !== undefined) {
    lines.push(`Placement changes (${report.changes.length}):`, ...report.changes.map(changeLine), "");
  }
  for (const input of report.inputs) {
    if (input.variables === undefined) continue;
    lines.push(`Variables of ${input.path} bound by files:`);
    for (const { variable, file } of input.variables) lines.push(`  var.${variable} from ${file}`);
    lines.push("");
  }
  const stacks = [
    ...new Set([...report.resources.map((r) => r.stack), ...report.findings.map((f) => f.stack)]),
  ];
  for (const stack of stacks) {
    const findings = report.findings.filter((finding) => finding.stack === stack);
    const resources = report.resources.filter((resource) => resource.stack === stack).length;
    lines.push(
      `${stack}: ${resources} resources, ${findings.length === 0 ? paint(color, 32, "all in mainland China") : `${findings.length} findings`}`,
    );
    for (const finding of findings) lines.push(...findingLines(finding, color));
  }
  const { summary } = report;
  const verdict = summary.violations === 0 ? paint(color, 32, "PASS") : paint(color, 31, "FAIL");
  lines.push(
    "",
    `${verdict}: ${summary.violations} violations, ${summary.suppressed} suppressed, ${summary.expiredSuppressions} expired suppressions, ${summary.stacks} stacks, ${summary.resources} resources`,
  );
  return `${lines.join("\n")}\n`;
}
