import type { CheckReport, Exception, Finding, PlacementChange, ResourcePlacement } from "../engine/types";
import { findingsByPack, isViolation, stacksOf, valueText } from "./shared";

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
  const counts = `${count(summary.stacks, "stack")}, ${count(summary.resources, "resource")}, ${summary.covered} covered by exceptions, ${count(summary.expiredExceptions, "expired exception")}, ${count(summary.unusedExceptions, "unused exception")}`;
  if (summary.violations > 0) {
    return `## ❌ Residency check failed: ${count(summary.violations, "violation")}\n\n${counts}. Fix each violation below, or record an approved exception in ${codeCell("residency-exceptions.json")}.`;
  }
  // With approved exceptions (or warnings) not everything is in mainland China; the headline must not say so.
  return report.findings.length === 0
    ? `## ✅ Residency check passed: everything resolves to mainland China\n\n${counts}.`
    : `## ✅ Residency check passed: no unapproved violation\n\n${counts}. Review the findings and exceptions below.`;
}

/** Right under the verdict: each violation with its stack, place and fix, so a reviewer can act at once. */
function violationsSection(findings: readonly Finding[]): string[] {
  const violations = findings.filter(isViolation);
  if (violations.length === 0) return [];
  return [
    "### To fix",
    "",
    ...violations
      .slice(0, MAX_TABLE_ROWS)
      .map(
        (f) =>
          `- ${codeCell(f.stack)} ${codeCell(f.address)} ${codeCell(f.attribute)} → ${escapeCell(f.resolved)} (${codeCell(f.rule)}): ${escapeCell(f.message)}`,
      ),
    ...(violations.length > MAX_TABLE_ROWS
      ? [
          "",
          `**${violations.length - MAX_TABLE_ROWS} more violations**: the JSON, SARIF and JUnit reports list every one.`,
        ]
      : []),
  ];
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
    finding.exception?.expired === true ? "**exception expired**" : "",
    finding.exception?.refused === undefined ? "" : "**exception does not cover it**",
  ].filter((note) => note !== "");
  return notes.length === 0 ? codeCell(finding.rule) : `${codeCell(finding.rule)} (${notes.join(", ")})`;
}

function findingsSection(title: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  return [
    `### ${title} (${findings.length})`,
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

function exceptionCells(e: Exception): string[] {
  return [
    escapeCell(e.basis),
    escapeCell(e.reference),
    "destinations" in e ? codeCell(e.destinations.join(", ")) : "",
    escapeCell(e.approvedBy),
    escapeCell(e.approvedOn),
    escapeCell(e.expires),
    escapeCell(e.reason),
  ];
}

const EXCEPTION_HEADER = [
  "basis",
  "reference",
  "destinations",
  "approved by",
  "approved on",
  "expires",
  "reason",
];

function exceptionsSection(findings: readonly Finding[]): string[] {
  const named = findings.filter((f) => f.exception !== undefined);
  if (named.length === 0) return [];
  return [
    `### Exceptions (${named.length})`,
    "",
    ...table(
      ["status", "pack", "stack", "address", "rule", "resolved place", ...EXCEPTION_HEADER],
      named.flatMap((f) => {
        const e = f.exception;
        if (e === undefined) return [];
        const status = e.expired
          ? "❌ **expired**: no longer covers"
          : e.refused === undefined
            ? "covered"
            : `❌ **does not cover**: ${escapeCell(e.refused)}`;
        return [
          [
            status,
            f.pack,
            codeCell(f.stack),
            codeCell(f.address),
            codeCell(f.rule),
            escapeCell(f.resolved),
            ...exceptionCells(e),
          ],
        ];
      }),
    ),
  ];
}

function unusedSection(unused: readonly Exception[]): string[] {
  if (unused.length === 0) return [];
  return [
    `### ⚠️ Unused exceptions (${unused.length})`,
    "",
    "Each names no finding: a misspelled address or rule, or an export that is no longer needed. Correct or remove it.",
    "",
    ...table(
      ["stack", "address", "rule", ...EXCEPTION_HEADER],
      unused.map((e) => [
        codeCell(e.stack ?? "(every stack)"),
        codeCell(e.address),
        codeCell(e.rule),
        ...exceptionCells(e),
      ]),
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
 * The report as GitHub-flavoured Markdown for a pull-request comment or the step summary: the verdict and
 * each violation's fix, placement changes (with `--base`), findings by pack, exceptions (covering, expired,
 * unused), then where every resource of each stack resolves.
 */
export function renderMarkdown(report: CheckReport): string {
  const sections: string[][] = [
    [headline(report)],
    violationsSection(report.findings),
    report.changes === undefined ? [] : changesSection(report.changes),
    ...findingsByPack(report).map(({ pack, findings }) =>
      findingsSection(
        `${pack === "residency" ? "Residency" : "Security"} findings`,
        findings.filter((f) => !f.covered),
      ),
    ),
    exceptionsSection(report.findings),
    unusedSection(report.unusedExceptions),
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
