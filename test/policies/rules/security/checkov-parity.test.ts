import { parse } from "@cdktn/hcl2json";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkStacks } from "../../../../policies/engine/check";
import { isObject, readStack } from "../../../../policies/engine/model";
import { CHECKOV_COVERAGE, CHECKOV_REVERSED, SECURITY_PACK } from "../../../../policies/packs/security";

/**
 * Parity with Checkov's own tests of its Alibaba Cloud checks: each `example_*` main.tf, converted by HashiCorp's
 * parser, is checked with the SEC rule that covers the check; every resource Checkov expects to fail gets an
 * error on its address from that rule, and every resource expected to pass gets none (the other way round for
 * a check whose intent the pack reverses). Runs only where CHECKOV_DIR points at a checkout of
 * bridgecrewio/checkov; nothing of Checkov's is committed here.
 */

const CHECKOV_DIR = process.env.CHECKOV_DIR;
const TESTS = "tests/terraform/checks/resource/alicloud";
const CHECKS = "checkov/terraform/checks/resource/alicloud";

interface ParityCase {
  readonly checkId: string;
  readonly name: string;
  readonly mainTf: string;
  readonly failing: readonly string[];
  readonly passing: readonly string[];
}

/** The quoted names in a Python set literal assigned to `name` (`failing_resources = {...}`). */
function setLiteral(source: string, name: string): string[] {
  const body = new RegExp(`${name}\\s*=\\s*\\{([^}]*)\\}`).exec(source)?.[1] ?? "";
  return [...body.matchAll(/["']([^"']+)["']/g)].map((match) => match[1] ?? "");
}

function checkIdOf(module: string): string {
  const source = readFileSync(join(CHECKOV_DIR ?? "", CHECKS, `${module}.py`), "utf8");
  const id = /(?:\bid|check_id)\s*=\s*["'](CKV_ALI_\d+)["']/.exec(source)?.[1];
  if (id === undefined) throw new Error(`no check ID in ${module}.py`);
  return id;
}

function resourceCases(root: string): ParityCase[] {
  const dir = join(root, TESTS);
  return readdirSync(dir)
    .filter((file) => /^test_.*\.py$/.test(file))
    .map((file) => {
      const source = readFileSync(join(dir, file), "utf8");
      const module = /alicloud\.(\w+) import check/.exec(source)?.[1] ?? "";
      const example = /["'](example_\w+)["']/.exec(source)?.[1] ?? "";
      return {
        checkId: checkIdOf(module),
        name: module,
        mainTf: join(dir, example, "main.tf"),
        failing: setLiteral(source, "failing_resources"),
        passing: setLiteral(source, "passing_resources"),
      };
    });
}

/** The graph check (OSSBucketPublic) has its expectations in YAML lists under `pass:` and `fail:`. */
function graphCase(root: string): ParityCase {
  const policy = readFileSync(
    join(root, "checkov/terraform/checks/graph_checks/alicloud/OSSBucketPublic.yaml"),
    "utf8",
  );
  const dir = join(root, "tests/terraform/graph/checks/resources/OSSBucketPublic");
  const expected = readFileSync(join(dir, "expected.yaml"), "utf8");
  const list = (key: string): string[] =>
    [
      ...(new RegExp(`${key}:\\n((?:\\s+- .*\\n?)*)`).exec(expected)?.[1] ?? "").matchAll(/- "?([^"\n]+)"?/g),
    ].map((match) => match[1] ?? "");
  return {
    checkId: /id:\s*"?(CKV_ALI_\d+)"?/.exec(policy)?.[1] ?? "",
    name: "OSSBucketPublic",
    mainTf: join(dir, "main.tf"),
    failing: list("fail"),
    passing: list("pass"),
  };
}

/** HashiCorp's parser writes each block body as a one-element list, a valid Terraform JSON form; unwrap it. */
function unwrapBodies(document: Record<string, unknown>): Record<string, unknown> {
  const section = document.resource;
  if (!isObject(section)) return document;
  const resource: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    resource[type] = Object.fromEntries(
      Object.entries(byName).map(([name, body]) => [name, Array.isArray(body) ? body[0] : body]),
    );
  }
  return { resource };
}

/**
 * The addresses the covering rule reports an error on, checking the example alone with that rule; undefined
 * when the example is not valid HCL (Terraform refuses it too), which the tally reports.
 */
async function erroredAddresses(parity: ParityCase, ruleId: string): Promise<Set<string> | undefined> {
  const text = readFileSync(parity.mainTf, "utf8");
  const parsed = await parse(parity.mainTf, text).catch(() => undefined);
  if (parsed === undefined) return undefined;
  const document = unwrapBodies(parsed as Record<string, unknown>);
  const rule = SECURITY_PACK.rules.filter((each) => each.id === ruleId);
  const report = checkStacks([readStack(document, parity.mainTf, parity.name)], {
    packs: [{ name: "security", rules: rule }],
  });
  return new Set(
    report.findings.filter((finding) => finding.severity === "error").map((finding) => finding.address),
  );
}

const cases =
  CHECKOV_DIR !== undefined && existsSync(join(CHECKOV_DIR, TESTS))
    ? [...resourceCases(CHECKOV_DIR), graphCase(CHECKOV_DIR)]
    : [];
const describeParity = cases.length > 0 ? describe : describe.skip;
if (cases.length === 0)
  console.log("Checkov parity skipped: set CHECKOV_DIR to a checkout of bridgecrewio/checkov to run it.");

describeParity("parity with Checkov's Alibaba Cloud tests", () => {
  const tally = {
    checks: 0,
    failing: 0,
    failingCaught: 0,
    passing: 0,
    passingClean: 0,
    invalidHcl: [] as string[],
  };
  afterAll(() => console.log(`Checkov parity: ${JSON.stringify(tally)}`));

  it("maps every check that has a test", () => {
    expect(cases.map((parity) => parity.checkId).filter((id) => CHECKOV_COVERAGE[id] === undefined)).toEqual(
      [],
    );
  });

  it.each(cases.map((parity) => [parity.checkId, parity.name, parity] as const))(
    "%s (%s)",
    async (checkId, _name, parity) => {
      const ruleId = CHECKOV_COVERAGE[checkId] ?? "";
      const errored = await erroredAddresses(parity, ruleId);
      if (errored === undefined) {
        tally.invalidHcl.push(checkId);
        return;
      }
      const reversed = CHECKOV_REVERSED.has(checkId);
      const mustError = reversed ? parity.passing : parity.failing;
      const mustPass = reversed ? parity.failing : parity.passing;
      tally.checks += 1;
      tally.failing += mustError.length;
      tally.failingCaught += mustError.filter((address) => errored.has(address)).length;
      tally.passing += mustPass.length;
      tally.passingClean += mustPass.filter((address) => !errored.has(address)).length;
      expect({ ruleId, missed: mustError.filter((address) => !errored.has(address)) }).toEqual({
        ruleId,
        missed: [],
      });
      expect({ ruleId, wronglyRefused: mustPass.filter((address) => errored.has(address)) }).toEqual({
        ruleId,
        wronglyRefused: [],
      });
    },
  );
});
