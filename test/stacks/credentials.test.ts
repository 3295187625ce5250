import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { findCredentials } from "../../policies/rules/secrets/credential-in-input";

// Canaries in the shapes of real credentials, put in the environment the provider reads them from.
const CANARIES = {
  ALICLOUD_ACCESS_KEY: ["LTAI", "5tCANARY", "0nly0FAKE"].join(""),
  ALICLOUD_SECRET_KEY: ["canary", "secret", "key", "0123456789"].join("-"),
  ALICLOUD_SECURITY_TOKEN: ["CAIS", "canary", "token"].join("-"),
  ALIBABA_CLOUD_ACCESS_KEY_ID: ["LTAI", "5tCANARY", "1nly1FAKE"].join(""),
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: ["canary", "access", "key", "secret"].join("-"),
  ALIBABA_CLOUD_SECURITY_TOKEN: ["CAIS", "canary", "sts"].join("-"),
};

const APP = path.join(__dirname, "../../dist/main.js");

describe("synthesized output of the project's stacks", () => {
  const outdir = mkdtempSync(path.join(tmpdir(), "credentials-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("never contains a provider credential, even with credentials in the environment", () => {
    if (!existsSync(APP)) throw new Error(`${APP} is missing: run npm run build first`);
    execFileSync(process.execPath, [APP], {
      env: { ...process.env, ...CANARIES, CDKTF_OUTDIR: outdir },
      stdio: "pipe",
    });
    const stacksDir = path.join(outdir, "stacks");
    const stacks = readdirSync(stacksDir);
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      const text = readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8");
      for (const canary of Object.values(CANARIES)) expect(text).not.toContain(canary);
      expect({ stack, credentials: findCredentials(JSON.parse(text)) }).toEqual({ stack, credentials: [] });
    }
  });

  it("would be caught by the scanner if a stack wrote one into a provider block", () => {
    const stack = new TerraformStack(Testing.app(), "leaky");
    new AlicloudProvider(stack, "alicloud", {
      region: "cn-shanghai",
      accessKey: CANARIES.ALICLOUD_ACCESS_KEY,
      secretKey: CANARIES.ALICLOUD_SECRET_KEY,
      securityToken: CANARIES.ALICLOUD_SECURITY_TOKEN,
    });
    const attributes = findCredentials(JSON.parse(Testing.synth(stack))).map(({ attribute }) => attribute);
    expect(attributes).toEqual([
      "provider.alicloud.0.access_key",
      "provider.alicloud.0.secret_key",
      "provider.alicloud.0.security_token",
    ]);
  });
});
