import { spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
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

/** An app with a home stack and a DR stack whose bucket the home stack replicates to. */
function replicatingApp(drRegion: string) {
  const app = new App({ outdir: outdir() });
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
  // A residency scenario: its bare bucket is no example of the security pack, which has tests of its own.
  addResidencyGuard(dr, { packs: PACKS.residency });
  addResidencyGuard(home, { packs: PACKS.residency });
  return app;
}

describe("addResidencyGuard", () => {
  it("lets a mainland app synthesize, following a cross-stack reference and a MainlandRegionVariable", () => {
    expect(() => replicatingApp("cn-hangzhou").synth()).not.toThrow();
  });

  it("fails synth on a violation, saying what and where", () => {
    expect(() => replicatingApp("cn-hongkong").synth()).toThrow(
      /\[dr\] \[residency RES-PROVIDER-REGION\] provider\.alicloud region = "cn-hongkong"/,
    );
  });

  it("honours suppressions given as props", () => {
    const app = new App({ outdir: outdir() });
    const stack = new TerraformStack(app, "export");
    new AlicloudProvider(stack, "provider", { region: "ap-southeast-1" });
    addResidencyGuard(stack, {
      suppressions: [
        {
          address: "provider.alicloud",
          rule: "RES-PROVIDER-REGION",
          reason: "Public website assets are approved for export.",
          approvedBy: "dpo",
          expires: "2999-12-31",
        },
      ],
    });
    expect(() => app.synth()).not.toThrow();
    const warnings = stack.node.metadata
      .filter((entry) => entry.type === "@cdktf/warn")
      .map((entry) => entry.data);
    expect(warnings).toEqual([
      expect.stringMatching(/^suppressed until 2999-12-31: \[residency RES-PROVIDER-REGION\]/),
    ]);
  });

  it("makes a violating app's process exit non-zero (compiled fixture app)", () => {
    const fixture = path.join(
      __dirname,
      "../../../../dist/test/policies/adapters/cdktf/fixtures/violating-app.js",
    );
    const result = spawnSync(process.execPath, [fixture, outdir()], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("provider.alicloud.abroad");
  });
});
