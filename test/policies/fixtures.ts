import { checkStacks, type CheckOptions } from "../../policies/engine/check";
import { readStack } from "../../policies/engine/model";
import { RESIDENCY_PACK } from "../../policies/packs/residency";
import type { CheckReport, Finding } from "../../policies/engine/types";

/** A small Terraform JSON stack in the shape CDKTF synthesizes, with a mainland default provider. */
export function terraformJson(stackName: string, blocks: Record<string, unknown>): Record<string, unknown> {
  return {
    "//": { metadata: { stackName } },
    provider: { alicloud: [{ region: "cn-shanghai" }] },
    ...blocks,
  };
}

/** Checks documents as stacks of one app (so cross-stack references resolve), as of a fixed day. */
export function check(
  documents: readonly Record<string, unknown>[],
  options: Partial<CheckOptions> = {},
): CheckReport {
  const stacks = documents.map((document, index) =>
    readStack(document, `stack${index}.json`, `stack${index}`),
  );
  return checkStacks(stacks, { today: "2026-06-01", packs: [RESIDENCY_PACK], ...options });
}

/** The uncovered findings of checking one document. */
export function violations(
  document: Record<string, unknown>,
  options: Partial<CheckOptions> = {},
): Finding[] {
  return check([document], options).findings.filter((finding) => !finding.covered);
}

/** Terraform JSON with one resource of `type` whose body is given. */
export function withResource(
  type: string,
  body: Record<string, unknown>,
  blocks: Record<string, unknown> = {},
) {
  return terraformJson("app", { resource: { [type]: { subject: body } }, ...blocks });
}
