import { check, terraformJson, violations } from "../../fixtures";

const withTerraform = (terraform: Record<string, unknown>, blocks: Record<string, unknown> = {}) =>
  violations(terraformJson("app", { terraform, ...blocks }));

describe("RES-BACKEND", () => {
  it("accepts local state and an OSS backend in a mainland region", () => {
    expect(withTerraform({ backend: { local: { path: "x.tfstate" } } })).toEqual([]);
    expect(withTerraform({ backend: { oss: { bucket: "state", region: "cn-shanghai" } } })).toEqual([]);
  });

  it("refuses a foreign OSS backend", () => {
    expect(withTerraform({ backend: { oss: { bucket: "state", region: "cn-hongkong" } } })).toMatchObject([
      { rule: "RES-BACKEND", address: "terraform.backend.oss", attribute: "region", verdict: "outside" },
    ]);
  });

  it("refuses an OSS backend without a region, or with a foreign endpoint", () => {
    expect(withTerraform({ backend: { oss: { bucket: "state" } } })).toMatchObject([
      { verdict: "unresolved" },
    ]);
    expect(
      withTerraform({
        backend: { oss: { bucket: "s", region: "cn-shanghai", endpoint: "oss-ap-southeast-1.aliyuncs.com" } },
      }),
    ).toMatchObject([{ attribute: "endpoint", verdict: "outside" }]);
  });

  it("refuses HCP Terraform and backends of other clouds", () => {
    expect(withTerraform({ cloud: { organization: "acme" } })).toMatchObject([
      { address: "terraform.cloud", verdict: "outside" },
    ]);
    expect(withTerraform({ backend: { s3: { bucket: "b", region: "cn-north-1" } } })).toMatchObject([
      { verdict: "unresolved" },
    ]);
  });

  it("checks where a remote state data source reads state from", () => {
    const data = {
      terraform_remote_state: { shared: { backend: "oss", config: { bucket: "s", region: "us-east-1" } } },
    };
    expect(violations(terraformJson("app", { data }))).toMatchObject([
      { address: "data.terraform_remote_state.shared", verdict: "outside" },
    ]);
  });

  it("says why each backend is refused, and what was written", () => {
    expect(withTerraform({ backend: { oss: { bucket: "state" } } })).toMatchObject([
      {
        attribute: "region",
        value: null,
        resolved: "the OSS backend sets no region; it would come from the environment",
      },
    ]);
    expect(withTerraform({ backend: { oss: { bucket: "state", region: "cn-hongkong" } } })).toMatchObject([
      { attribute: "region", value: "cn-hongkong", resolved: "cn-hongkong" },
    ]);
    expect(withTerraform({ backend: { remote: { organization: "acme" } } })).toMatchObject([
      {
        address: "terraform.backend.remote",
        attribute: "backend",
        value: "remote",
        verdict: "outside",
        resolved: "HCP Terraform (state kept outside mainland China)",
      },
    ]);
    expect(withTerraform({ backend: { s3: { bucket: "b" } } })).toMatchObject([
      {
        attribute: "backend",
        value: "s3",
        verdict: "unresolved",
        resolved: 'a "s3" backend keeps state where this check cannot see',
      },
    ]);
  });

  it("checks an OSS backend's endpoint only when one is set, and places the backend in the report", () => {
    const report = check([
      terraformJson("app", { terraform: { backend: { oss: { bucket: "state", region: "cn-shanghai" } } } }),
    ]);
    expect(report.findings).toEqual([]);
    const endpoint = {
      bucket: "s",
      region: "cn-shanghai",
      endpoint: "oss-cn-shanghai-internal.aliyuncs.com",
    };
    expect(withTerraform({ backend: { oss: endpoint } })).toEqual([]);
  });
});
