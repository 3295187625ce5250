import { createHash } from "crypto";
import type * as Sarif from "sarif";
import { version } from "../../package.json";
import type { CheckReport, Finding, RuleDescription, Severity } from "../engine/types";
import { suppressionText, valueText } from "./shared";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: "error", warning: "warning" };

/** GitHub ranks code-scanning alerts by this score: a violation is an unapproved data export. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "9.0", warning: "5.0" };

/**
 * The file a finding was read from as a SARIF URI: a relative path with forward slashes (what code
 * scanning resolves against the checkout), or a `file://` URI when the path given was absolute.
 */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  const encoded = encodeURI(slashed).replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (slashed.startsWith("/")) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

function ruleDescriptor(rule: RuleDescription): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      tags: ["security", "data-residency"],
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

function logicalLocations(finding: Finding): Sarif.LogicalLocation[] {
  const address: Sarif.LogicalLocation = {
    name: finding.address,
    fullyQualifiedName: `${finding.stack}/${finding.address}`,
    kind: "resource",
  };
  const constructPath = finding.source.constructPath;
  return constructPath === undefined
    ? [address]
    : [address, { name: constructPath, fullyQualifiedName: constructPath, kind: "object" }];
}

/** Stable across runs and unrelated edits, so code scanning tracks one alert per finding. */
function fingerprint(finding: Finding): string {
  return createHash("sha256")
    .update([finding.stack, finding.address, finding.attribute, finding.rule].join("\u0000"))
    .digest("hex");
}

function result(finding: Finding, ruleIndex: ReadonlyMap<string, number>): Sarif.Result {
  const expired = finding.suppression?.expired === true ? " Its suppression has expired." : "";
  const index = ruleIndex.get(finding.rule);
  const suppression = finding.suppression;
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[finding.severity],
    message: {
      text: `${finding.address} ${finding.attribute} = ${valueText(finding.value)} resolves to ${finding.resolved}: ${finding.message}${expired}`,
    },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(finding.source.file) } },
        logicalLocations: logicalLocations(finding),
      },
    ],
    partialFingerprints: { "residencyFinding/v1": fingerprint(finding) },
    // An expired suppression is left out: code scanning would otherwise close the alert it no longer covers.
    ...(finding.suppressed && suppression !== undefined
      ? {
          suppressions: [
            { kind: "external", status: "accepted", justification: suppressionText(suppression) },
          ],
        }
      : {}),
    properties: {
      stack: finding.stack,
      attribute: finding.attribute,
      value: finding.value,
      resolved: finding.resolved,
      verdict: finding.verdict,
      ...(suppression === undefined ? {} : { suppression }),
    },
  };
}

/** The report as SARIF 2.1.0 for GitHub code scanning: the rules, and one result per finding, suppressed ones marked. */
export function renderSarif(report: CheckReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "residency",
            version,
            semanticVersion: version,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        results: report.findings.map((finding) => result(finding, ruleIndex)),
        properties: {
          summary: report.summary,
          inputs: report.inputs,
          ...(report.changes === undefined ? {} : { placementChanges: report.changes }),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
