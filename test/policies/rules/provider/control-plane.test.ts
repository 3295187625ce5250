import { terraformJson, violations } from "../../fixtures";

describe("RES-PROVIDER-CONTROL-PLANE", () => {
  const withAccountType = (account_type: unknown, extra: Record<string, unknown> = {}) =>
    violations(
      terraformJson("app", { provider: { alicloud: [{ region: "cn-shanghai", account_type }] }, ...extra }),
    );

  it("refuses the international site, in any case the provider accepts, saying why", () => {
    for (const value of ["International", "international", "INTERNATIONAL"]) {
      expect(withAccountType(value)).toMatchObject([
        {
          rule: "RES-PROVIDER-CONTROL-PLANE",
          address: "provider.alicloud",
          attribute: "account_type",
          verdict: "outside",
          resolved: expect.stringContaining("central endpoints"),
          message: expect.stringContaining("ap-southeast-1"),
        },
      ]);
    }
  });

  it("accepts the China site, and a provider that does not set it", () => {
    expect(withAccountType("Domestic")).toEqual([]);
    expect(violations(terraformJson("app", {}))).toEqual([]);
  });

  it("follows a reference and refuses what it cannot resolve or does not know", () => {
    expect(withAccountType("${local.site}", { locals: { site: "International" } })).toMatchObject([
      { verdict: "outside" },
    ]);
    expect(withAccountType("${var.site}", { variable: { site: { type: "string" } } })).toMatchObject([
      { verdict: "unresolved" },
    ]);
    expect(withAccountType("Global")).toMatchObject([
      { verdict: "unresolved", resolved: 'account_type "Global" is neither Domestic nor International' },
    ]);
  });

  it("checks every alicloud configuration, aliases included, and no other provider's", () => {
    const document = terraformJson("app", {
      provider: {
        alicloud: [
          { region: "cn-shanghai" },
          { alias: "intl", region: "cn-beijing", account_type: "International" },
        ],
        other: [{ account_type: "International" }],
      },
    });
    expect(violations(document)).toMatchObject([{ address: "provider.alicloud.intl" }]);
  });
});
