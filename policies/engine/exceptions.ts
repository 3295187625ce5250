import { DATA_CLASSES } from "../catalog/data-classes";
import type { PlaceVerdict } from "../catalog/places";
import type { RulePack } from "./rule";
import {
  EXPORT_BASES,
  type AppliedException,
  type Exception,
  type ExceptionBasis,
  type ExportException,
  type PackName,
} from "./types";

/**
 * Exceptions are legal records: an approved export (PIPL art. 38), a reviewer's verification that an
 * unresolvable value is in mainland China, or an accepted security risk. Each is validated strictly, and
 * covers a finding only within what it approves.
 */

/** A malformed exception: the message names the entry (index and address) and the field. */
export class ExceptionError extends Error {}

const BASES: readonly ExceptionBasis[] = [...EXPORT_BASES, "mainland-verified", "risk-accepted"];
const isExportBasis = (basis: ExceptionBasis): boolean => (EXPORT_BASES as readonly string[]).includes(basis);

/** The longest term, in years after `approvedOn`, of a basis that has one. */
const TERM_YEARS: Partial<Record<ExceptionBasis, number>> = {
  "security-assessment": 3,
  "risk-accepted": 1,
};

const COMMON_FIELDS = [
  "address",
  "rule",
  "basis",
  "reference",
  "approvedBy",
  "approvedOn",
  "expires",
  "reason",
];
const EXPORT_FIELDS = ["destinations", "dataClasses"];

/** At least a sentence: three words or more, ending with a full stop, question or exclamation mark. */
const SENTENCE = /^\S+(\s+\S+){2,}[.!?]$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The shape of an Alibaba Cloud region ID (`cn-shanghai`, `ap-southeast-1`, `cn-shanghai-finance-1`). */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** A real calendar date `YYYY-MM-DD` as a UTC time, or undefined (`2027-02-30` is not one). */
function calendarDate(text: string): Date | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : undefined;
}

/** The pack of every rule the given packs know. */
export function packOfRules(packs: readonly RulePack[]): ReadonlyMap<string, PackName> {
  return new Map(packs.flatMap((pack) => pack.rules.map((rule) => [rule.id, pack.name] as const)));
}

class Entry {
  constructor(
    private readonly fields: Record<string, unknown>,
    private readonly index: number,
  ) {}

  fail(field: string, problem: string): never {
    const address = typeof this.fields.address === "string" ? ` (${this.fields.address})` : "";
    throw new ExceptionError(`entry ${this.index + 1}${address}, field "${field}": ${problem}`);
  }

  text(field: string): string {
    const value = this.fields[field];
    if (value === undefined) this.fail(field, "missing");
    if (typeof value !== "string" || value.trim() === "") this.fail(field, "must be a non-empty string");
    return value;
  }

  date(field: string): Date {
    const date = calendarDate(this.text(field));
    if (date === undefined)
      this.fail(field, `${JSON.stringify(this.fields[field])} is not a calendar date YYYY-MM-DD`);
    return date;
  }

  list(field: string, allowed: (item: string) => boolean, what: string): string[] {
    const value = this.fields[field];
    if (value === undefined) this.fail(field, "missing (an export names what it approves)");
    if (!Array.isArray(value) || value.length === 0) this.fail(field, "must be a non-empty array");
    for (const item of value as unknown[]) {
      if (typeof item !== "string" || !allowed(item))
        this.fail(field, `${JSON.stringify(item)} is not ${what}`);
    }
    return value as string[];
  }
}

