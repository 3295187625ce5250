import type { App } from "cdktf";
import { addResidencyGuard, type Suppression } from "../policies/adapters/cdktf/residency-guard";
import { AuditStack } from "./audit";
import type { DataCenterConfig } from "./config";
import { STATE_STACK_ID } from "./data-center-stack";
import { KeysStack } from "./keys";
import { NetworkStack } from "./network";
import { StateStack } from "./state";
import { StorageStack } from "./storage";

export interface DataCenter {
  readonly state: StateStack;
  readonly network: NetworkStack;
  readonly keys: KeysStack;
  readonly storage: StorageStack;
  readonly audit: AuditStack;
}

export interface DataCenterGuardProps {
  readonly suppressions?: readonly Suppression[];
  readonly today?: string;
}

/**
 * Adds the five stacks of the data center to the app, each with the residency guard. Pass a
 * configuration that `validateConfig` accepted; the guard still refuses anything outside the mainland.
 */
export function buildDataCenter(
  app: App,
  config: DataCenterConfig,
  guard: DataCenterGuardProps = {},
): DataCenter {
  const network = new NetworkStack(app, "network", config);
  const keys = new KeysStack(app, "keys", config, network);
  const storage = new StorageStack(app, "storage", config, keys);
  const dataCenter: DataCenter = {
    state: new StateStack(app, STATE_STACK_ID, config),
    network,
    keys,
    storage,
    audit: new AuditStack(app, "audit", config, keys, storage),
  };
  for (const stack of Object.values(dataCenter)) {
    addResidencyGuard(stack, guard);
  }
  return dataCenter;
}
