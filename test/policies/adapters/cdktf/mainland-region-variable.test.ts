import { App, TerraformStack, Testing } from "cdktf";
import { MainlandRegionVariable } from "../../../../policies/adapters/cdktf/mainland-region-variable";
import { check } from "../../fixtures";

const newStack = () => new TerraformStack(Testing.app(), "s");

describe("MainlandRegionVariable", () => {
  it("emits the one validation the residency engine accepts, so its default resolves", () => {
    const stack = newStack();
    new MainlandRegionVariable(stack, "region", {
      default: "cn-shanghai",
      allowed: ["cn-shanghai", "cn-hangzhou"],
    });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.variable.region.validation[0].condition).toBe(
      '${contains(["cn-shanghai","cn-hangzhou"], var.region)}',
    );
    expect(synthesized.variable.region).toMatchObject({
      type: "string",
      default: "cn-shanghai",
      description: "A mainland China region.",
      validation: [{ error_message: "Must be a mainland China region: cn-shanghai, cn-hangzhou." }],
    });
    synthesized.provider = { alicloud: [{ region: "${var.region}" }] };
    expect(check([synthesized]).findings).toEqual([]);
  });

  it("refuses a foreign region among the allowed ones, or a default outside them", () => {
    const stack = new TerraformStack(new App(), "s");
    expect(
      () =>
        new MainlandRegionVariable(stack, "a", {
          default: "cn-shanghai",
          allowed: ["cn-shanghai", "cn-hongkong"],
        }),
    ).toThrow("cn-hongkong");
    expect(
      () => new MainlandRegionVariable(stack, "b", { default: "cn-beijing", allowed: ["cn-shanghai"] }),
    ).toThrow("default");
  });

  it("takes a description, and allows every mainland region by default", () => {
    const stack = newStack();
    new MainlandRegionVariable(stack, "region", {
      default: "cn-beijing",
      description: "Where the DR copy lives.",
    });
    const { variable } = JSON.parse(Testing.synth(stack));
    expect(variable.region.description).toBe("Where the DR copy lives.");
    expect(variable.region.validation[0].condition).toContain('"cn-shanghai"');
  });
});
