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
});
