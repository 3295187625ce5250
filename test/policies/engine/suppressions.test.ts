import { validateSuppressions } from "../../../policies/engine/suppressions";
import type { Suppression } from "../../../policies/engine/types";
import { check, terraformJson } from "../fixtures";

const foreignAlias = terraformJson("app", {
  provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "sg", region: "ap-southeast-1" }] },
});
const approved: Suppression = {
  address: "provider.alicloud.sg",
  rule: "RES-PROVIDER-REGION",
  reason: "Marketing site content is public and approved for export.",
  approvedBy: "data-protection-officer",
  expires: "2026-12-31",
  assessment: "CAC-2026-0042",
};

describe("suppressions", () => {
  it("suppress a finding, which still appears, marked", () => {
    const report = check([foreignAlias], { suppressions: [approved] });
    expect(report.findings).toMatchObject([
      { suppressed: true, suppression: { ...approved, expired: false } },
    ]);
    expect(report.summary).toMatchObject({ violations: 0, suppressed: 1, expiredSuppressions: 0 });
  });

  it("no longer suppress after they expire, and are reported as expired", () => {
    const report = check([foreignAlias], { suppressions: [{ ...approved, expires: "2026-05-31" }] });
    expect(report.findings).toMatchObject([{ suppressed: false, suppression: { expired: true } }]);
    expect(report.summary).toMatchObject({ violations: 1, expiredSuppressions: 1 });
  });

  it("apply only to their address, rule and stack", () => {
    expect(
      check([foreignAlias], { suppressions: [{ ...approved, rule: "RES-BACKEND" }] }).summary.violations,
    ).toBe(1);
    expect(
      check([foreignAlias], { suppressions: [{ ...approved, stack: "other" }] }).summary.violations,
    ).toBe(1);
    expect(
      check([foreignAlias], { suppressions: [{ ...approved, address: "provider.alicloud" }] }).summary
        .violations,
    ).toBe(1);
    expect(check([foreignAlias], { suppressions: [{ ...approved, stack: "app" }] }).summary.violations).toBe(
      0,
    );
  });

  it.each([
    [{ ...approved, reason: "" }, "no reason"],
    [{ ...approved, reason: "ok" }, "full sentence"],
    [{ ...approved, approvedBy: undefined }, "no approvedBy"],
    [{ ...approved, expires: "next year" }, "YYYY-MM-DD"],
    ["not an object", "not an object"],
  ])("refuse a malformed entry (%#)", (entry, message) => {
    expect(() => validateSuppressions([entry])).toThrow(message);
  });

  it("still suppress on their last day, and name the entry that is malformed", () => {
    expect(
      check([foreignAlias], { suppressions: [{ ...approved, expires: "2026-06-01" }] }).summary,
    ).toMatchObject({
      violations: 0,
      expiredSuppressions: 0,
    });
    expect(() => validateSuppressions([approved, { ...approved, approvedBy: " " }])).toThrow(
      "suppression 2 has no approvedBy",
    );
    expect(() => validateSuppressions({ entries: [approved] })).toThrow("suppressions must be a JSON array");
    expect(() => validateSuppressions([null])).toThrow("suppression 1 is not an object");
    expect(() => validateSuppressions([[approved]])).toThrow("suppression 1 is not an object");
    expect(validateSuppressions([approved, { ...approved, stack: "app" }])).toHaveLength(2);
  });

  it.each([
    [{ ...approved, reason: "  Approved by the assessment.  " }, null],
    [{ ...approved, reason: "Approved by assessment" }, "the reason must be at least a full sentence"],
    [
      { ...approved, reason: "Approved  by\tthe assessment. And more" },
      "the reason must be at least a full sentence",
    ],
    [{ ...approved, reason: "Approved  by\tassessment." }, null],
    [{ ...approved, expires: "2026-12-31T00:00" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, expires: "x2026-12-31" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, expires: "26-12-31" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, expires: "2026-1-31" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, expires: "2026-12-1" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, expires: "2026-13-45" }, "expires must be a date YYYY-MM-DD"],
    [{ ...approved, assessment: 42 }, "assessment must be a string"],
    [{ ...approved, stack: ["app"] }, "stack must be a string"],
  ])("check each field of an entry (%#)", (entry, message) => {
    if (message === null) expect(validateSuppressions([entry])).toEqual([entry]);
    else
      expect(() => validateSuppressions([entry])).toThrow(`suppression 1 (provider.alicloud.sg): ${message}`);
  });
});
