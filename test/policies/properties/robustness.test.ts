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
const attribute = fc.constantFrom(
  "region",
  "zone_id",
  "location",
  "provider",
  "alias",
  "replication_region_id",
  "destination_region_id",
  "endpoints",
  "access_key",
  "default",
  "validation",
);
const body = fc.dictionary(attribute, value, { maxKeys: 4 });
const resourceType = fc.constantFrom(
  "alicloud_oss_bucket",
  "alicloud_vswitch",
  "alicloud_hbr_policy",
  "random_id",
  "aws_s3_bucket",
);
/** Blocks in the shapes Terraform JSON gives them, with arbitrary contents: most inputs get past the reader. */
const wellShaped = fc.record(
  {
    provider: fc.dictionary(fc.constantFrom("alicloud", "random", "aws"), fc.array(body, { maxLength: 3 }), {
      maxKeys: 2,
    }),
    resource: fc.dictionary(
      resourceType,
      fc.dictionary(fc.constantFrom("a", "b", "dr"), body, { maxKeys: 2 }),
      { maxKeys: 3 },
    ),
    locals: fc.dictionary(fc.constantFrom("a", "b"), value, { maxKeys: 2 }),
    variable: fc.dictionary(fc.constantFrom("a", "region"), body, { maxKeys: 2 }),
    terraform: fc.record({
      backend: fc.dictionary(fc.constantFrom("oss", "local", "s3"), body, { maxKeys: 1 }),
    }),
  },
  { requiredKeys: [] },
);
const name = fc.oneof(meaningful, resourceType);
const block = fc.dictionary(name, fc.oneof(value, fc.dictionary(name, value, { maxKeys: 3 })), {
  maxKeys: 3,
});
/** Blocks of any shape: wrong types, arrays where objects go, anything where a block goes. */
const anyShape = fc.record(
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
const document = fc.oneof(wellShaped, anyShape);

/**
 * A report keeps its own accounting: violations are the uncovered errors, unresolved counts the unresolved
 * findings; a finding is never mainland, and one that places nothing (a credential) is only a warning.
 */
function expectConsistent(report: CheckReport): void {
  const errors = report.findings.filter((finding) => finding.severity === "error" && !finding.covered);
  expect(report.summary.violations).toBe(errors.length);
  const unresolved = report.findings.filter((finding) => finding.verdict === "unresolved");
  expect(report.summary.unresolved).toBe(unresolved.length);
  for (const finding of report.findings) {
    expect(["outside", "unresolved", "location-free"]).toContain(finding.verdict);
    if (finding.verdict === "location-free") expect(finding.severity).toBe("warning");
  }
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

describe("references that multiply", () => {
  const LOCALS = ["a", "b", "c", "d", "e", "f"] as const;
  /** Each local a list of references to locals (itself included) and places: cycles and sharing at will. */
  const localsGraph = fc.record(
    Object.fromEntries(
      LOCALS.map((local) => [
        local,
        fc.array(
          fc.oneof(
            fc.constantFrom(...LOCALS).map((other) => `\${local.${other}}`),
            fc.constantFrom("cn-shanghai", "cn-hongkong"),
          ),
          { minLength: 1, maxLength: 4 },
        ),
      ]),
    ) as Record<(typeof LOCALS)[number], fc.Arbitrary<string[]>>,
  );

  type Local = (typeof LOCALS)[number];
  /** What the start local can reach: a foreign place, a cycle (a local met again on its own path). */
  function reach(locals: Record<Local, string[]>, start: Local) {
    let foreign = false;
    let cycle = false;
    const visit = (local: Local, path: readonly Local[]): void => {
      if (path.includes(local)) {
        cycle = true;
        return;
      }
      for (const item of locals[local]) {
        const other = /^\$\{local\.(\w)\}$/.exec(item)?.[1] as Local | undefined;
        if (other === undefined) foreign ||= item !== "cn-shanghai";
        else visit(other, [...path, local]);
      }
    };
    visit(start, []);
    return { foreign, cycle };
  }

  it("always finish with the right verdict, whatever the graph of locals: cycles and shared references", () => {
    fc.assert(
      fc.property(localsGraph, fc.constantFrom(...LOCALS), (locals, start) => {
        const report = check([
          {
            provider: { alicloud: [{ region: "cn-shanghai" }] },
            locals,
            resource: {
              alicloud_ecs_auto_snapshot_policy: {
                p: { name: "p", target_copy_regions: `\${local.${start}}` },
              },
            },
          },
        ]);
        expectConsistent(report);
        const { foreign, cycle } = reach(locals, start);
        const verdict = report.resources[0]?.verdict;
        if (!foreign && !cycle) expect(verdict).toBe("mainland");
        else if (!cycle) expect(verdict).toBe("outside");
        else expect(["outside", "unresolved"]).toContain(verdict);
      }),
      { numRuns: 100 },
    );
  });

  it("stop a self-referencing list with a message that says why", () => {
    const report = check([
      {
        provider: { alicloud: [{ region: "cn-shanghai" }] },
        locals: { regions: ["${local.regions}", "${local.regions}"] },
        resource: {
          alicloud_ecs_auto_snapshot_policy: { p: { name: "p", target_copy_regions: "${local.regions}" } },
        },
      },
    ]);
    expect(report.findings).toMatchObject([{ verdict: "unresolved", attribute: "target_copy_regions" }]);
    expect(report.findings[0]?.resolved).toMatch(/circular or too deep|more than 10000 references/);
  });
});
