import { ExceptionError, parseExceptions, validateExceptions } from "../../../policies/engine/exceptions";
import type { RulePack } from "../../../policies/engine/rule";
import type { Exception } from "../../../policies/engine/types";
import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { check, terraformJson } from "../fixtures";

/** A security pack of one rule that finds every provider configuration, standing in for the real one. */
const SECURITY_TEST_PACK: RulePack = {
  name: "security",
  rules: [
    {
      id: "SEC-TEST",
      severity: "error",
      title: "Test rule",
      help: "Fix it.",
      check: ({ stack }) =>
        [...stack.providers.keys()].map((key) => ({
          address: `provider.${key}`,
          attribute: "region",
          value: null,
          places: [],
          problem: "is insecure",
        })),
    },
  ],
};
const packs = [RESIDENCY_PACK, SECURITY_TEST_PACK];
const foreignAlias = terraformJson("app", {
  provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "sg", region: "ap-southeast-1" }] },
});
const approved: Exception = {
  address: "provider.alicloud.sg",
  rule: "RES-PROVIDER-REGION",
  basis: "security-assessment",
  reference: "CAC-2026-0042",
  destinations: ["ap-southeast-1"],
  dataClasses: ["personal-information"],
  approvedBy: "data-protection-officer",
  approvedOn: "2026-01-15",
  expires: "2026-12-31",
  reason: "Marketing site content is public and approved for export.",
};
const unresolvedRegion = terraformJson("app", {
  variable: { region: { type: "string" } },
  provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "dr", region: "${var.region}" }] },
});
const verified: Exception = {
  address: "provider.alicloud.dr",
  rule: "RES-PROVIDER-REGION",
  basis: "mainland-verified",
  reference: "VER-2026-7",
  approvedBy: "platform-lead",
  approvedOn: "2026-02-01",
  expires: "2026-12-31",
  reason: "The pipeline always passes cn-hangzhou for this variable.",
};
const riskAccepted: Exception = {
  address: "provider.alicloud",
  rule: "SEC-TEST",
  basis: "risk-accepted",
  reference: "RISK-12",
  approvedBy: "ciso",
  approvedOn: "2026-03-01",
  expires: "2027-03-01",
  reason: "The key is a revoked test key kept for a regression test.",
};

describe("exceptions", () => {
  it("cover a finding that resolves only to their destinations, which still appears, with basis and reference", () => {
    const report = check([foreignAlias], { exceptions: [approved] });
    expect(report.findings).toMatchObject([
      { covered: true, pack: "residency", exception: { ...approved, expired: false } },
    ]);
    expect(report.summary).toMatchObject({
      violations: 0,
      covered: 1,
      expiredExceptions: 0,
      unusedExceptions: 0,
    });
  });

  it("do not cover a place outside their destinations, and say why", () => {
    const report = check([foreignAlias], { exceptions: [{ ...approved, destinations: ["ap-northeast-1"] }] });
    expect(report.findings).toMatchObject([
      { covered: false, exception: { refused: "ap-southeast-1 is not among its destinations" } },
    ]);
    expect(report.summary).toMatchObject({ violations: 1, unusedExceptions: 0 });
  });

  it("no longer cover after they expire, and are reported as expired", () => {
    const report = check([foreignAlias], { exceptions: [{ ...approved, expires: "2026-05-31" }] });
    expect(report.findings).toMatchObject([{ covered: false, exception: { expired: true } }]);
    expect(report.summary).toMatchObject({ violations: 1, expiredExceptions: 1 });
    // The fixture's day is 2026-06-01: an exception is valid through its last day.
    expect(
      check([foreignAlias], { exceptions: [{ ...approved, expires: "2026-06-01" }] }).summary.violations,
    ).toBe(0);
  });

  it("match on rule, address and stack only; one that matches nothing is unused", () => {
    for (const wrong of [
      { ...approved, stack: "other" },
      { ...approved, address: "provider.alicloud" },
    ]) {
      const report = check([foreignAlias], { exceptions: [wrong] });
      expect(report.summary).toMatchObject({ violations: 1, unusedExceptions: 1 });
      expect(report.unusedExceptions).toEqual([wrong]);
    }
    expect(check([foreignAlias], { exceptions: [{ ...approved, stack: "app" }] }).summary.violations).toBe(0);
  });

  it("mainland-verified covers an unresolved value, never one that resolves outside", () => {
    expect(check([unresolvedRegion], { exceptions: [verified] }).summary).toMatchObject({
      violations: 0,
      covered: 1,
    });
    const outside = check([foreignAlias], { exceptions: [{ ...verified, address: "provider.alicloud.sg" }] });
    expect(outside.findings[0]?.exception?.refused).toMatch(
      /only values that cannot be resolved; this one resolves to ap-southeast-1/,
    );
    expect(outside.summary.violations).toBe(1);
    // An export never covers a place it cannot see.
    const blind = check([unresolvedRegion], {
      exceptions: [{ ...approved, address: "provider.alicloud.dr" }],
    });
    expect(blind.findings[0]?.exception?.refused).toMatch(/cannot be resolved/);
  });

  it("risk-accepted covers a rule of the security pack; findings carry their pack", () => {
    const report = check([foreignAlias], { packs, exceptions: [riskAccepted] });
    expect(report.findings.filter((f) => f.pack === "security")).toMatchObject([
      { address: "provider.alicloud", covered: true, exception: { basis: "risk-accepted" } },
      { address: "provider.alicloud.sg", covered: false },
    ]);
    expect(report.findings.filter((f) => f.pack === "residency")).toHaveLength(1);
  });
});

