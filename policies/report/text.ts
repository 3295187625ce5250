import type { CheckReport, Finding } from "../engine/types";
import { changeText, exceptionText, findingsByPack, stacksOf, type RenderOptions } from "./shared";

const paint = (color: boolean, code: number, text: string): string =>
  color ? `\u001b[${code}m${text}\u001b[0m` : text;

function findingLines(finding: Finding, color: boolean): string[] {
  // A warning never fails the check, so it is not called a violation.
  const label = finding.severity === "error" ? "VIOLATION" : "WARNING";
  const exception = finding.exception;
  const mark = finding.covered
    ? paint(color, 33, "covered")
    : exception?.expired === true
      ? paint(color, 31, `${label} (exception expired)`)
      : paint(color, finding.severity === "error" ? 31 : 33, label);
  return [
    `    ${mark} ${finding.rule} ${finding.address} ${finding.attribute} = ${JSON.stringify(finding.value)}`,
    `      ${finding.message}`,
    ...(exception === undefined ? [] : [`      exception: ${exceptionText(exception)}`]),
  ];
}

/**
 * Human-readable: placement changes first, the variables tfvars files bound, then findings by pack and
 * stack, unused exceptions, the summary.
 */
export function renderText(report: CheckReport, { color }: RenderOptions): string {
  const lines: string[] = [];
  if (report.changes !== undefined) {
    lines.push(
      `Placement changes (${report.changes.length}):`,
      ...report.changes.map((c) => `  ${c.change} ${c.stack}/${c.address}: ${changeText(c)}`),
      "",
    );
  }
  for (const input of report.inputs) {
    if (input.variables === undefined) continue;
    lines.push(`Variables of ${input.path} bound by files:`);
    for (const { variable, file } of input.variables) lines.push(`  var.${variable} from ${file}`);
    lines.push("");
  }
  for (const { pack, findings } of findingsByPack(report)) {
    lines.push(`${pack} pack: ${findings.length} findings`);
    // The residency pack also says where every stack resolves; other packs list only stacks with findings.
    const stacks = pack === "residency" ? stacksOf(report) : [...new Set(findings.map((f) => f.stack))];
    for (const stack of stacks) {
      const own = findings.filter((finding) => finding.stack === stack);
      const resources = report.resources.filter((resource) => resource.stack === stack).length;
      const state = own.length === 0 ? paint(color, 32, "all in mainland China") : `${own.length} findings`;
      lines.push(
        pack === "residency" ? `  ${stack}: ${resources} resources, ${state}` : `  ${stack}: ${state}`,
      );
      for (const finding of own) lines.push(...findingLines(finding, color));
    }
  }
  for (const unused of report.unusedExceptions) {
    lines.push(
      `${paint(color, 33, "WARNING")} unused exception: ${unused.rule} ${unused.address} matches no finding (${exceptionText(unused)})`,
    );
  }
  const { summary } = report;
  const verdict = summary.violations === 0 ? paint(color, 32, "PASS") : paint(color, 31, "FAIL");
  lines.push(
    "",
    `${verdict}: ${summary.violations} violations, ${summary.covered} covered by exceptions, ${summary.expiredExceptions} expired exceptions, ${summary.unusedExceptions} unused exceptions, ${summary.stacks} stacks, ${summary.resources} resources`,
  );
  return `${lines.join("\n")}\n`;
}
