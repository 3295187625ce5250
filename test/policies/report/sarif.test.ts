import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import sarifSchema from "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
import Ajv from "ajv";
import draft04 from "ajv/lib/refs/json-schema-draft-04.json";
import type * as Sarif from "sarif";
import { artifactUri, renderSarif } from "../../../policies/report/sarif";
import { blockLocator, locateFindings } from "../../../policies/report/source-lines";
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
    expect(run.tool.driver.informationUri).toMatch(/^file:\/\/.*\/README\.md$/);
    const linked = parse(renderSarif(report(), { informationUri: "https://github.com/o/r#readme" }));
    expect(linked.runs[0]?.tool.driver.informationUri).toBe("https://github.com/o/r#readme");
    expect(run.tool.driver.rules).toEqual(
      RULES.map((rule) =>
        expect.objectContaining({
          id: rule.id,
          shortDescription: { text: rule.title },
          fullDescription: { text: rule.help },
          help: { text: rule.help },
          defaultConfiguration: { level: rule.severity },
          properties: expect.objectContaining({
            pack: "residency",
            tags: expect.arrayContaining(["pack:residency"]),
          }),
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

  it("marks covered findings as externally suppressed with the basis and reference, but not expired ones", () => {
    expect(results[0]?.suppressions).toBeUndefined();
    expect(results[1]?.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "security-assessment CAC-2026-0042 to cn-hongkong (important-data), approved by Wang Li (DPO) on 2026-01-01, expires 2028-12-31: The archive is an approved export under the 2026 assessment.",
      },
    ]);
    expect(results[2]?.suppressions).toBeUndefined();
    expect(results[2]?.message.text).toContain("Its exception has expired.");
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

describe("SARIF regions", () => {
  const text = `{
  "provider": {
    "alicloud": [
      { "region": "cn-shanghai" },
      {
        "alias": "sg",
        "region": "ap-southeast-1"
      }
    ]
  },
  "resource": {
    "alicloud_oss_bucket": {
      "logs": {
        "bucket": "a \\" } tricky ] string"
      }
    }
  },
  "data": { "alicloud_zones": { "z": {} } },
  "terraform": { "backend": { "oss": {
    "region": "cn-shanghai" } } }
}`;
  const locate = blockLocator(text);

  it("finds the lines of each block by tokenizing the JSON text", () => {
    expect(locate("provider.alicloud")).toEqual({ startLine: 4, endLine: 4 });
    expect(locate("provider.alicloud.sg")).toEqual({ startLine: 5, endLine: 8 });
    expect(locate("alicloud_oss_bucket.logs")).toEqual({ startLine: 13, endLine: 15 });
    expect(locate("data.alicloud_zones.z")).toEqual({ startLine: 18, endLine: 18 });
    expect(locate("terraform.backend.oss")).toEqual({ startLine: 19, endLine: 20 });
    expect(locate("alicloud_vpc.none")).toBeUndefined();
  });

  it("finds a plan's resource by its address", () => {
    const plan = JSON.stringify(
      { format_version: "1.2", resource_changes: [{ address: "a.b" }, { address: "alicloud_vpc.v", x: 1 }] },
      null,
      2,
    );
    expect(blockLocator(plan)("alicloud_vpc.v")).toEqual({ startLine: 7, endLine: 10 });
  });

  it("puts the lines into each result's region", () => {
    const located = locateFindings(
      report({ findings: [finding(), finding({ address: "alicloud_vpc.none" })] }),
      () => text.replace("logs", "logs"),
    );
    const results = parse(renderSarif(located)).runs[0]?.results ?? [];
    expect(results[0]?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 13, endLine: 15 });
    expect(results[1]?.locations?.[0]?.physicalLocation?.region).toBeUndefined();
    // A file that changed into something else since the check, or vanished, leaves findings without lines.
    for (const reread of [() => '{"resource": "unterminated', () => undefined]) {
      const unlocated = locateFindings(report({ findings: [finding()] }), reread);
      expect(unlocated.findings[0]?.source.region).toBeUndefined();
    }
  });
});

describe("the official SARIF validator (sarif-multitool validate)", () => {
  it("reports no error and no warning on a report with findings, exceptions and regions", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sarif-"));
    try {
      const input = path.join(dir, "residency.sarif");
      const output = path.join(dir, "validation.sarif");
      const located = locateFindings(mixedReport(), () =>
        JSON.stringify(
          {
            provider: { alicloud: [{ alias: "dr" }] },
            resource: { alicloud_oss_bucket: { logs: {}, archive: {}, old: {} } },
          },
          null,
          2,
        ),
      );
      writeFileSync(input, renderSarif(located, { informationUri: "https://github.com/o/r#readme" }));
      const multitool = path.join(__dirname, "../../../node_modules/.bin/sarif-multitool");
      const run = spawnSync(multitool, ["validate", input, "--output", output, "--log", "ForceOverwrite"], {
        encoding: "utf8",
      });
      expect(run.status).toBe(0);
      const validation = JSON.parse(readFileSync(output, "utf8")) as Sarif.Log;
      const problems = (validation.runs[0]?.results ?? [])
        .filter(
          (result) => result.level === undefined || result.level === "error" || result.level === "warning",
        )
        .map((result) => `${result.ruleId}: ${result.message.text ?? result.message.id}`);
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