describe("validateExceptions", () => {
  it("accepts well-formed entries of every basis", () => {
    expect(validateExceptions([approved, verified, { ...approved, stack: "app" }], packs)).toHaveLength(3);
    expect(validateExceptions([], packs)).toEqual([]);
  });

  const at = "entry 1 (provider.alicloud.sg), field";
  it.each([
    [{ ...approved, rule: "RES-PROVIDER-REGON" }, `${at} "rule": unknown rule ID "RES-PROVIDER-REGON"`],
    [{ ...approved, basis: "contract" }, `${at} "basis": unknown basis "contract"`],
    [{ ...approved, expires: "2027-02-30" }, `${at} "expires": "2027-02-30" is not a calendar date`],
    [{ ...approved, approvedOn: "2026-13-01" }, `${at} "approvedOn": "2026-13-01" is not a calendar date`],
    [
      { ...approved, expires: "2026-12-31T00:00" },
      `${at} "expires": "2026-12-31T00:00" is not a calendar date`,
    ],
    [{ ...approved, expires: "2026-01-15" }, `${at} "expires": must be after approvedOn`],
    [{ ...approved, expires: "2029-01-16" }, `${at} "expires": a security-assessment lasts at most 3 years`],
    [{ ...approved, reference: " " }, `${at} "reference": must be a non-empty string`],
    [{ ...approved, reason: "Approved by assessment" }, `${at} "reason": must be at least a full sentence`],
    [{ ...approved, destinations: [] }, `${at} "destinations": must be a non-empty array`],
    [{ ...approved, destinations: ["Singapore"] }, `${at} "destinations": "Singapore" is not a region ID`],
    [{ ...approved, dataClasses: ["pii"] }, `${at} "dataClasses": "pii" is not a data class`],
    [
      { ...approved, assessment: "CAC-1" },
      `${at} "assessment": not a field of a security-assessment exception`,
    ],
    [{ ...approved, stack: ["app"] }, `${at} "stack": must be a non-empty string`],
    [
      { ...verified, address: "provider.alicloud.sg", destinations: ["cn-hongkong"] },
      `${at} "destinations": not a field of a mainland-verified`,
    ],
    [
      { ...riskAccepted, address: "provider.alicloud.sg", rule: "RES-PROVIDER-REGION" },
      `${at} "basis": risk-accepted covers only rules of the security pack`,
    ],
    [
      { ...riskAccepted, address: "provider.alicloud.sg", expires: "2027-03-02" },
      `${at} "expires": a risk-accepted lasts at most 1 year`,
    ],
  ])("refuses a bad field, naming the entry and the field (%#)", (entry, message) => {
    expect(() => validateExceptions([entry], packs)).toThrow(ExceptionError);
    expect(() => validateExceptions([entry], packs)).toThrow(message);
  });

  it("names a missing field, the index of the entry, and refuses what is not a list of objects", () => {
    const withoutReference: Record<string, unknown> = { ...approved };
    delete withoutReference.reference;
    expect(() => validateExceptions([approved, withoutReference], packs)).toThrow(
      'entry 2 (provider.alicloud.sg), field "reference": missing',
    );
    expect(() => validateExceptions({ entries: [] }, packs)).toThrow("must be a JSON array");
    expect(() => validateExceptions([null], packs)).toThrow("entry 1: not an object");
  });

  it("reads a file's text: JSON first, then each entry", () => {
    expect(parseExceptions("[]\n", packs)).toEqual([]);
    expect(() => parseExceptions("[{", packs)).toThrow(/^not valid JSON \(/);
    expect(() => parseExceptions(JSON.stringify([{ ...approved, basis: "x" }]), packs)).toThrow(
      'entry 1 (provider.alicloud.sg), field "basis": unknown basis "x"',
    );
  });

  it("never lets an export or a verification cover a security rule", () => {
    expect(() => validateExceptions([{ ...approved, rule: "SEC-TEST" }], packs)).toThrow(
      /"basis": security-assessment never covers a security rule/,
    );
    expect(() => validateExceptions([{ ...verified, rule: "SEC-TEST" }], packs)).toThrow(
      /"basis": mainland-verified never covers a security rule/,
    );
  });
});
