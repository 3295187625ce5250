/**
 * The residency engine's contract: what a check reads about and what it reports.
 * Every adapter (synth-time validation, CLI, plan reader) and every report format speaks these types,
 * so they stay plain data: serialisable, framework-free, stable across CDKTF's end of life.
 */

/** Where a value was found to place data or a network path. */
export type Verdict =
  /** Resolved to a region in the mainland catalog. */
  | "mainland"
  /** Resolved to a place outside mainland China (including `cn-hongkong` and every unknown region). */
  | "outside"
  /** Could not be resolved before deploy (variable without validation, unknown after apply, missing region...). */
  | "unresolved"
  /** Places nothing anywhere (a location-free utility provider such as random or null). */
  | "location-free";

export type Severity = "error" | "warning";

/** The kind of input a report was made from: synthesized CDKTF or Terraform JSON, a module directory, a plan. */
export type InputKind = "cdktf" | "terraform" | "plan";

/** What `terraform show -json` says will happen to a resource. */
export type PlanAction = "create" | "update" | "replace" | "delete" | "read" | "no-op";

/** Lines of a file, 1-based and inclusive. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/** Where in the input a finding or resource comes from, for SARIF and for reviewers. */
export interface SourceLocation {
  /** The file that was read (a cdk.tf.json or a plan JSON), as given on the command line. */
  readonly file: string;
  /** The CDKTF construct path from the `//` metadata, when the input is synthesized CDKTF output. */
  readonly constructPath?: string;
  /** The lines of the block in the file read (1-based, inclusive), when the reader located it. */
  readonly region?: LineRange;
  /** The block's address, when the finding names one of its instances (`x.y[0]`): the block the lines are of. */
  readonly block?: string;
}

/** The rule packs a finding can come from. */
export type PackName = "residency" | "security";

/** The routes of PIPL art. 38 and the 2024 cross-border data flow provisions that approve an export. */
export const EXPORT_BASES = [
  "security-assessment",
  "standard-contract",
  "certification",
  "exemption",
] as const;
export type ExportBasis = (typeof EXPORT_BASES)[number];

/**
 * Why an exception stands: an approved export; `mainland-verified`, a value the guard cannot resolve that a
 * reviewer verified to be in mainland China; or `risk-accepted`, a security finding whose risk is accepted.
 */
export type ExceptionBasis = ExportBasis | "mainland-verified" | "risk-accepted";

interface ExceptionRecord {
  /** Terraform address it applies to, e.g. `alicloud_oss_bucket_replication.dr`. */
  readonly address: string;
  /** Rule ID it covers. */
  readonly rule: string;
  /** Stack it applies to; every stack when absent. */
  readonly stack?: string;
  /** The assessment, filing, certificate or verification number. */
  readonly reference: string;
  /** Who approved it. */
  readonly approvedBy: string;
  /** `YYYY-MM-DD`. */
  readonly approvedOn: string;
  /** Last day it is valid, `YYYY-MM-DD`; after that it no longer covers and is reported as expired. */
  readonly expires: string;
  /** Why the exception is acceptable: at least a full sentence. */
  readonly reason: string;
}

/** An approved export: it covers a finding only when every place the finding resolves to is a destination. */
export interface ExportException extends ExceptionRecord {
  readonly basis: ExportBasis;
  /** The region IDs the export is approved to. */
  readonly destinations: readonly string[];
  /** The classes of data approved for export, e.g. `personal-information`. */
  readonly dataClasses: readonly string[];
}

export interface VerificationException extends ExceptionRecord {
  readonly basis: "mainland-verified" | "risk-accepted";
}

/** An approved exception for one rule on one address, as committed in `residency-exceptions.json`. */
export type Exception = ExportException | VerificationException;

/** An exception that matched a finding by address, rule and stack. */
export type AppliedException = Exception & {
  readonly expired: boolean;
  /** Why it does not cover the finding although it names it (a place not among its destinations...). */
  readonly refused?: string;
};

export interface Finding {
  readonly rule: string;
  readonly pack: PackName;
  readonly severity: Severity;
  readonly stack: string;
  /** Terraform address: `alicloud_oss_bucket.logs`, `provider.alicloud.dr`, `terraform.backend.oss`, `variable.region`. */
  readonly address: string;
  /** Attribute path within the block, e.g. `destination.location` or `region`. */
  readonly attribute: string;
  /** The value as written in the input. */
  readonly value: unknown;
  /** The place it resolved to, or why it could not be resolved. */
  readonly resolved: string;
  readonly verdict: Verdict;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** True when an unexpired exception covers this finding. */
  readonly covered: boolean;
  /** The exception that names this finding, covering or not (expired, refused). */
  readonly exception?: AppliedException;
  readonly source: SourceLocation;
}

/** Where one resource (or provider, backend) resolves, for the per-stack placement table and the diff. */
export interface ResourcePlacement {
  readonly stack: string;
  readonly address: string;
  /** Terraform resource type, e.g. `alicloud_oss_bucket`. */
  readonly type: string;
  /** Provider configuration it uses, e.g. `alicloud` or `alicloud.dr`. */
  readonly provider: string;
  /** Every place it resolved to (region IDs or other place names), or the reason it did not resolve. */
  readonly places: readonly string[];
  readonly verdict: Verdict;
  /** Planned action, for plan input only. */
  readonly action?: PlanAction;
  readonly source: SourceLocation;
}

/** A change of placement between a base (target branch) and the checked input. */
export interface PlacementChange {
  readonly change: "added" | "removed" | "moved";
  readonly stack: string;
  readonly address: string;
  readonly before?: readonly string[];
  readonly after?: readonly string[];
  readonly action?: PlanAction;
}

/** A rule as the report describes it (SARIF `tool.driver.rules`, Markdown help). */
export interface RuleDescription {
  readonly id: string;
  readonly pack: PackName;
  readonly severity: Severity;
  /** One line: what the rule refuses. */
  readonly title: string;
  /** Why it matters and how to fix a violation. */
  readonly help: string;
}

export interface ReportSummary {
  readonly stacks: number;
  readonly resources: number;
  readonly violations: number;
  /** Findings an unexpired exception covers. */
  readonly covered: number;
  readonly expiredExceptions: number;
  /** Exceptions of the packs run that name no finding: a warning, as they may be misspelled or stale. */
  readonly unusedExceptions: number;
  readonly unresolved: number;
}

/** The whole result of one check; every report format renders this and nothing else. */
/** A root variable's value taken from a tfvars file (the value itself is not reported: tfvars hold secrets). */
export interface VariableSource {
  readonly variable: string;
  readonly file: string;
}

export interface CheckInput {
  readonly path: string;
  readonly kind: InputKind;
  /** The root variables tfvars files and --var-file bound, each with the file whose value Terraform uses. */
  readonly variables?: readonly VariableSource[];
}

export interface CheckReport {
  readonly inputs: readonly CheckInput[];
  readonly rules: readonly RuleDescription[];
  readonly findings: readonly Finding[];
  readonly resources: readonly ResourcePlacement[];
  /** Present when the check was given a base to compare with (`--base`). */
  readonly changes?: readonly PlacementChange[];
  /** Exceptions of the packs run that name no finding. */
  readonly unusedExceptions: readonly Exception[];
  readonly summary: ReportSummary;
}

/** A type with its readonly properties writable: for an object built, or reused, where it is made. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
