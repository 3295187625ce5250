import { SECURITY_PACK } from "../../../../policies/packs/security";
import type { Finding } from "../../../../policies/engine/types";
import { check, terraformJson } from "../../fixtures";

/** A stack named `name` with the given resources (`{ type: { name: body } }`) and other top-level blocks. */
export function stack(
  name: string,
  resource: Record<string, Record<string, unknown>>,
  blocks: Record<string, unknown> = {},
): Record<string, unknown> {
  return terraformJson(name, { resource, ...blocks });
}

/** The security pack's findings on documents checked as one app, optionally of one rule only. */
export function securityFindings(
  documents: readonly Record<string, unknown>[],
  rule?: string,
): readonly Finding[] {
  const findings = check(documents, { packs: [SECURITY_PACK] }).findings;
  return rule === undefined ? findings : findings.filter((finding) => finding.rule === rule);
}

/** `address attribute: message-start` of each finding of one rule on one stack, to assert in one line. */
export function reported(document: Record<string, unknown>, rule: string): string[] {
  return securityFindings([document], rule).map((finding) => `${finding.address} ${finding.attribute}`);
}

/** The message of the only finding of a rule on one stack. */
export function onlyMessage(document: Record<string, unknown>, rule: string): string {
  const findings = securityFindings([document], rule);
  expect(findings).toHaveLength(1);
  return findings[0]?.message ?? "";
}
