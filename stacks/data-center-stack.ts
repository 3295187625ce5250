import { LocalBackend, OssBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import type { DataCenterConfig, DataClass } from "./config";

/** The name of the state bootstrap stack, whose bucket and lock table the OSS backend uses. */
export const STATE_STACK_ID = "state";
const LOCK_TABLE = "terraform_state_lock";

/** `<prefix>-<environment>-<parts...>`: every resource name of the data center. */
export function resourceName(config: DataCenterConfig, ...parts: string[]): string {
  return [config.namePrefix, config.environment, ...parts].join("-");
}

export function stateBucketName(config: DataCenterConfig): string {
  return resourceName(config, "terraform-state");
}

/** Tablestore instance names allow letters, digits and hyphens, at most 16 characters. */
export function stateLockInstanceName(config: DataCenterConfig): string {
  return `${config.namePrefix}-${config.environment}-tf`.slice(0, 16);
}

export { LOCK_TABLE as STATE_LOCK_TABLE };

/**
 * A stack of the data center: its default provider in the home region (and, when asked, the `dr`
 * alias in the DR region), both with an explicit region and no credentials (the provider reads them
 * from the environment), and its state backend.
 */
export class DataCenterStack extends TerraformStack {
  readonly config: DataCenterConfig;
  readonly provider: AlicloudProvider;

  constructor(scope: Construct, id: string, config: DataCenterConfig) {
    super(scope, id);
    this.config = config;
    this.provider = new AlicloudProvider(this, "alicloud", { region: config.homeRegion });
    // The bootstrap stack creates the OSS backend's bucket and table, so it always keeps local state.
    if (config.stateBackend === "oss" && id !== STATE_STACK_ID) {
      new OssBackend(this, {
        bucket: stateBucketName(config),
        prefix: `stacks/${id}`,
        key: "terraform.tfstate",
        region: config.homeRegion,
        encrypt: true,
        acl: "private",
        tablestoreEndpoint: `https://${stateLockInstanceName(config)}.${config.homeRegion}.ots.aliyuncs.com`,
        tablestoreTable: LOCK_TABLE,
      });
    } else {
      // Terraform runs in cdktf.out/stacks/<id>: this is the project root's terraform.<id>.tfstate (cdktf's
      // default), written relative so that synthesized output is the same in every checkout, and so that
      // the cross-stack references of other stacks (read from their own directories) find the same file.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }

  /** The `dr` provider alias in the in-country DR region. */
  addDrProvider(): AlicloudProvider {
    return new AlicloudProvider(this, "dr", { alias: "dr", region: this.config.drRegion });
  }

  /** The configured tags plus the data class and environment. */
  tagsFor(dataClass: DataClass): Record<string, string> {
    return { ...this.config.tags, environment: this.config.environment, "data-class": dataClass };
  }
}
