import { terraformJson, violations } from "../../fixtures";

const withProviders = (alicloud: unknown, blocks: Record<string, unknown> = {}) =>
  violations(terraformJson("app", { provider: { alicloud }, ...blocks }));

describe("RES-PROVIDER-REGION", () => {
  it("accepts mainland default and alias providers", () => {
    expect(withProviders([{ region: "cn-shanghai" }, { alias: "dr", region: "cn-hangzhou" }])).toEqual([]);
  });

  it("refuses cn-hongkong", () => {
    expect(withProviders([{ region: "cn-hongkong" }])).toMatchObject([
      {
        rule: "RES-PROVIDER-REGION",
        address: "provider.alicloud",
        attribute: "region",
        value: "cn-hongkong",
        verdict: "outside",
      },
    ]);
  });

  it("refuses an alias to a foreign region, also written as a single object", () => {
    expect(
      withProviders([{ region: "cn-shanghai" }, { alias: "dr", region: "ap-southeast-1" }]),
    ).toMatchObject([{ address: "provider.alicloud.dr", resolved: "ap-southeast-1" }]);
    expect(withProviders({ alias: "dr", region: "eu-central-1" })).toMatchObject([
      { address: "provider.alicloud.dr" },
    ]);
  });

  it("refuses a provider without a region, which the environment would choose", () => {
    expect(withProviders([{}])).toMatchObject([
      { verdict: "unresolved", resolved: expect.stringContaining("no region") },
    ]);
  });

  it("refuses a provider configuration a resource uses but nobody declares", () => {
    const resource = { alicloud_oss_bucket: { b: { bucket: "b", provider: "alicloud.ghost" } } };
    expect(withProviders([{ region: "cn-shanghai" }], { resource })).toMatchObject([
      { address: "provider.alicloud.ghost", verdict: "unresolved" },
    ]);
  });

  it("refuses a region taken from a variable without validation", () => {
    expect(
      withProviders([{ region: "${var.region}" }], { variable: { region: { default: "cn-shanghai" } } }),
    ).toMatchObject([{ verdict: "unresolved" }]);
  });
});

describe("RES-PROVIDER-REGION with a region that resolves to nothing", () => {
  it.each([null, [], "${local.nothing}"])("refuses region %p", (region) => {
    expect(withProviders([{ region }], { locals: { nothing: null } })).toMatchObject([
      { verdict: "unresolved" },
    ]);
  });

  it("refuses a location that follows a provider whose region is null", () => {
    const resource = {
      alicloud_oss_bucket: { b: { bucket: "b", provider: "alicloud.dr" } },
      alicloud_oss_bucket_replication: {
        r: { destination: { location: "${alicloud_oss_bucket.b.location}" } },
      },
    };
    const found = withProviders([{ region: "cn-shanghai" }, { alias: "dr", region: null }], { resource });
    expect(found.map((finding) => finding.address)).toEqual([
      "provider.alicloud.dr",
      "alicloud_oss_bucket_replication.r",
    ]);
  });
});

describe("RES-PROVIDER-REGION with the interpolation form of a provider reference", () => {
  it("reads provider = ${alicloud.dr} as alicloud.dr", () => {
    const resource = { alicloud_oss_bucket: { b: { bucket: "b", provider: "${alicloud.dr}" } } };
    expect(
      withProviders([{ region: "cn-shanghai" }, { alias: "dr", region: "cn-hongkong" }], { resource }),
    ).toMatchObject([{ address: "provider.alicloud.dr", verdict: "outside" }]);
    expect(withProviders([{ region: "cn-shanghai" }], { resource })).toMatchObject([
      { address: "provider.alicloud.dr", verdict: "unresolved" },
    ]);
  });
});

it("refuses an alicloud resource bound to a configuration of another name", () => {
  const resource = { alicloud_oss_bucket: { b: { bucket: "b", provider: "mystery" } } };
  expect(withProviders([{ region: "cn-shanghai" }], { resource })).toMatchObject([
    { address: "provider.mystery", verdict: "unresolved" },
  ]);
});