function validateEntry(value: unknown, index: number, rules: ReadonlyMap<string, PackName>): Exception {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ExceptionError(`entry ${index + 1}: not an object`);
  const fields = value as Record<string, unknown>;
  const entry = new Entry(fields, index);
  const address = entry.text("address");
  const rule = entry.text("rule");
  const pack = rules.get(rule);
  if (pack === undefined) entry.fail("rule", `unknown rule ID "${rule}"`);
  const basis = entry.text("basis") as ExceptionBasis;
  if (!BASES.includes(basis)) entry.fail("basis", `unknown basis "${basis}" (one of ${BASES.join(", ")})`);
  if (basis === "risk-accepted" && pack !== "security")
    entry.fail("basis", `risk-accepted covers only rules of the security pack, not ${rule}`);
  if (basis !== "risk-accepted" && pack === "security")
    entry.fail("basis", `${basis} never covers a security rule (${rule}): use risk-accepted`);
  const allowed = [...COMMON_FIELDS, "stack", ...(isExportBasis(basis) ? EXPORT_FIELDS : [])];
  const unknown = Object.keys(fields).find((field) => !allowed.includes(field));
  if (unknown !== undefined)
    entry.fail(unknown, `not a field of a ${basis} exception (fields: ${allowed.join(", ")})`);
  const reference = entry.text("reference");
  const approvedBy = entry.text("approvedBy");
  const approvedOn = entry.date("approvedOn");
  const expires = entry.date("expires");
  if (expires <= approvedOn) entry.fail("expires", "must be after approvedOn");
  const term = TERM_YEARS[basis];
  if (term !== undefined) {
    const limit = new Date(approvedOn);
    limit.setUTCFullYear(limit.getUTCFullYear() + term);
    if (expires > limit)
      entry.fail("expires", `a ${basis} lasts at most ${term} year${term === 1 ? "" : "s"} after approvedOn`);
  }
  const reason = entry.text("reason");
  if (!SENTENCE.test(reason.trim())) entry.fail("reason", "must be at least a full sentence");
  if (fields.stack !== undefined) entry.text("stack");
  const record = {
    address,
    rule,
    ...(fields.stack === undefined ? {} : { stack: fields.stack as string }),
    reference,
    approvedBy,
    approvedOn: fields.approvedOn as string,
    expires: fields.expires as string,
    reason,
  };
  if (!isExportBasis(basis)) return { ...record, basis: basis as "mainland-verified" | "risk-accepted" };
  return {
    ...record,
    basis: basis as ExportException["basis"],
    destinations: entry.list("destinations", (id) => REGION_ID.test(id), "a region ID"),
    dataClasses: entry.list(
      "dataClasses",
      (c) => DATA_CLASSES.includes(c),
      `a data class (${DATA_CLASSES.join(", ")})`,
    ),
  };
}

/**
 * Checks exceptions as read from JSON against the rules of the given packs; throws ExceptionError naming
 * the first bad entry and field.
 */
export function validateExceptions(value: unknown, packs: readonly RulePack[]): Exception[] {
  if (!Array.isArray(value)) throw new ExceptionError("must be a JSON array of exceptions ([] for none)");
  const rules = packOfRules(packs);
  return value.map((entry: unknown, index) => validateEntry(entry, index, rules));
}

/** Reads an exceptions file's text (a JSON array) and validates it; throws ExceptionError on bad input. */
export function parseExceptions(text: string, packs: readonly RulePack[]): Exception[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExceptionError(`not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
  return validateExceptions(value, packs);
}

/** Why an unexpired exception that names a finding does not cover it, or undefined when it does. */
function refusal(exception: Exception, places: readonly PlaceVerdict[]): string | undefined {
  const abroad = places.filter((place) => place.verdict === "outside" || place.verdict === "unresolved");
  if (exception.basis === "risk-accepted") return undefined;
  if (exception.basis === "mainland-verified") {
    const outside = abroad.find((place) => place.verdict === "outside");
    return outside === undefined
      ? undefined
      : `mainland-verified covers only values that cannot be resolved; this one resolves to ${outside.place}`;
  }
  const unresolved = abroad.find((place) => place.verdict === "unresolved");
  if (unresolved !== undefined)
    return `an export covers only places that resolve; this one cannot be resolved: ${unresolved.place}`;
  if (abroad.length === 0)
    return "an export covers only places outside mainland China; this finding has none";
  const destinations = "destinations" in exception ? exception.destinations : [];
  const elsewhere = abroad.find((place) => !destinations.includes(place.place));
  return elsewhere === undefined ? undefined : `${elsewhere.place} is not among its destinations`;
}

/** What a finding is, for matching exceptions: where it is, and where it resolves. */
export interface ExceptionTarget {
  readonly stack: string;
  readonly address: string;
  readonly rule: string;
  readonly places: readonly PlaceVerdict[];
}

/**
 * The exception that names a finding, marked expired when its last day is before today and refused when
 * its basis does not cover the finding; a covering one is preferred when several name it.
 */
export function matchException(
  exceptions: readonly Exception[],
  target: ExceptionTarget,
  today: string,
): { readonly exception: AppliedException; readonly matched: Exception } | undefined {
  let first: { exception: AppliedException; matched: Exception } | undefined;
  for (const exception of exceptions) {
    if (exception.address !== target.address || exception.rule !== target.rule) continue;
    if (exception.stack !== undefined && exception.stack !== target.stack) continue;
    const refused = refusal(exception, target.places);
    const applied: AppliedException = {
      ...exception,
      expired: exception.expires < today,
      ...(refused === undefined ? {} : { refused }),
    };
    if (!applied.expired && refused === undefined) return { exception: applied, matched: exception };
    first ??= { exception: applied, matched: exception };
  }
  return first;
}
