import type { App } from "cdktf";
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

/**
 * Adds the five stacks of the data center to the app. Pass a configuration that `validateConfig`
 * accepted; the residency guard on the app (main.ts) still refuses anything outside the mainland.
 */
export function buildDataCenter(app: App, config: DataCenterConfig): DataCenter {
  const network = new NetworkStack(app, "network", config);
  const keys = new KeysStack(app, "keys", config, network);
  const storage = new StorageStack(app, "storage", config, keys);
  return {
    state: new StateStack(app, STATE_STACK_ID, config),
    network,
    keys,
    storage,
    audit: new AuditStack(app, "audit", config, keys, storage),
  };
}
