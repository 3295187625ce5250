import {
  changeText,
  isViolation,
  stacksOf,
  suppressionText,
  valueText,
} from "../../../policies/report/shared";
import { APPROVED, finding, mixedReport, suppressedFinding } from "./fixtures";

describe("report helpers", () => {
  it("lists stacks in the order they first appear, resources before findings", () => {
    expect(stacksOf(mixedReport())).toEqual(["storage", "network"]);
  });

  it("shows a value as written: strings as they are, the rest as JSON", () => {
    expect(valueText("cn-shanghai")).toBe("cn-shanghai");
    expect(valueText(["cn-shanghai", 1])).toBe('["cn-shanghai",1]');
    expect(valueText(undefined)).toBe("undefined");
  });

  it("counts an unsuppressed error as a violation, not a warning, nor a suppressed finding", () => {
    expect(isViolation(finding())).toBe(true);
    expect(isViolation(finding({ severity: "warning" }))).toBe(false);
    expect(isViolation(suppressedFinding())).toBe(false);
    expect(isViolation(suppressedFinding(true))).toBe(true);
  });

  it("describes a suppression, saying when it expired", () => {
    expect(suppressionText({ ...APPROVED, expired: false })).toBe(
      "The archive is an approved export under the 2026 assessment. (approved by Wang Li (DPO), expires 2099-12-31, assessment CAC-2026-0042)",
    );
    expect(suppressionText({ ...APPROVED, assessment: undefined, expired: true })).toContain(
      "EXPIRED on 2099-12-31)",
    );
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
