import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "../../../../.gen/providers/alicloud/provider";
import { OssBucket } from "../../../../.gen/providers/alicloud/oss-bucket";
import { OssBucketReplication } from "../../../../.gen/providers/alicloud/oss-bucket-replication";
import { MainlandRegionVariable } from "../../../../policies/adapters/cdktf/mainland-region-variable";
import { addResidencyGuard } from "../../../../policies/adapters/cdktf/residency-guard";
import { PACKS } from "../../../../policies/packs";

const outdirs: string[] = [];
const outdir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "residency-synth-"));
  outdirs.push(dir);
  return dir;
};
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
// In-process, synth runs as under `cdktf synth`: the guard reports through the manifest's annotations.
beforeAll(() => {
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
});
afterAll(() => {
  delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
});

interface Manifest {
  readonly stacks: Record<string, { readonly annotations: { level: string; message: string }[] }>;
}
const manifestOf = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;

/** An app with a home stack and a DR stack whose bucket the home stack replicates to; no stack calls the guard. */
function replicatingApp(drRegion: string) {
  const app = new App({ outdir: outdir() });
  // A residency scenario: its bare bucket is no example of the security pack, which has tests of its own.
  const guard = addResidencyGuard(app, { packs: PACKS.residency });
  const dr = new TerraformStack(app, "dr");
  new AlicloudProvider(dr, "provider", { region: drRegion });
  const copy = new OssBucket(dr, "copy", { bucket: "copy" });
  const home = new TerraformStack(app, "home");
  const region = new MainlandRegionVariable(home, "region", { default: "cn-shanghai" });
  new AlicloudProvider(home, "provider", { region: region.stringValue });
  new OssBucketReplication(home, "replication", {
    bucket: "source",
    destination: { bucket: copy.bucket, location: copy.location },
  });
  return { app, guard };
}

const exported = {
  address: "provider.alicloud",
  rule: "RES-PROVIDER-REGION",
  basis: "standard-contract",
  reference: "SC-2026-17",
  destinations: ["cn-hongkong"],
  dataClasses: ["operational-logs"],
  approvedBy: "dpo",
  approvedOn: "2026-01-01",
  expires: "2999-12-31",
  reason: "Operational logs are exported under the filed standard contract.",
};

describe("addResidencyGuard", () => {
  it("lets a mainland app synthesize, following a cross-stack reference and a MainlandRegionVariable", () => {
    const { app, guard } = replicatingApp("cn-hangzhou");
    app.synth();
    expect(guard.report?.summary).toMatchObject({ stacks: 2, violations: 0 });
    expect(Object.values(manifestOf(app.outdir).stacks).flatMap((s) => s.annotations)).toEqual([]);
  });

  it("checks every stack of the app once, including stacks that never called it", () => {
    const { app, guard } = replicatingApp("cn-hongkong");
    app.synth();
    expect(guard.report?.findings.map((f) => `${f.stack} ${f.rule} ${f.address}`)).toEqual([
      "dr RES-PROVIDER-REGION provider.alicloud",
      "home RES-LOCATION-ATTRIBUTE alicloud_oss_bucket_replication.replication",
    ]);
    for (const stack of ["dr", "home"])
      expect(existsSync(path.join(app.outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    const { stacks } = manifestOf(app.outdir);
    expect(stacks.dr?.annotations).toEqual([
      {
        constructPath: "dr",
        level: "@cdktf/error",
        message: expect.stringMatching(
          /^\[residency\] RES-PROVIDER-REGION provider\.alicloud region = "cn-hongkong": /,
        ),
      },
    ]);
    expect(stacks.home?.annotations).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("alicloud_oss_bucket_replication.replication"),
      }),
    ]);
  });

  it("is one guard per app: a second call returns it, a second configuration is refused", () => {
    const { app, guard } = replicatingApp("cn-hangzhou");
    const stack = app.node.findChild("dr");
    expect(addResidencyGuard(stack)).toBe(guard);
    expect(() => addResidencyGuard(stack, { today: "2026-01-01" })).toThrow(/configure it once, on the App/);
  });

  it("honours exceptions, covering a finding within their destinations", () => {
    const exportApp = new App({ outdir: outdir() });
    const exportGuard = addResidencyGuard(exportApp, { exceptions: [exported] });
    new AlicloudProvider(new TerraformStack(exportApp, "export"), "provider", { region: "cn-hongkong" });
    exportApp.synth();
    expect(exportGuard.report?.findings).toMatchObject([
      { covered: true, exception: { reference: "SC-2026-17" } },
    ]);
    expect(manifestOf(exportApp.outdir).stacks.export?.annotations).toEqual([
      expect.objectContaining({
        level: "@cdktf/warn",
        message: expect.stringContaining(
          "provider.alicloud covered by exception standard-contract SC-2026-17",
        ),
      }),
    ]);
  });
});

