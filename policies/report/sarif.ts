import type { createHash as CreateHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type * as Sarif from "sarif";
import { version } from "../../package.json";
import type { CheckReport, Finding, RuleDescription, Severity } from "../engine/types";
import { exceptionText, type RenderOptions, valueText } from "./shared";

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
  const tags = rule.pack === "residency" ? ["security", "data-residency"] : ["security"];
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      tags: [...tags, `pack:${rule.pack}`],
      pack: rule.pack,
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
  return hashing()("sha256")
    .update([finding.stack, finding.address, finding.attribute, finding.rule].join("\u0000"))
    .digest("hex");
}

/**
 * Node's crypto module, loaded on first use: loading it is the largest single part of the CLI's start-up
 * (6 ms of 80, 2026-12-01, the 2-core machine), and only a SARIF report needs it.
 */
function hashing(): typeof CreateHash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous, and only on first use
  return (require("crypto") as typeof import("crypto")).createHash;
}

function result(finding: Finding, ruleIndex: ReadonlyMap<string, number>): Sarif.Result {
  const exception = finding.exception;
  const expired = exception?.expired === true ? " Its exception has expired." : "";
  const refused =
    exception?.refused === undefined ? "" : ` Its exception does not cover it: ${exception.refused}.`;
  const index = ruleIndex.get(finding.rule);
  const { region } = finding.source;
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[finding.severity],
    message: {
      text: `${finding.address} ${finding.attribute} = ${valueText(finding.value)} resolves to ${finding.resolved}: ${finding.message}${expired}${refused}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(finding.source.file) },
          ...(region === undefined
            ? {}
            : { region: { startLine: region.startLine, endLine: region.endLine } }),
        },
        logicalLocations: logicalLocations(finding),
      },
    ],
    partialFingerprints: { "residencyFinding/v1": fingerprint(finding) },
    // An exception that does not cover is left out: code scanning would otherwise close the alert.
    ...(finding.covered && exception !== undefined
      ? {
          suppressions: [{ kind: "external", status: "accepted", justification: exceptionText(exception) }],
        }
      : {}),
    properties: {
      pack: finding.pack,
      stack: finding.stack,
      attribute: finding.attribute,
      value: finding.value,
      resolved: finding.resolved,
      verdict: finding.verdict,
      ...(exception === undefined ? {} : { exception }),
    },
  };
}

/** The README of the installed tool (the directory above that holds it), as a file URI. */
function readmeUri(): string {
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, "README.md")) && path.dirname(directory) !== directory)
    directory = path.dirname(directory);
  return pathToFileURL(path.join(directory, "README.md")).href;
}

/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one run whose rules are tagged with their pack, and
 * one result per finding, with the lines of its block, covered ones marked as externally suppressed.
 */
export function renderSarif(report: CheckReport, options?: Partial<RenderOptions>): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "residency",
            informationUri: options?.informationUri ?? readmeUri(),
            version,
            semanticVersion: version,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        results: report.findings.map((finding) => result(finding, ruleIndex)),
        properties: {
          summary: report.summary,
          findingsByPack: Object.fromEntries(
            [...new Set(report.rules.map((rule) => rule.pack))].map((pack) => [
              pack,
              report.findings.filter((finding) => finding.pack === pack).length,
            ]),
          ),
          ...(report.unusedExceptions.length === 0 ? {} : { unusedExceptions: report.unusedExceptions }),
          inputs: report.inputs,
          ...(report.changes === undefined ? {} : { placementChanges: report.changes }),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
