import { LocalBackend, OssBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { stateLockInstanceName } from "./config";
import type { DataClass, PlatformConfig } from "./config";
import { ResourceTags, setDataClass } from "./tagging";

/** The Tablestore table of the state locks, in the state bootstrap's lock instance. */
export const STATE_LOCK_TABLE = "terraform_state_lock";

/** `<prefix>-<environment>-<parts...>`: every resource name. */
export function resourceName(config: PlatformConfig, ...parts: string[]): string {
  return [config.namePrefix, config.environment, ...parts].join("-");
}

export function stateBucketName(config: PlatformConfig): string {
  return resourceName(config, "terraform-state");
}

/**
 * The lock instance's VPC endpoint: the instance accepts requests from its bound VPC only (README,
 * Deploying), never from the internet.
 */
export function stateLockEndpoint(config: PlatformConfig): string {
  return `https://${stateLockInstanceName(config)}.${config.state.region}.vpc.tablestore.aliyuncs.com`;
}

export interface PlatformStackProps {
  readonly config: PlatformConfig;
  /** Region of the stack's default `alicloud` provider. */
  readonly region: string;
  /** Region of the `dr` alias (`addDrProvider`), in-country and apart from `region`. */
  readonly drRegion: string;
  /** What the stack's resources hold unless a construct in it says otherwise (`setDataClass`). */
  readonly dataClass: DataClass;
  /** Keep local state whatever `stateBackend` says: the state bootstrap cannot keep its state in what it creates. */
  readonly alwaysLocalState?: boolean;
}

/**
 * A stack of the platform: its default provider in its region (and, when asked, the `dr` alias in the DR
 * region), both with an explicit region and no credentials (the provider reads them from the environment),
 * and its state backend.
 */
export class PlatformStack extends TerraformStack {
  readonly config: PlatformConfig;
  readonly region: string;
  readonly drRegion: string;
  readonly provider: AlicloudProvider;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    this.config = props.config;
    this.region = props.region;
    this.drRegion = props.drRegion;
    setDataClass(this, props.dataClass);
    // On the stack: cdktf runs the aspects of each stack, never those of the app above it.
    ResourceTags.applyTo(this, props.config.environment, props.config.tags);
    this.provider = new AlicloudProvider(this, "alicloud", { region: props.region });
    if (props.config.stateBackend === "oss" && !props.alwaysLocalState) {
      new OssBackend(this, {
        bucket: stateBucketName(props.config),
        prefix: `stacks/${id}`,
        key: "terraform.tfstate",
        region: props.config.state.region,
        // The internal endpoint: the state bucket serves objects to requests from the state VPC only.
        endpoint: `oss-${props.config.state.region}-internal.aliyuncs.com`,
        // No `encrypt`: it makes Terraform send `x-oss-server-side-encryption: AES256` with the state
        // (Terraform's oss backend, client.go), which overrides the bucket's default SSE-KMS with the state CMK.
        acl: "private",
        tablestoreEndpoint: stateLockEndpoint(props.config),
        tablestoreTable: STATE_LOCK_TABLE,
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
    return new AlicloudProvider(this, "dr", { alias: "dr", region: this.drRegion });
  }
}
