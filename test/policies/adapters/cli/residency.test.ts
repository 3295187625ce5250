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
        pack: "residency",
        covered: false,
      }),
    ]);
    expect(report.summary).toMatchObject({ stacks: 1, resources: 1, violations: 1, unusedExceptions: 0 });
  });

  const exception = {
    address: "provider.alicloud",
    rule: "RES-PROVIDER-REGION",
    basis: "certification",
    reference: "CERT-2026-3",
    destinations: ["cn-hongkong"],
    dataClasses: ["operational-logs"],
    approvedBy: "dpo",
    approvedOn: "2026-01-01",
    expires: "2999-01-01",
    reason: "Approved export of operational logs.",
  };

  it("reads exceptions from a file and exits 0 when they cover every violation, showing basis and reference", () => {
    const exceptions = file("exceptions.json", JSON.stringify([exception]));
    const result = residency("check", bad, "--exceptions", exceptions);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toContain("exception: certification CERT-2026-3 to cn-hongkong");
    const unused = residency("check", good, "--exceptions", exceptions, "--format", "json");
    expect(JSON.parse(unused.stdout).summary.unusedExceptions).toBe(1);
  });

  it("takes --suppressions as a deprecated alias of --exceptions, saying so", () => {
    const exceptions = file("old-name.json", JSON.stringify([exception]));
    const result = residency("check", bad, "--suppressions", exceptions);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      "residency: --suppressions is deprecated and will be removed in the next release: use --exceptions\n",
    );
  });

  it("refuses a bad exceptions file with one line naming the file, the entry and the field", () => {
    const exceptions = file(
      "bad-exceptions.json",
      JSON.stringify([exception, { ...exception, rule: "RES-REGION" }]),
    );
    expect(residency("check", bad, "--exceptions", exceptions)).toEqual({
      status: 2,
      stdout: "",
      stderr: `residency: ${exceptions}: entry 2 (provider.alicloud), field "rule": unknown rule ID "RES-REGION"\n`,
    });
  });

  it("refuses a cdktf.out whose manifest lists a stack that was not written, or a stack it does not list", () => {
    const out = path.dirname(path.dirname(path.dirname(stackFile("partial", { region: "cn-shanghai" }))));
    const manifest = (stacks: string[]) =>
      file(
        "partial/manifest.json",
        JSON.stringify({
          stacks: Object.fromEntries(
            stacks.map((s) => [s, { synthesizedStackPath: `stacks/${s}/cdk.tf.json` }]),
          ),
        }),
      );
    manifest(["app"]);
    expect(residency("check", out).status).toBe(0);
    manifest(["app", "storage"]);
    expect(residency("check", out)).toMatchObject({
      status: 2,
      stderr: `residency: ${out}: stack "storage" is in manifest.json but its stacks/storage/cdk.tf.json is missing: synthesize again (npm run synth) before checking\n`,
    });
    manifest([]);
    expect(residency("check", out).stderr).toMatch(/stack directory "app" is not in manifest\.json/);
  });

  it("prints its version, suggests the option meant, and says when --output cannot be written", () => {
    expect(residency("--version")).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^residency \d+\.\d+\.\d+\n$/),
    });
    expect(residency("check", good, "--exeptions", "x.json").stderr.split("\n")[0]).toBe(
      "residency: unknown option --exeptions; did you mean --exceptions?",
    );
    const output = path.join(work, "no-such-dir", "report.json");
    expect(residency("check", good, "--output", output)).toMatchObject({
      status: 2,
      stderr: `residency: --output ${output}: cannot be written (ENOENT): choose a writable path\n`,
    });
  });

  it("puts the lines of each finding's block in the SARIF report", () => {
    const lines = JSON.stringify(JSON.parse(readFileSync(bad, "utf8")), null, 2);
    const pretty = file("pretty/cdk.tf.json", lines);
    const sarif = JSON.parse(residency("check", pretty, "--format", "sarif").stdout);
    // The provider block `{ "region": "cn-hongkong" }` spans the three lines around its region.
    const line = lines.split("\n").findIndex((text) => text.includes('"region": "cn-hongkong"')) + 1;
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({
      startLine: line - 1,
      endLine: line + 1,
    });
  });

  it("puts the lines of each finding's block in the SARIF report of an HCL directory", () => {
    const dir = path.join(work, "hcl-lines");
    file("hcl-lines/main.tf", 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n');
    file(
      "hcl-lines/network.tf",
      '# the network\n\nresource "alicloud_vswitch" "v" {\n  vpc_id     = "vpc-1"\n  cidr_block = "10.0.0.0/24"\n  zone_id    = "cn-hongkong-b"\n}\n',
    );
    const sarif = JSON.parse(residency("check", dir, "--format", "sarif").stdout);
    const [result] = sarif.runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/network\.tf$/);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 3, endLine: 7 });
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
