import { checkStacks, worstVerdict } from "../../../policies/engine/check";
import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { readStack } from "../../../policies/engine/model";
import type { Exception } from "../../../policies/engine/types";
import { check, terraformJson } from "../fixtures";

const mainland = { verdict: "mainland", place: "cn-shanghai" } as const;
const outside = { verdict: "outside", place: "cn-hongkong" } as const;
const unresolved = { verdict: "unresolved", place: "var.region has no validation" } as const;

/** A stack whose HBR policy replicates to two places, from a construct, beside a random ID and a data source. */
const replicating = (...regions: string[]) =>
  terraformJson("app", {
    resource: {
      alicloud_hbr_policy: {
        p: {
          "//": { metadata: { path: "app/policy" } },
          rules: regions.map((region) => ({ replication_region_id: region })),
        },
      },
      random_id: { r: { byte_length: 4 } },
    },
    data: { alicloud_zones: { z: {} } },
  });

describe("checkStacks", () => {
  it("ranks verdicts: outside beats unresolved beats mainland beats location-free", () => {
    expect(worstVerdict([])).toBe("location-free");
    expect(worstVerdict([mainland, mainland])).toBe("mainland");
    expect(worstVerdict([mainland, unresolved, mainland])).toBe("unresolved");
    expect(worstVerdict([unresolved, outside, mainland])).toBe("outside");
    expect(worstVerdict([outside, unresolved])).toBe("outside");
  });

  it("reports an outside value with its distinct foreign places, the construct path and how to fix it", () => {
    const report = check([
      terraformJson("app", {
        resource: {
          alicloud_hbr_policy: {
            p: {
              "//": { metadata: { path: "app/policy" } },
              region_ids: ["cn-hongkong", "cn-hangzhou", "ap-southeast-1", "cn-hongkong"],
            },
          },
        },
      }),
    ]);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      address: "alicloud_hbr_policy.p",
      resolved: "cn-hongkong, ap-southeast-1",
      verdict: "outside",
      source: { file: "stack0.json", constructPath: "app/policy" },
    });
    expect(finding?.message).toMatch(
      /^region_ids resolves to cn-hongkong, ap-southeast-1, outside mainland China\. Data generated/,
    );
    expect(finding).not.toHaveProperty("exception");
  });

  it("reports an unresolved value as such, and a finding without construct path names only the file", () => {
    const report = check([
      terraformJson("app", {
        provider: { alicloud: [{ region: "${var.region}" }] },
        variable: { region: {} },
      }),
    ]);
    expect(report.findings).toMatchObject([{ verdict: "unresolved", source: { file: "stack0.json" } }]);
    expect(report.findings[0]?.source).toStrictEqual({ file: "stack0.json" });
    expect(report.findings[0]?.message).toContain("region cannot be resolved: ");
    expect(report.summary).toMatchObject({ violations: 1, unresolved: 1 });
  });

  it("places every managed resource: its provider's region plus its own places, distinct; data sources are not placed", () => {
    const report = check([replicating("cn-hangzhou", "cn-hangzhou", "cn-shanghai")]);
    expect(report.findings).toEqual([]);
    expect(
      report.resources.map(({ address, places, verdict, provider }) => ({
        address,
        places,
        verdict,
        provider,
      })),
    ).toEqual([
      {
        address: "alicloud_hbr_policy.p",
        places: ["cn-shanghai", "cn-hangzhou"],
        verdict: "mainland",
        provider: "alicloud",
      },
      { address: "random_id.r", places: [], verdict: "location-free", provider: "random" },
    ]);
    expect(report.resources[0]?.source).toEqual({ file: "stack0.json", constructPath: "app/policy" });
    expect(report.resources[1]?.source).toStrictEqual({ file: "stack0.json" });
    expect(report.resources.map((resource) => resource.places)).toStrictEqual([
      ["cn-shanghai", "cn-hangzhou"],
      [],
    ]);
    expect(report.resources[0]).not.toHaveProperty("action");
  });

  it("describes the rules it ran and counts what it found", () => {
    const report = check([replicating("cn-hongkong"), replicating("${var.nowhere}")]);
    expect(report.rules.length).toBeGreaterThan(0);
    for (const rule of report.rules)
      expect(Object.keys(rule).sort()).toEqual(["help", "id", "pack", "severity", "title"]);
    expect(report.rules.map((rule) => rule.id)).toContain("RES-LOCATION-ATTRIBUTE");
    expect(report.inputs).toEqual([
      { path: "stack0.json", kind: "cdktf" },
      { path: "stack1.json", kind: "cdktf" },
    ]);
    expect(report.summary).toEqual({
      stacks: 2,
      resources: 4,
      violations: 2,
      covered: 0,
      expiredExceptions: 0,
      unusedExceptions: 0,
      unresolved: 1,
    });
  });

  it("judges exceptions against today's date when no date is given", () => {
    const today = new Date().toISOString().slice(0, 10);
    const exception: Exception = {
      address: "alicloud_hbr_policy.p",
      rule: "RES-LOCATION-ATTRIBUTE",
      basis: "security-assessment",
      reference: "CAC-2026-0042",
      destinations: ["cn-hongkong"],
      dataClasses: ["operational-logs"],
      reason: "Replication to Hong Kong is approved by the assessment.",
      approvedBy: "dpo",
      approvedOn: "2000-01-01",
      expires: today,
    };
    const stack = readStack(replicating("cn-hongkong"), "app.json", "app");
    expect(checkStacks([stack], { packs: [RESIDENCY_PACK], exceptions: [exception] }).summary).toMatchObject({
      violations: 0,
      covered: 1,
    });
    const expired = checkStacks([stack], {
      packs: [RESIDENCY_PACK],
      exceptions: [{ ...exception, expires: "2000-01-02" }],
    });
    expect(expired.summary).toMatchObject({ violations: 1, covered: 0, expiredExceptions: 1 });
    expect(checkStacks([stack], { packs: [RESIDENCY_PACK] }).findings[0]).toMatchObject({
      covered: false,
      pack: "residency",
    });
  });
});
