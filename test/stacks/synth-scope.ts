import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import type { Block } from "./synth";

/** Synthesizes what `build` adds to a stack whose default provider is in cn-shanghai. */
export function synth(build: (scope: Construct) => void): Block {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new AlicloudProvider(scope, "alicloud", { region: "cn-shanghai" });
      build(scope);
    }),
  );
}

export function only(stack: Block, type: string): Block {
  const all = Object.values((stack.resource?.[type] ?? {}) as Record<string, Block>);
  expect(all).toHaveLength(1);
  return all[0];
}
