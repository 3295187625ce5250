import { terraformJson, violations } from "../../fixtures";

const withProvider = (config: Record<string, unknown>) =>
  violations(terraformJson("app", { provider: { alicloud: [{ region: "cn-shanghai", ...config }] } }));

describe("RES-ENDPOINT-OVERRIDE", () => {
  it("accepts mainland endpoint overrides", () => {
    expect(
      withProvider({
        endpoints: [{ oss: "oss-cn-shanghai-internal.aliyuncs.com" }],
        log_endpoint: "cn-shanghai.log.aliyuncs.com",
      }),
    ).toEqual([]);
  });

  it("refuses an endpoint override that sends OSS traffic abroad", () => {
    expect(withProvider({ endpoints: [{ oss: "oss-cn-hongkong.aliyuncs.com" }] })).toMatchObject([
      {
        rule: "RES-ENDPOINT-OVERRIDE",
        address: "provider.alicloud",
        attribute: "endpoints.oss",
        verdict: "outside",
      },
    ]);
  });

  it("refuses acceleration endpoints and hosts that are not Alibaba Cloud endpoints", () => {
    expect(
      withProvider({ endpoints: { oss: "oss-accelerate.aliyuncs.com", kms: "kms.example.com" } }),
    ).toMatchObject([
      { attribute: "endpoints.oss", verdict: "outside" },
      { attribute: "endpoints.kms", verdict: "unresolved" },
    ]);
  });

  it("refuses a foreign *_endpoint attribute", () => {
    expect(withProvider({ mns_endpoint: "https://1234.mns.ap-southeast-1.aliyuncs.com" })).toMatchObject([
      { attribute: "mns_endpoint", resolved: "ap-southeast-1" },
    ]);
  });

  it("leaves the endpoints of other providers to the rules on their resources", () => {
    const provider = {
      alicloud: [{ region: "cn-shanghai" }],
      aws: [
        { region: "us-east-1", endpoints: [{ s3: "s3.amazonaws.com" }], sts_endpoint: "sts.amazonaws.com" },
      ],
    };
    const findings = violations(terraformJson("app", { provider }));
    expect(findings.filter((finding) => finding.rule === "RES-ENDPOINT-OVERRIDE")).toEqual([]);
  });
});