describe("synth of a violating app (real processes)", () => {
  const fixture = path.join(
    __dirname,
    "../../../../dist/test/policies/adapters/cdktf/fixtures/violating-app.js",
  );
  const synth = (...args: string[]) => {
    const dir = outdir();
    const env = { ...process.env };
    delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    return { dir, result: spawnSync(process.execPath, [fixture, dir, ...args], { encoding: "utf8", env }) };
  };

  it("on its own: writes every stack and the manifest, prints each violation once by stack, exits 1", () => {
    const { dir, result } = synth();
    expect(result.status).toBe(1);
    for (const stack of ["home", "late"])
      expect(existsSync(path.join(dir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    expect(Object.keys(manifestOf(dir).stacks)).toEqual(["home", "late"]);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("[late]");
    expect(lines[1]).toMatch(
      /^ {2}ERROR \[residency\] RES-PROVIDER-REGION provider\.alicloud\.abroad region = "cn-hongkong": /,
    );
    expect(lines.filter((line) => line.includes("provider.alicloud.abroad"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^residency: 1 violation; every stack was written to /);
    expect(result.stderr).not.toMatch(/skipValidation|\n\s+at /);
  });

  it("turns green with an approved export, and refuses a bad exceptions file with one line, exit 2", () => {
    const dir = outdir();
    const file = path.join(dir, "exceptions.json");
    writeFileSync(file, JSON.stringify([{ ...exported, address: "provider.alicloud.abroad" }]));
    const green = synth(file).result;
    expect(green.status).toBe(0);
    expect(green.stderr).toMatch(
      /^\[late\]\n {2}WARN \[residency\] RES-PROVIDER-REGION provider\.alicloud\.abroad covered by exception standard-contract SC-2026-17/,
    );
    writeFileSync(file, JSON.stringify([{ ...exported, expires: "2027-02-30" }]));
    const bad = synth(file).result;
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `residency: ${file}: entry 1 (provider.alicloud), field "expires": "2027-02-30" is not a calendar date YYYY-MM-DD\n`,
    );
  });

  it("under the real `cdktf synth`: every stack written, each violation printed once, no trace, exit 1", () => {
    const project = outdir();
    writeFileSync(
      path.join(project, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: `node ${fixture} out`, sendCrashReports: "false" }),
    );
    const cdktf = path.join(__dirname, "../../../../node_modules/.bin/cdktf");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      TF_CLI_CONFIG_FILE: "/dev/null",
      CI: "true",
    };
    delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    const result = spawnSync(cdktf, ["synth", "--output", "out"], { cwd: project, encoding: "utf8", env });
    // eslint-disable-next-line no-control-regex
    const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
    expect(result.status).toBe(1);
    for (const stack of ["home", "late"])
      expect(existsSync(path.join(project, "out", "stacks", stack, "cdk.tf.json"))).toBe(true);
    expect(
      output.match(/ERROR \[late\]: \[residency\] RES-PROVIDER-REGION provider\.alicloud\.abroad/g),
    ).toHaveLength(1);
    expect(output).not.toMatch(/skipValidation|\n\s+at |\[ERROR\]/);
  }, 120_000);
});
