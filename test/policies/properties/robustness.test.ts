import fc from "fast-check";
import { InputError } from "../../../policies/engine/model";
import type { CheckReport } from "../../../policies/engine/types";
import { check } from "../fixtures";

/** Strings that look like what the engine interprets: places, expressions, provider names, credentials. */
const meaningful = fc.constantFrom(
  "cn-shanghai",
  "cn-hongkong",
  "oss-cn-hangzhou.aliyuncs.com",
  "acs:kms:cn-shanghai:1:key/k",
  "${local.a}",
  "${var.a}",
  "${alicloud_oss_bucket.b.location}",
  "alicloud.dr",
  "random",
  "__proto__",
  "constructor",
  "",
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    meaningful,
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(meaningful, fc.string()), tie("value"), { maxKeys: 3 }),
  ),
})).value;
const name = fc.oneof(
  meaningful,
  fc.constantFrom("alicloud_oss_bucket", "alicloud_vswitch", "random_id", "a"),
);
const block = fc.dictionary(name, fc.oneof(value, fc.dictionary(name, value, { maxKeys: 3 })), {
  maxKeys: 3,
});
const document = fc.record(
  {
    provider: fc.oneof(block, value),
    resource: fc.oneof(block, value),
    data: block,
    locals: fc.oneof(block, value),
    variable: block,
    output: block,
    terraform: fc.oneof(fc.record({ backend: block }), value),
  },
  { requiredKeys: [] },
);

/** A report keeps its own accounting: violations are the unsuppressed errors, findings are never mainland. */
function expectConsistent(report: CheckReport): void {
  const errors = report.findings.filter((finding) => finding.severity === "error" && !finding.suppressed);
  expect(report.summary.violations).toBe(errors.length);
  for (const finding of report.findings) expect(["outside", "unresolved"]).toContain(finding.verdict);
}

describe("robustness properties", () => {
  it("returns a consistent report or a clear input error for any JSON shaped into Terraform blocks", () => {
    fc.assert(
      fc.property(document, (input) => {
        try {
          expectConsistent(check([input]));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).not.toBe("");
        }
      }),
      { numRuns: 400 },
    );
  });
});
