import type { CheckReport, Finding, PlacementChange, ResourcePlacement } from "../engine/types";
import { stacksOf, valueText } from "./shared";

/** Longer values are cut in table cells; the JSON and SARIF reports carry them whole. */
const MAX_VALUE_LENGTH = 160;

/** Rows per table, so that a large diff stays within GitHub's step summary (1 MiB) and stays readable. */
export const MAX_TABLE_ROWS = 250;

const NEWLINES = /\r\n|\r|\n/g;

/** Text inside raw HTML (`<summary>`), where Markdown escapes would show as written. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/**
 * Prose from the input (messages, reasons, approvers) as inert Markdown in a table cell: HTML is
 * entity-escaped, Markdown punctuation (emphasis, links, code, pipes) backslash-escaped, newlines shown as ⏎,
 * and a zero-width space after `@` so that a value cannot mention (notify) a user or team.
 */
export function escapeCell(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_[\]~|!#]/g, "\\$&")
    .replace(NEWLINES, " ⏎ ")
    .replace(/@/g, "@\u200b");
}

/**
 * A value from the input as a code span in a table cell: a code span shows HTML, emphasis, links and
 * mentions as plain text; the fence is longer than any backtick run inside, and pipes are escaped
 * because GitHub splits table cells before it parses code spans.
 */
export function codeCell(text: string): string {
  const flat = text.replace(NEWLINES, "⏎");
  if (flat === "") return "";
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence} ${flat.replace(/\|/g, "\\|")} ${fence}`;
}

function shorten(text: string): string {
  return text.length <= MAX_VALUE_LENGTH ? text : `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const hidden = rows.length - MAX_TABLE_ROWS;
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.slice(0, MAX_TABLE_ROWS).map((row) => `| ${row.join(" | ")} |`),
    ...(hidden > 0
      ? ["", `**${hidden} more rows not shown here**: the JSON, SARIF and JUnit reports list every one.`]
      : []),
  ];
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

const places = (list: readonly string[] | undefined): string => codeCell((list ?? []).join(", "));

function headline(report: CheckReport): string {
  const { summary } = report;
  const counts = `${count(summary.stacks, "stack")}, ${count(summary.resources, "resource")}, ${summary.suppressed} suppressed, ${count(summary.expiredSuppressions, "expired suppression")}`;
  if (summary.violations > 0) {
    return `## ❌ Residency check failed: ${count(summary.violations, "violation")}\n\n${counts}. Fix each finding below or record an approved suppression.`;
  }
  // With approved exceptions (or warnings) not everything is in mainland China; the headline must not say so.
  return report.findings.length === 0
    ? `## ✅ Residency check passed: everything resolves to mainland China\n\n${counts}.`
    : `## ✅ Residency check passed: no unapproved violation\n\n${counts}. Review the findings and suppressions below.`;
}

function changesSection(changes: readonly PlacementChange[]): string[] {
  if (changes.length === 0) return ["### Placement changes", "", "No resource added, removed or moved."];
  return [
    `### Placement changes (${changes.length})`,
    "",
    ...table(
      ["change", "stack", "address", "before", "after", "plan action"],
      changes.map((c) => [
        c.change,
        codeCell(c.stack),
        codeCell(c.address),
        places(c.before),
        places(c.after),
        c.action ?? "",
      ]),
    ),
  ];
}

function ruleCell(finding: Finding): string {
  const notes = [
    finding.severity === "warning" ? "warning" : "",
    finding.suppression?.expired === true ? "**suppression expired**" : "",
  ].filter((note) => note !== "");
  return notes.length === 0 ? codeCell(finding.rule) : `${codeCell(finding.rule)} (${notes.join(", ")})`;
}

function findingsSection(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  return [
    `### Findings (${findings.length})`,
    "",
    ...table(
      ["stack", "address", "attribute", "value", "resolved place", "rule", "fix"],
      findings.map((f) => [
        codeCell(f.stack),
        codeCell(f.address),
        codeCell(f.attribute),
        codeCell(shorten(valueText(f.value))),
        escapeCell(f.resolved),
        ruleCell(f),
        escapeCell(f.message),
      ]),
    ),
  ];
}

function suppressionsSection(findings: readonly Finding[]): string[] {
  const covered = findings.filter((f) => f.suppression !== undefined);
  if (covered.length === 0) return [];
  return [
    `### Suppressions (${covered.length})`,
    "",
    ...table(
      [
        "status",
        "stack",
        "address",
        "rule",
        "resolved place",
        "reason",
        "approved by",
        "expires",
        "assessment",
      ],
      covered.map((f) => {
        const s = f.suppression;
        return [
          s?.expired === true ? "❌ **expired**: no longer suppresses" : "suppressed",
          codeCell(f.stack),
          codeCell(f.address),
          codeCell(f.rule),
          escapeCell(f.resolved),
          escapeCell(s?.reason ?? ""),
          escapeCell(s?.approvedBy ?? ""),
          escapeCell(s?.expires ?? ""),
          escapeCell(s?.assessment ?? ""),
        ];
      }),
    ),
  ];
}

function placementSection(stack: string, resources: readonly ResourcePlacement[]): string[] {
  const withAction = resources.some((r) => r.action !== undefined);
  const header = ["address", "provider", "resolves to", "verdict", ...(withAction ? ["plan action"] : [])];
  const rows = resources.map((r) => [
    codeCell(r.address),
    codeCell(r.provider),
    places(r.places),
    r.verdict === "mainland" || r.verdict === "location-free" ? r.verdict : `**${r.verdict}**`,
    ...(withAction ? [r.action ?? ""] : []),
  ]);
  // Collapsed, so a large stack does not push the findings out of a reviewer's sight.
  return [
    "<details>",
    `<summary>${escapeHtml(stack).replace(NEWLINES, " ")}: ${count(resources.length, "resource")}</summary>`,
    "",
    ...table(header, rows),
    "",
    "</details>",
    "",
  ];
}

/**
 * The report as GitHub-flavoured Markdown for a pull-request comment or the step summary: the verdict,
 * placement changes (with `--base`), findings, suppressions, then where every resource of each stack resolves.
 */
export function renderMarkdown(report: CheckReport): string {
  const unsuppressed = report.findings.filter((f) => !f.suppressed);
  const sections: string[][] = [
    [headline(report)],
    report.changes === undefined ? [] : changesSection(report.changes),
    findingsSection(unsuppressed),
    suppressionsSection(report.findings),
    [
      "### Where each resource resolves",
      "",
      ...stacksOf(report).flatMap((stack) =>
        placementSection(
          stack,
          report.resources.filter((r) => r.stack === stack),
        ),
      ),
    ],
    [`Checked: ${report.inputs.map((input) => `${codeCell(input.path)} (${input.kind})`).join(", ")}`],
  ];
  return `${sections
    .filter((section) => section.length > 0)
    .map((section) => section.join("\n"))
    .join("\n\n")}\n`;
}
