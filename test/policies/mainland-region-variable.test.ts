import { App, TerraformStack, Testing } from "cdktf";
import { MainlandRegionVariable } from "../../policies/mainland-region-variable";
import { check } from "./fixtures";

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
});
