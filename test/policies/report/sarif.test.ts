import sarifSchema from "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
import Ajv from "ajv";
import draft04 from "ajv/lib/refs/json-schema-draft-04.json";
import type * as Sarif from "sarif";
import { artifactUri, renderSarif } from "../../../policies/report/sarif";
import { HOSTILE, RULES, finding, mixedReport, report } from "./fixtures";

const parse = (text: string): Sarif.Log => JSON.parse(text) as Sarif.Log;

/** The official SARIF 2.1.0 JSON schema (draft-04), as shipped by @microsoft/jest-sarif. */
const validateSarif = new Ajv({ schemaId: "auto", allErrors: true })
  .addMetaSchema(draft04)
  .compile(sarifSchema);

function expectValidSarif(log: Sarif.Log): void {
  validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
}

describe("renderSarif", () => {
  const log = parse(renderSarif(mixedReport()));
  const run = log.runs[0] as Sarif.Run;
  const results = run.results ?? [];

  it("is valid against the SARIF 2.1.0 schema", () => {
    expectValidSarif(log);
    expectValidSarif(parse(renderSarif(report())));
    expect(validateSarif({ version: "2.1.0", runs: [{ results: [] }] })).toBe(false); // no tool: invalid
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
  });

  it("describes the tool and every rule with text, help and level", () => {
    expect(run.tool.driver.name).toBe("residency");
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.rules).toEqual(
      RULES.map((rule) =>
        expect.objectContaining({
          id: rule.id,
          shortDescription: { text: rule.title },
          fullDescription: { text: rule.help },
          help: { text: rule.help },
          defaultConfiguration: { level: rule.severity },
        }),
      ),
    );
  });

  it("reports one result per finding, levelled by severity and pointing at its rule", () => {
    expect(results).toHaveLength(4);
    expect(results.map((r) => r.ruleId)).toEqual(["RES1", "RES1", "RES1", "RES1"]);
    expect(results.every((r) => r.ruleIndex === 0 && r.level === "error")).toBe(true);
    const warning = parse(
      renderSarif(report({ findings: [finding({ rule: "RES2", severity: "warning" })] })),
    );
    expect(warning.runs[0]?.results?.[0]).toMatchObject({ ruleId: "RES2", ruleIndex: 1, level: "warning" });
    expect(results[0]?.message.text).toContain("alicloud_oss_bucket.logs region = cn-hongkong");
  });

  it("locates each result in the file read and names the Terraform address and construct path", () => {
    expect(results[0]?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: "cdktf.out/stacks/storage/cdk.tf.json" } },
        logicalLocations: [
          {
            name: "alicloud_oss_bucket.logs",
            fullyQualifiedName: "storage/alicloud_oss_bucket.logs",
            kind: "resource",
          },
          { name: "storage/logs", fullyQualifiedName: "storage/logs", kind: "object" },
        ],
      },
    ]);
    // A provider finding has no construct path.
    expect(results[3]?.locations?.[0]?.logicalLocations).toEqual([
      expect.objectContaining({ name: "provider.alicloud.dr", kind: "resource" }),
    ]);
  });

  it("marks suppressed findings as externally suppressed with the justification, but not expired ones", () => {
    expect(results[0]?.suppressions).toBeUndefined();
    expect(results[1]?.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "The archive is an approved export under the 2026 assessment. (approved by Wang Li (DPO), expires 2099-12-31, assessment CAC-2026-0042)",
      },
    ]);
    expect(results[2]?.suppressions).toBeUndefined();
    expect(results[2]?.message.text).toContain("Its suppression has expired.");
  });

  it("fingerprints findings stably and distinctly", () => {
    const again = parse(renderSarif(mixedReport())).runs[0]?.results ?? [];
    const prints = results.map((r) => r.partialFingerprints?.["residencyFinding/v1"]);
    expect(again.map((r) => r.partialFingerprints?.["residencyFinding/v1"])).toEqual(prints);
    expect(new Set(prints).size).toBe(results.length);
  });

  it("carries placement changes in the run's properties when a base was given", () => {
    const change = {
      change: "added" as const,
      stack: "storage",
      address: "alicloud_oss_bucket.new",
      after: ["cn-shanghai"],
    };
    const withBase = parse(renderSarif(report({ changes: [change] })));
    expect(withBase.runs[0]?.properties?.placementChanges).toEqual([change]);
    expect(run.properties?.placementChanges).toBeUndefined();
  });

  it("keeps hostile values intact as JSON strings", () => {
    const hostile = parse(
      renderSarif(report({ findings: [finding({ value: HOSTILE, attribute: HOSTILE })] })),
    );
    expectValidSarif(hostile);
    expect(hostile.runs[0]?.results?.[0]?.properties?.value).toBe(HOSTILE);
  });

  it.each([
    ["cdktf.out/stacks/a/cdk.tf.json", "cdktf.out/stacks/a/cdk.tf.json"],
    ["./plans/network.json", "plans/network.json"],
    ["cdktf.out\\stacks\\a\\cdk.tf.json", "cdktf.out/stacks/a/cdk.tf.json"],
    ["my plans/plan #1.json", "my%20plans/plan%20%231.json"],
    ["/tmp/plan.json", "file:///tmp/plan.json"],
    ["C:\\work\\plan.json", "file:///C:/work/plan.json"],
  ])("turns the path %p into the URI %p", (file, uri) => expect(artifactUri(file)).toBe(uri));
});
