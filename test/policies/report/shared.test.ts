import {
  changeText,
  isViolation,
  exceptionText,
  findingsByPack,
  stacksOf,
  valueText,
} from "../../../policies/report/shared";
import { APPROVED, finding, mixedReport, coveredFinding } from "./fixtures";

describe("report helpers", () => {
  it("lists stacks in the order they first appear, resources before findings", () => {
    expect(stacksOf(mixedReport())).toEqual(["storage", "network"]);
  });

  it("shows a value as written: strings as they are, the rest as JSON", () => {
    expect(valueText("cn-shanghai")).toBe("cn-shanghai");
    expect(valueText(["cn-shanghai", 1])).toBe('["cn-shanghai",1]');
    expect(valueText(undefined)).toBe("undefined");
  });

  it("counts an uncovered error as a violation, not a warning, nor a covered finding", () => {
    expect(isViolation(finding())).toBe(true);
    expect(isViolation(finding({ severity: "warning" }))).toBe(false);
    expect(isViolation(coveredFinding())).toBe(false);
    expect(isViolation(coveredFinding(true))).toBe(true);
  });

  it("describes an exception basis and reference first, saying when it expired or does not cover", () => {
    expect(exceptionText({ ...APPROVED, expired: false })).toBe(
      "security-assessment CAC-2026-0042 to cn-hongkong (important-data), approved by Wang Li (DPO) on 2026-01-01, expires 2028-12-31: The archive is an approved export under the 2026 assessment.",
    );
    expect(exceptionText({ ...APPROVED, expired: true })).toContain("EXPIRED on 2028-12-31");
    expect(
      exceptionText({ ...APPROVED, expired: false, refused: "x is not among its destinations" }),
    ).toMatch(/; does not cover: x is not among its destinations$/);
  });

  it("groups findings by the pack of their rule", () => {
    const security = finding({ rule: "SEC-X", pack: "security" });
    const grouped = findingsByPack({ ...mixedReport(), findings: [finding(), security] });
    expect(grouped).toEqual([
      { pack: "residency", findings: [finding()] },
      { pack: "security", findings: [security] },
    ]);
  });

  it("says where a changed resource was and is", () => {
    const where = { stack: "s", address: "a" };
    expect(changeText({ ...where, change: "added", after: ["cn-shanghai"], action: "create" })).toBe(
      "cn-shanghai (create)",
    );
    expect(changeText({ ...where, change: "removed", before: ["cn-hangzhou"] })).toBe("cn-hangzhou");
    expect(
      changeText({
        ...where,
        change: "moved",
        before: ["cn-shanghai"],
        after: ["cn-beijing", "cn-hangzhou"],
      }),
    ).toBe("cn-shanghai -> cn-beijing, cn-hangzhou");
  });
});
