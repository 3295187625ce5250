import type {
  CheckReport,
  Finding,
  PlacementChange,
  ResourcePlacement,
  RuleDescription,
  Exception,
} from "../../../policies/engine/types";

export const RULES: RuleDescription[] = [
  {
    id: "RES1",
    pack: "residency",
    severity: "error",
    title: "Every resource resolves to a mainland China region",
    help: "Set the provider region to a mainland region such as cn-shanghai.",
  },
  {
    id: "RES2",
    pack: "residency",
    severity: "warning",
    title: "Replication targets stay in mainland China",
    help: "Point replication at the dr provider alias (cn-hangzhou).",
  },
];

const FILE = "cdktf.out/stacks/storage/cdk.tf.json";

export function placement(overrides: Partial<ResourcePlacement> & { address: string }): ResourcePlacement {
  return {
    stack: "storage",
    type: overrides.address.split(".")[0] ?? "",
    provider: "alicloud",
    places: ["cn-shanghai"],
    verdict: "mainland",
    source: { file: FILE, constructPath: `storage/${overrides.address.split(".")[1] ?? ""}` },
    ...overrides,
  };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: "RES1",
    pack: "residency",
    severity: "error",
    stack: "storage",
    address: "alicloud_oss_bucket.logs",
    attribute: "region",
    value: "cn-hongkong",
    resolved: "cn-hongkong (outside mainland China)",
    verdict: "outside",
    message: "Use a mainland region such as cn-shanghai.",
    covered: false,
    source: { file: FILE, constructPath: "storage/logs" },
    ...overrides,
  };
}

export const APPROVED: Exception = {
  address: "alicloud_oss_bucket.archive",
  rule: "RES1",
  basis: "security-assessment",
  reference: "CAC-2026-0042",
  destinations: ["cn-hongkong"],
  dataClasses: ["important-data"],
  reason: "The archive is an approved export under the 2026 assessment.",
  approvedBy: "Wang Li (DPO)",
  approvedOn: "2026-01-01",
  expires: "2028-12-31",
};

export function coveredFinding(expired = false, overrides: Partial<Finding> = {}): Finding {
  return finding({
    address: APPROVED.address,
    value: "cn-hongkong",
    covered: !expired,
    exception: { ...APPROVED, expires: expired ? "2026-01-31" : APPROVED.expires, expired },
    source: { file: FILE, constructPath: "storage/archive" },
    ...overrides,
  });
}

/** A report whose summary is counted from its findings and resources, as the engine counts it. */
export function report(
  parts: {
    findings?: Finding[];
    resources?: ResourcePlacement[];
    changes?: PlacementChange[];
    kind?: "cdktf" | "plan";
    unusedExceptions?: Exception[];
  } = {},
): CheckReport {
  const findings = parts.findings ?? [];
  const resources = parts.resources ?? [];
  return {
    inputs: [{ path: "cdktf.out", kind: parts.kind ?? "cdktf" }],
    rules: RULES,
    findings,
    resources,
    ...(parts.changes === undefined ? {} : { changes: parts.changes }),
    unusedExceptions: parts.unusedExceptions ?? [],
    summary: {
      stacks: new Set([...resources.map((r) => r.stack), ...findings.map((f) => f.stack)]).size,
      resources: resources.length,
      violations: findings.filter((f) => !f.covered && f.severity === "error").length,
      covered: findings.filter((f) => f.covered).length,
      expiredExceptions: findings.filter((f) => f.exception?.expired === true).length,
      unusedExceptions: (parts.unusedExceptions ?? []).length,
      unresolved: findings.filter((f) => f.verdict === "unresolved").length,
    },
  };
}

/** A value an attacker could put in a Terraform attribute to break a table or inject markup. */
export const HOSTILE =
  'cn-hongkong | <img src=x onerror=alert(1)> `code` & "q" \n# heading [link](http://x) @org/team';

/** Two stacks: storage with a violation, a covered and an expired finding, and a provider finding; network clean. */
export function mixedReport(overrides: { changes?: PlacementChange[] } = {}): CheckReport {
  return report({
    resources: [
      placement({ address: "alicloud_oss_bucket.logs", places: ["cn-hongkong"], verdict: "outside" }),
      placement({ address: "alicloud_oss_bucket.archive", places: ["cn-hongkong"], verdict: "outside" }),
      placement({ address: "alicloud_kms_key.data" }),
      placement({ address: "alicloud_oss_bucket.old", places: ["cn-hongkong"], verdict: "outside" }),
      placement({ stack: "network", address: "alicloud_vpc.main" }),
      placement({ stack: "network", address: "alicloud_vswitch.a", places: ["cn-shanghai-b"] }),
    ],
    findings: [
      finding(),
      coveredFinding(),
      coveredFinding(true, { address: "alicloud_oss_bucket.old" }),
      finding({
        address: "provider.alicloud.dr",
        value: { region: "${var.region}" },
        resolved: "unresolved: var.region has no validation",
        verdict: "unresolved",
        source: { file: FILE },
      }),
    ],
    ...overrides,
  });
}
