import { InputError, MAX_NESTING } from "../../../../policies/engine/json";
import { findCredentials } from "../../../../policies/rules/secrets/credential-in-input";
import { check, terraformJson, withResource } from "../../fixtures";

// Fake values in the shapes of real credentials, assembled here so that no credential is written in a test.
const FAKE_ACCESS_KEY_ID = ["LTAI", "5tTEST", "0nly0FAKE"].join("");
const FAKE_SECRET = ["not", "a", "real", "secret", "0123456789"].join("-");
const FAKE_TOKEN = ["CAIS", "fake", "token"].join("-");

const RULE = "SEC-CREDENTIAL-IN-INPUT";

function credentialFindings(document: Record<string, unknown>) {
  const report = check([document]);
  return { report, findings: report.findings.filter((finding) => finding.rule === RULE) };
}

describe("SEC-CREDENTIAL-IN-INPUT", () => {
  it("warns about each credential in a provider block, masked, without failing the check", () => {
    const { report, findings } = credentialFindings(
      terraformJson("app", {
        provider: {
          alicloud: [
            {
              region: "cn-shanghai",
              access_key: FAKE_ACCESS_KEY_ID,
              secret_key: FAKE_SECRET,
              security_token: FAKE_TOKEN,
            },
          ],
        },
      }),
    );
    expect(
      findings.map(({ address, attribute, severity, value }) => [address, attribute, severity, value]),
    ).toEqual([
      ["provider.alicloud", "access_key", "warning", "LTAI****"],
      ["provider.alicloud", "secret_key", "warning", "****"],
      ["provider.alicloud", "security_token", "warning", "****"],
    ]);
    expect(findings[0]?.message).toContain("ALICLOUD_ACCESS_KEY");
    expect(report.summary.violations).toBe(0);
    const printed = JSON.stringify(report);
    for (const secret of [FAKE_ACCESS_KEY_ID, FAKE_SECRET, FAKE_TOKEN]) expect(printed).not.toContain(secret);
  });

  it("reports a credential as what it is, not as an unresolved place", () => {
    const { report, findings } = credentialFindings(
      withResource("alicloud_oss_bucket", { bucket: "b", tags: { note: FAKE_ACCESS_KEY_ID } }),
    );
    expect(findings).toMatchObject([
      {
        verdict: "location-free",
        resolved: "holds a credential (LTAI****) written in the input",
        message: expect.stringMatching(
          /^tags\.note holds a credential \(LTAI\*\*\*\*\) written in the input\. Remove/,
        ),
      },
    ]);
    expect(report.summary.unresolved).toBe(0);
    expect(report.resources).toMatchObject([
      { address: "alicloud_oss_bucket.subject", verdict: "mainland", places: ["cn-shanghai"] },
    ]);
  });

  it("finds an AccessKey ID anywhere, and credentials in nested blocks, backends and variables", () => {
    const { findings } = credentialFindings(
      withResource(
        "alicloud_instance",
        { user_data: `export KEY=${FAKE_ACCESS_KEY_ID}` },
        {
          provider: { alicloud: [{ region: "cn-shanghai", assume_role: [{ security_token: FAKE_TOKEN }] }] },
          terraform: {
            backend: { oss: { region: "cn-shanghai", bucket: "state", secret_key: FAKE_SECRET } },
          },
          variable: { ak: { default: FAKE_ACCESS_KEY_ID } },
          locals: {
            keys: { secret_key: FAKE_SECRET, "dr.secret_key": FAKE_SECRET, "dr.secret": FAKE_SECRET },
          },
          output: { token: { value: FAKE_ACCESS_KEY_ID } },
        },
      ),
    );
    expect(findings.map(({ address, attribute }) => `${address} ${attribute}`).sort()).toEqual([
      "alicloud_instance.subject user_data",
      "local.keys dr.secret_key",
      "local.keys secret_key",
      "output.token value",
      "provider.alicloud assume_role.0.security_token",
      "terraform.backend.oss secret_key",
      "variable.ak default",
    ]);
  });

  it("leaves a resource's placement to its places, though it holds a credential", () => {
    const { report } = credentialFindings(
      withResource("alicloud_oss_bucket", { bucket: "b", access_key: FAKE_SECRET }),
    );
    expect(report.resources.map(({ places, verdict }) => ({ places, verdict }))).toStrictEqual([
      { places: ["cn-shanghai"], verdict: "mainland" },
    ]);
  });

  it("accepts references and empty values: they write no credential", () => {
    const { findings } = credentialFindings(
      terraformJson("app", {
        provider: {
          alicloud: [
            { region: "cn-shanghai", access_key: "${var.ak}", secret_key: "", security_token: "  " },
          ],
        },
      }),
    );
    expect(findings).toEqual([]);
  });

  it("names each credential by its path, in document order, past sibling blocks that hold none", () => {
    const document = {
      empty: { nested: { flag: true } },
      list: [{ names: ["a", "b"] }, { inner: { secret_key: FAKE_SECRET } }],
      later: { access_key: FAKE_SECRET, plain: { note: `id ${FAKE_ACCESS_KEY_ID}` } },
      top: FAKE_ACCESS_KEY_ID,
    };
    expect(findCredentials(document)).toEqual([
      { attribute: "list.1.inner.secret_key", masked: "****" },
      { attribute: "later.access_key", masked: "****" },
      { attribute: "later.plain.note", masked: "LTAI****" },
      { attribute: "top", masked: "LTAI****" },
    ]);
    expect(findCredentials(FAKE_ACCESS_KEY_ID)).toEqual([{ attribute: "", masked: "LTAI****" }]);
    expect(findCredentials(FAKE_SECRET)).toEqual([]);
  });

  it("walks as deep as the model allows, and refuses deeper values without overflowing the stack", () => {
    const nested = (levels: number): unknown => {
      let deep: unknown = { access_key: FAKE_SECRET };
      for (let level = 0; level < levels; level += 1) deep = [deep];
      return deep;
    };
    expect(findCredentials(nested(MAX_NESTING))).toEqual([
      { attribute: `${Array.from({ length: MAX_NESTING }, () => "0").join(".")}.access_key`, masked: "****" },
    ]);
    expect(() => findCredentials(nested(MAX_NESTING + 1))).toThrow(InputError);
    expect(() => findCredentials(nested(100_000))).toThrow(`nested more than ${MAX_NESTING} levels deep`);
  });
});
