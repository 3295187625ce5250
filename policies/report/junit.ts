import type { CheckReport, Finding, PackName, PlacementChange, ResourcePlacement } from "../engine/types";
import { changeText, exceptionText, findingsByPack, isViolation, stacksOf, valueText } from "./shared";

// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Text for XML content or a double-quoted attribute; line breaks and tabs survive in attributes too. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

const attributes = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");

const element = (indent: string, name: string, values: Record<string, string | number>): string =>
  `${indent}<${name}${attributes(values)}/>`;

/** One test case: a resource of a stack, or an address (provider, backend, variable) with findings but no resource. */
interface TestCase {
  /** `pack.stack`: a pack's tests of one stack. */
  readonly classname: string;
  readonly address: string;
  readonly file: string;
  readonly placement?: ResourcePlacement;
  readonly findings: Finding[];
}

function casesOf(
  report: CheckReport,
  stack: string,
  pack: PackName,
  findings: readonly Finding[],
): TestCase[] {
  const classname = `${pack}.${stack}`;
  const cases = new Map<string, TestCase>();
  for (const placement of report.resources.filter((r) => r.stack === stack)) {
    cases.set(placement.address, {
      classname,
      address: placement.address,
      file: placement.source.file,
      placement,
      findings: [],
    });
  }
  for (const finding of findings.filter((f) => f.stack === stack)) {
    const existing = cases.get(finding.address);
    if (existing === undefined) {
      cases.set(finding.address, {
        classname,
        address: finding.address,
        file: finding.source.file,
        findings: [finding],
      });
    } else existing.findings.push(finding);
  }
  return [...cases.values()];
}

function failure(finding: Finding): string {
  const expired = finding.exception?.expired === true ? " (exception expired)" : "";
  const details = [
    `${finding.address} ${finding.attribute} = ${valueText(finding.value)}`,
    `resolves to: ${finding.resolved}`,
    finding.message,
    ...(finding.exception === undefined ? [] : [`exception: ${exceptionText(finding.exception)}`]),
    `file: ${finding.source.file}`,
    ...(finding.source.constructPath === undefined ? [] : [`construct: ${finding.source.constructPath}`]),
  ].join("\n");
  const open = `      <failure${attributes({ message: `${finding.rule}${expired}: ${finding.message}`, type: finding.rule })}>`;
  return `${open}${escapeXml(details)}</failure>`;
}

function placementProperties(placement: ResourcePlacement | undefined): Record<string, string> {
  if (placement === undefined) return {};
  return {
    type: placement.type,
    provider: placement.provider,
    "resolves to": placement.places.join(", "),
    verdict: placement.verdict,
    ...(placement.action === undefined ? {} : { "plan action": placement.action }),
  };
}

function propertiesXml(indent: string, entries: readonly (readonly [string, string])[]): string[] {
  if (entries.length === 0) return [];
  return [
    `${indent}<properties>`,
    ...entries.map(([name, value]) => element(`${indent}  `, "property", { name, value })),
    `${indent}</properties>`,
  ];
}

interface RenderedCase {
  readonly xml: string;
  readonly failed: boolean;
  readonly skipped: boolean;
}

function caseXml(testCase: TestCase): RenderedCase {
  const failures = testCase.findings.filter(isViolation);
  const covered = testCase.findings.filter((f) => f.covered);
  const warnings = testCase.findings.filter((f) => !f.covered && !isViolation(f));
  const notes = (f: Finding, text: string): [string, string] => [f.rule, `${f.attribute}: ${text}`];
  const properties = propertiesXml("      ", [
    ...Object.entries(placementProperties(testCase.placement)),
    ...covered.map((f) =>
      notes(f, `covered by exception: ${f.exception === undefined ? "" : exceptionText(f.exception)}`),
    ),
    ...warnings.map((f) => notes(f, `warning: ${f.message}`)),
  ]);
  // Covered only: the test of this resource was waived by an approved exception, which JUnit calls skipped.
  const skipped = failures.length === 0 && covered.length > 0;
  const skip = skipped
    ? [
        element("      ", "skipped", {
          message: `covered by exception: ${covered.map((f) => `${f.rule}: ${f.exception?.basis ?? ""} ${f.exception?.reference ?? ""}`).join("; ")}`,
        }),
      ]
    : [];
  const body = [...properties, ...failures.map(failure), ...skip];
  const open = `    <testcase${attributes({ name: testCase.address, classname: testCase.classname, file: testCase.file })}`;
  return {
    xml: body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "    </testcase>"].join("\n"),
    failed: failures.length > 0,
    skipped,
  };
}

function suiteXml(name: string, cases: readonly RenderedCase[], changes: readonly PlacementChange[]): string {
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const open = `  <testsuite${attributes({ name, tests: cases.length, failures, errors: 0, skipped })}`;
  // Placement changes (with --base) come first, as the suite's properties: they are news, not tests.
  const body = [
    ...propertiesXml(
      "    ",
      changes.map((change) => [change.change, `${change.address}: ${changeText(change)}`]),
    ),
    ...cases.map((c) => c.xml),
  ];
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "  </testsuite>"].join("\n");
}

/**
 * The report as JUnit XML: a test suite per pack and stack (`residency/storage`), a test case per
 * resource (and per provider, backend or variable with findings), a failure per uncovered violation,
 * cases covered only by exceptions skipped.
 */
export function renderJunit(report: CheckReport): string {
  const changes = report.changes ?? [];
  const stacks = [...new Set([...stacksOf(report), ...changes.map((c) => c.stack)])];
  const suites = findingsByPack(report).flatMap(({ pack, findings }, index) =>
    stacks.map((stack) => ({
      name: `${pack}/${stack}`,
      cases: casesOf(report, stack, pack, findings).map(caseXml),
      // Placement changes are listed once, in the first pack's suites.
      changes: index === 0 ? changes.filter((c) => c.stack === stack) : [],
    })),
  );
  const all = suites.flatMap((s) => s.cases);
  const totals = {
    name: "residency",
    tests: all.length,
    failures: all.filter((c) => c.failed).length,
    errors: 0,
    skipped: all.filter((c) => c.skipped).length,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes(totals)}>`,
    ...suites.map((s) => suiteXml(s.name, s.cases, s.changes)),
    "</testsuites>",
    "",
  ].join("\n");
}
