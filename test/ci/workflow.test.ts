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

const workflow = parse(
  fs.readFileSync(path.join(__dirname, "../../.github/workflows/residency.yml"), "utf8"),
) as Workflow;

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

describe("the residency pull-request workflow", () => {
  const check = job("check");
  const steps = check.steps;
  const at = (matches: (step: Step) => boolean, what: string): Step =>
    steps[stepIndex(steps, matches, what)] as Step;

  it("runs on pull requests with read-only defaults", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("checks out the project with the shared folder beside it and sets up node 20 with the npm cache", () => {
    const checkouts = steps.filter(uses("actions/checkout"));
    expect(checkouts.map((s) => s.with?.path)).toEqual(["app", "shared", "base"]);
    expect(checkouts[1]?.with?.repository).toBe("${{ vars.SHARED_REPOSITORY }}");
    expect(at(uses("actions/setup-node"), "sets up node").with).toMatchObject({
      "node-version": 20,
      cache: "npm",
    });
  });

  it("installs, tests and synthesizes in that order", () => {
    const order = [
      stepIndex(steps, runs(/^npm ci$/), "runs npm ci"),
      stepIndex(steps, runs(/^npm test$/), "runs npm test"),
      stepIndex(steps, runs(/^npm run synth$/), "runs npm run synth"),
      stepIndex(steps, (s) => s.id === "check", "is the check"),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("writes the check as Markdown into the step summary, fails the job on exit 1, and is never skipped by a failed report step", () => {
    const markdown = at(
      runs(/residency check cdktf\.out .*--format markdown >> "\$GITHUB_STEP_SUMMARY"/),
      "checks",
    );
    expect(markdown.id).toBe("check");
    expect(markdown["continue-on-error"]).toBeUndefined();
    expect(markdown.run).not.toMatch(/\|\||; *true/);
    expect(markdown.env?.SYNTH_OUTCOME).toBe("${{ steps.synth.outcome }}");
    expect(markdown.run).toMatch(
      /if \[ "\$SYNTH_OUTCOME" != "success" \]; then\n\s+echo "## ❌ Synthesis failed/,
    );
    for (const step of steps.filter(runs(/residency check/))) {
      expect(step.if).toContain("!cancelled()");
      expect(step.run).toMatch(/npx --no residency/);
    }
  });

  it("compares with the target branch's synthesized output", () => {
    const base = at(
      (s) => s.with?.ref === "${{ github.event.pull_request.base.sha }}",
      "checks out the base",
    );
    expect(base.with?.path).toBe("base");
    const synth = at((s) => s["working-directory"] === "base", "synthesizes the base");
    expect(synth.run).toMatch(
      /npm ci\s+npm run synth\s+echo "RESIDENCY_BASE=\.\.\/base\/cdktf\.out" >> "\$GITHUB_ENV"/,
    );
    expect(synth["continue-on-error"]).toBe(true);
    expect(at((s) => s.id === "check", "is the check").run).toContain('--base "$RESIDENCY_BASE"');
  });

  it("uploads the SARIF report to code scanning with the permission to do so", () => {
    const sarif = at(runs(/--format sarif --output residency\.sarif/), "writes SARIF");
    expect(sarif.run).toMatch(/\|\| \[ \$\? -eq 1 \]$/);
    const upload = at(uses("github/codeql-action/upload-sarif"), "uploads SARIF");
    expect(upload.with?.sarif_file).toBe("app/residency.sarif");
    expect(upload.if).toContain("!cancelled()");
    expect(check.permissions?.["security-events"]).toBe("write");
  });

  it("keeps the JUnit report as an artifact", () => {
    at(runs(/--format junit --output residency-junit\.xml/), "writes JUnit");
    const artifact = at(uses("actions/upload-artifact"), "uploads the artifact");
    expect(artifact.with?.path).toBe("app/residency-junit.xml");
    expect(artifact.if).toContain("!cancelled()");
  });

  it("plans only when the credentials are configured as secrets, and checks the plan JSON", () => {
    const probe = job("credentials").steps[0] as Step;
    expect(probe.env).toEqual({
      ALICLOUD_ACCESS_KEY: "${{ secrets.ALICLOUD_ACCESS_KEY }}",
      ALICLOUD_SECRET_KEY: "${{ secrets.ALICLOUD_SECRET_KEY }}",
    });
    expect(probe.run).toContain('echo "configured=true" >> "$GITHUB_OUTPUT"');
    const plan = job("plan");
    expect(plan.needs).toBe("credentials");
    expect(plan.if).toBe("${{ needs.credentials.outputs.configured == 'true' }}");
    const planSteps = plan.steps;
    const synthesizing = planSteps[stepIndex(planSteps, runs(/^npm run synth$/), "synthesizes")] as Step;
    // Against the deployed state: cross-stack references read the other stacks' outputs from the OSS backend.
    expect(synthesizing.env?.STATE_BACKEND).toBe("oss");
    const planning = planSteps[
      stepIndex(
        planSteps,
        runs(/terraform -chdir="\$dir" show -json tfplan > "plans\/\$stack.json"/),
        "shows the plan",
      )
    ] as Step;
    expect(planning.run).toMatch(/terraform -chdir="\$dir" plan .*-out=tfplan/);
    expect(planning.env?.ALICLOUD_SECRET_KEY).toBe("${{ secrets.ALICLOUD_SECRET_KEY }}");
    const checking = planSteps[
      stepIndex(planSteps, runs(/residency check plans/), "checks the plans")
    ] as Step;
    expect(checking.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it("takes credentials only from secrets into env, and never prints them", () => {
    for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps)) {
      expect(step.run ?? "").not.toMatch(/secrets\./);
      for (const line of (step.run ?? "").split("\n").filter((l) => /ALICLOUD_(ACCESS|SECRET)_KEY/.test(l))) {
        expect(line).toMatch(
          /^\s*if \[ -n "\$ALICLOUD_ACCESS_KEY" \] && \[ -n "\$ALICLOUD_SECRET_KEY" \]; then$/,
        );
      }
      for (const [name, value] of Object.entries(step.env ?? {})) {
        if (/KEY|TOKEN|SECRET/.test(name)) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      }
    }
  });
});
