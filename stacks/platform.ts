import type { App } from "cdktf";
import { addResidencyGuard, type ResidencyGuardProps } from "../policies/adapters/cdktf/residency-guard";
import { AccountStack } from "./account";
import type { DataCenterConfig, PlatformConfig } from "./config";
import { KeysStack } from "./keys";
import { NetworkStack } from "./network";
import { StateStack } from "./state";
import { StorageStack } from "./storage";

/** The stacks of one data center, named `<name>-network`, `<name>-keys`, `<name>-storage`. */
export interface DataCenter {
  readonly config: DataCenterConfig;
  readonly network: NetworkStack;
  readonly keys: KeysStack;
  readonly storage: StorageStack;
}

export interface Platform {
  readonly state: StateStack;
  readonly account: AccountStack;
  readonly dataCenters: readonly DataCenter[];
}

function buildDataCenter(app: App, config: PlatformConfig, dataCenter: DataCenterConfig): DataCenter {
  const network = new NetworkStack(app, `${dataCenter.name}-network`, config, dataCenter);
  const keys = new KeysStack(app, `${dataCenter.name}-keys`, config, dataCenter, network);
  const storage = new StorageStack(app, `${dataCenter.name}-storage`, config, dataCenter, network, keys);
  return { config: dataCenter, network, keys, storage };
}

/**
 * Adds every stack of the configuration to the app: the state bootstrap, the account stack and three
 * stacks per data center, and the residency guard on the app. Pass a configuration that `loadConfig`
 * accepted; the guard still refuses anything outside the mainland.
 */
export function buildPlatform(app: App, config: PlatformConfig, guard: ResidencyGuardProps = {}): Platform {
  // One guard for the app: it checks every stack, these and any added later, once all are written.
  addResidencyGuard(app, guard);
  const state = new StateStack(app, config);
  const dataCenters = config.dataCenters.map((dataCenter) => buildDataCenter(app, config, dataCenter));
  const audit = dataCenters.find((each) => each.config.name === config.account.auditDataCenter);
  if (!audit) {
    throw new Error(`account.auditDataCenter "${config.account.auditDataCenter}" is not a data center`);
  }
  const account = new AccountStack(app, config, audit);
  return { state, account, dataCenters };
}
