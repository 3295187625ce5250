import { terraformJson, violations } from "../../fixtures";

describe("RES-MODULE", () => {
  it("refuses a module call, whose resources synthesized JSON does not show", () => {
    const module = { network: { source: "./modules/network", region: "cn-shanghai" } };
    expect(violations(terraformJson("app", { module }))).toMatchObject([
      {
        rule: "RES-MODULE",
        address: "module.network",
        attribute: "source",
        value: "./modules/network",
        verdict: "unresolved",
        resolved: "the module's resources are not in the synthesized JSON",
        message: expect.stringContaining("Vendor the module"),
      },
    ]);
  });
});
