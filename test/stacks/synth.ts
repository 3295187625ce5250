import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import type { App } from "cdktf";
import { loadConfig } from "../../stacks/config";
import type { PlatformConfig } from "../../stacks/config";
import { buildPlatform } from "../../stacks/platform";

export type Block = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DEFAULT_CONFIG_PATH = join(__dirname, "../../datacenters.json");
export const THREE_DATA_CENTERS_PATH = join(__dirname, "fixtures/three-data-centers.json");

export function configFrom(path: string, stateBackend: "local" | "oss" = "local"): PlatformConfig {
  return loadConfig({ DATA_CENTER_CONFIG: path, STATE_BACKEND: stateBackend });
}

/** Synthesizes the whole app as `cdktf synth` does (guard included, cross-stack references wired); each stack by ID. */
export function synthPlatform(config: PlatformConfig): Record<string, Block> {
  const app = Testing.app();
  const platform = buildPlatform(app, config);
  app.synth();
  const ids = [
    platform.state,
    platform.account,
    ...platform.dataCenters.flatMap((each) => [each.network, each.keys, each.storage]),
  ].map((stack) => stack.node.id);
  return Object.fromEntries(
    ids.map((id) => [
      id,
      JSON.parse(readFileSync(join(app.outdir, "stacks", id, "cdk.tf.json"), "utf8")) as Block,
    ]),
  );
}

/** The committed configuration with the opt-in region control policy attached to one folder. */
export function withRegionControlPolicy(config: PlatformConfig): PlatformConfig {
  return {
    ...config,
    account: { ...config.account, regionControlPolicy: { targetIds: ["fd-examplefolder1"] } },
  };
}

/** The account stack of that configuration, and its app (to synthesize with the guard). */
export function synthAccountWithControlPolicy(): { app: App; account: Block } {
  const app = Testing.app();
  const { account } = buildPlatform(app, withRegionControlPolicy(configFrom(DEFAULT_CONFIG_PATH)));
  return { app, account: JSON.parse(Testing.synth(account)) as Block };
}

/** The resources of a type in a stack, by name. */
export function resourcesByName(stack: Block, type: string): Record<string, Block> {
  return (stack.resource?.[type] ?? {}) as Record<string, Block>;
}

export function resourcesOf(stack: Block, type: string): Block[] {
  return Object.values(resourcesByName(stack, type));
}

/** The resources of a type created through the provider configuration (`alicloud` is the default). */
export function resourcesWithProvider(stack: Block, type: string, provider: string): Block[] {
  return resourcesOf(stack, type).filter((each) => (each.provider ?? "alicloud") === provider);
}

/** Every resource of every stack, with its stack, type and name. */
export function allResources(
  stacks: Record<string, Block>,
): { stack: string; type: string; name: string; body: Block }[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries((json.resource ?? {}) as Record<string, Record<string, Block>>).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ stack, type, name, body })),
    ),
  );
}
