import { spawnSync } from "child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { terraformJson } from "../../fixtures";

/** These tests drive the BUILT CLI (dist/), as users and CI run it: `npm test` builds first. */
const CLI = path.join(__dirname, "../../../../dist/policies/adapters/cli/residency.js");
const work = mkdtempSync(path.join(tmpdir(), "residency-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function residency(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(work, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}

const stackFile = (dir: string, provider: Record<string, unknown>) =>
  file(
    `${dir}/stacks/app/cdk.tf.json`,
    JSON.stringify(
      terraformJson("app", { provider: { alicloud: [provider] }, resource: { alicloud_vpc: { v: {} } } }),
    ),
  );

describe("residency check (CLI)", () => {
  const good = stackFile("good", { region: "cn-shanghai" });
  const bad = stackFile("bad", { region: "cn-hongkong" });

  it("exits 0 on mainland output (a cdktf.out directory, a stack directory, a file)", () => {
    expect(residency("check", path.join(work, "good")).status).toBe(0);
    expect(residency("check", path.dirname(good)).status).toBe(0);
    const result = residency("check", good);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("PASS");
  });

  it("exits 1 on a violation and writes the JSON report with every finding field", () => {
    const output = path.join(work, "report.json");
    expect(residency("check", bad, "--format", "json", "--output", output).status).toBe(1);
    const report = JSON.parse(readFileSync(output, "utf8"));
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: "RES-PROVIDER-REGION",
        severity: "error",
        stack: "app",
        address: "provider.alicloud",
        attribute: "region",
        value: "cn-hongkong",
        resolved: "cn-hongkong",
        message: expect.stringContaining("mainland region"),
        suppressed: false,
      }),
    ]);
    expect(report.summary).toMatchObject({ stacks: 1, resources: 1, violations: 1 });
  });

  it("reads suppressions from a file and exits 0 when they cover every violation", () => {
    const suppressions = file(
      "suppressions.json",
      JSON.stringify([
        {
          address: "provider.alicloud",
          rule: "RES-PROVIDER-REGION",
          reason: "Approved export of public data.",
          approvedBy: "dpo",
          expires: "2999-01-01",
        },
      ]),
    );
    const result = residency("check", bad, "--suppressions", suppressions);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("suppressed");
    const bare = file(
      "bare-suppressions.json",
      JSON.stringify([{ address: "provider.alicloud", rule: "RES-PROVIDER-REGION" }]),
    );
    expect(residency("check", bad, "--suppressions", bare)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("no reason"),
    });
  });

  it("lists placement changes against --base first", () => {
    const result = residency("check", bad, "--base", good);
    expect(result.stdout.split("\n")[0]).toBe("Placement changes (1):");
    expect(result.stdout).toContain("moved app/alicloud_vpc.v: cn-shanghai -> cn-hongkong");
  });

  it("prints help, and exits 2 on usage errors", () => {
    expect(residency("--help")).toMatchObject({ status: 0, stdout: expect.stringContaining("Exit status") });
    expect(residency("check").status).toBe(2);
    expect(residency("verify", good).status).toBe(2);
    expect(residency("check", good, "--format", "yaml").status).toBe(2);
    expect(residency("check", good, "--bogus").status).toBe(2);
  });

  describe("bad input: exit 2, one line naming the input, no stack trace", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const deepResource = `{"resource":{"alicloud_vpc":{"v":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}}}`;
    mkdirSync(path.join(work, "empty"));
    mkdirSync(path.join(work, "no-stacks"));
    file("no-stacks/readme.txt", "nothing here");
    mkdirSync(path.join(work, "loop/inner"), { recursive: true });
    symlinkSync(path.join(work, "loop"), path.join(work, "loop/inner/back"));
    mkdirSync(path.join(work, "unreadable/cdk.tf.json"), { recursive: true });
    const cases: [string, string, string][] = [
      ["a missing path", path.join(work, "missing.json"), "no such file"],
      ["an empty directory", path.join(work, "empty"), "no stacks"],
      ["a directory with no stacks", path.join(work, "no-stacks"), "no stacks"],
      ["binary garbage", file("garbage.json", Buffer.from([0, 159, 146, 150, 255, 1, 2])), "not valid JSON"],
      ["JSON nested 100,000 levels deep", file("deep.json", deep), "must be a JSON object"],
      ["a resource nested 100,000 levels deep", file("deep-resource.json", deepResource), "nested"],
      ["an empty JSON array", file("array.json", "[]"), "(empty)"],
      [
        "JSON that is neither Terraform JSON nor a plan",
        file("other.json", '{"name":"x","version":"1"}'),
        'unexpected top-level key "name"',
      ],
      ["an empty object", file("empty.json", "{}"), "neither"],
      [
        "a resource block of the wrong type",
        file("resource.json", '{"resource":["alicloud_vpc"]}'),
        "resource must be a JSON object",
      ],
      [
        "a provider block of the wrong type",
        file("provider.json", '{"provider":{"alicloud":"cn-shanghai"}}'),
        'provider "alicloud"',
      ],
      ["a truncated file", file("truncated.json", readFileSync(good, "utf8").slice(0, 40)), "not valid JSON"],
      ["a directory symlink loop", path.join(work, "loop"), "symlink loop"],
      // Tests run as root, for whom chmod 000 does not block reads; a directory where a file must be is unreadable as a file.
      ["an unreadable file", path.join(work, "unreadable"), "cdk.tf.json: is a directory"],
    ];
    if (process.getuid?.() !== 0) {
      const locked = file("locked.json", "{}");
      chmodSync(locked, 0o000);
      cases.push(["a file without read permission", locked, "permission denied"]);
    }
    it.each(cases)("%s", (_name, input, problem) => {
      const result = residency("check", input);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.basename(input));
      expect(lines[0]).toContain(problem);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
