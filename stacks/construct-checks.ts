import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";

/**
 * The region a construct's resources go to: that of the provider given, or else of its stack's default
 * `alicloud` provider. Throws when the region is not written in the provider (the environment would choose).
 */
export function providerRegion(scope: Construct, provider?: AlicloudProvider): string {
  const chosen =
    provider ??
    TerraformStack.of(scope)
      .node.children.filter((child): child is AlicloudProvider => child instanceof AlicloudProvider)
      .find((each) => each.alias === undefined);
  const region = chosen?.region;
  if (!region) {
    throw new Error(`${scope.node.path}: its alicloud provider needs an explicit region`);
  }
  return region;
}

/** Throws an Error naming the construct, its kind and the prop when a prop is invalid. */
export function invalidProp(scope: Construct, kind: string, prop: string, problem: string): never {
  throw new Error(`${kind} ${scope.node.path}: ${prop} ${problem}`);
}
