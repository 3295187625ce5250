import { terraformJson, violations } from "../../fixtures";

describe("RES-OTHER-PROVIDER", () => {
  it("passes location-free utility providers", () => {
    const resource = {
      random_id: { a: {} },
      null_resource: { b: {} },
      time_sleep: { c: {} },
      tls_private_key: { d: {} },
    };
    expect(violations(terraformJson("app", { resource }))).toEqual([]);
  });

  it("refuses resources of any other provider", () => {
    const resource = { aws_s3_bucket: { logs: { bucket: "logs" } } };
    expect(violations(terraformJson("app", { resource }))).toMatchObject([
      {
        rule: "RES-OTHER-PROVIDER",
        address: "aws_s3_bucket.logs",
        attribute: "provider",
        value: "aws",
        verdict: "unresolved",
        resolved: 'provider "aws" places data where this check cannot see',
      },
    ]);
  });
});
