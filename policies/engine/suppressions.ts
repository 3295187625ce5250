import type { AppliedSuppression, Suppression } from "./types";

/** A suppression file or prop that is malformed: the message says which entry and what is wrong. */
export class SuppressionError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** At least a sentence: three words or more, ending with a full stop, question or exclamation mark. */
const SENTENCE = /^\S+(\s+\S+){2,}[.!?]$/;

/** Checks suppressions as read from JSON; throws SuppressionError naming the first bad entry. */
export function validateSuppressions(value: unknown): Suppression[] {
  if (!Array.isArray(value)) throw new SuppressionError("suppressions must be a JSON array of objects");
  return value.map((entry: unknown, index) => {
    const where = `suppression ${index + 1}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw new SuppressionError(`${where} is not an object`);
    const fields = entry as Record<string, unknown>;
    for (const field of ["address", "rule", "reason", "approvedBy", "expires"]) {
      if (typeof fields[field] !== "string" || (fields[field] as string).trim() === "") {
        throw new SuppressionError(`${where} has no ${field}`);
      }
    }
    const suppression = entry as Suppression;
    if (!SENTENCE.test(suppression.reason.trim())) {
      throw new SuppressionError(
        `${where} (${suppression.address}): the reason must be at least a full sentence`,
      );
    }
    if (!DATE.test(suppression.expires) || Number.isNaN(Date.parse(suppression.expires))) {
      throw new SuppressionError(`${where} (${suppression.address}): expires must be a date YYYY-MM-DD`);
    }
    for (const field of ["assessment", "stack"] as const) {
      if (suppression[field] !== undefined && typeof suppression[field] !== "string") {
        throw new SuppressionError(`${where} (${suppression.address}): ${field} must be a string`);
      }
    }
    return suppression;
  });
}

/** The suppression that covers a finding, marked expired when its last day is before today. */
export function matchSuppression(
  suppressions: readonly Suppression[],
  finding: { readonly stack: string; readonly address: string; readonly rule: string },
  today: string,
): AppliedSuppression | undefined {
  const match = suppressions.find(
    (s) =>
      s.address === finding.address &&
      s.rule === finding.rule &&
      (s.stack === undefined || s.stack === finding.stack),
  );
  return match === undefined ? undefined : { ...match, expired: match.expires < today };
}
