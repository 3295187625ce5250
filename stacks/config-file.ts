/**
 * The shape of `datacenters.json`. `datacenters.schema.json` is generated from these types
 * (`npm run config-schema`), and a test fails when the committed schema differs from what they generate.
 */

/** What a resource holds, for tags and for choosing its KMS key. */
export type DataClass = "personal-information" | "important-data" | "operational-logs";

/** A vSwitch: one availability zone of the network's region and its slice of the VPC. */
export interface ZoneConfig {
  /**
   * A zone of the network's region, such as `cn-shanghai-e`.
   * @pattern ^[a-z][a-z0-9-]*[a-z0-9]$
   */
  readonly zone: string;
  /**
   * The vSwitch's IPv4 CIDR block, inside the VPC and without host bits, such as `10.20.0.0/20`.
   * @pattern ^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/\d{1,2}$
   */
  readonly cidr: string;
}

/** A VPC in a region, with a vSwitch in each of at least two distinct zones. */
export interface NetworkConfig {
  /**
   * The VPC's IPv4 CIDR block, without host bits; no two VPCs of the file may overlap.
   * @pattern ^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/\d{1,2}$
   */
  readonly vpcCidr: string;
  /** @minItems 2 */
  readonly zones: readonly ZoneConfig[];
}

/** A network in a region of the mainland region catalog (`policies/catalog/regions.ts`). */
export interface RegionalNetworkConfig extends NetworkConfig {
  /**
   * A mainland China region ID of the catalog, such as `cn-shanghai`.
   * @pattern ^[a-z][a-z0-9-]*[a-z0-9]$
   */
  readonly region: string;
}

/**
 * The in-country disaster-recovery arrangement: a second mainland region (not the home region) with a
 * VPC that hosts the DR KMS instance. DR keys and replica buckets live there.
 */
export type DisasterRecoveryConfig = RegionalNetworkConfig;

/** One data center: a home region with its network, keys and storage, and its DR region. */
export interface DataCenterConfig extends RegionalNetworkConfig {
  /**
   * Names the data center's stacks (`<name>-network`, `<name>-keys`, `<name>-storage`) and resources.
   * @pattern ^[a-z][a-z0-9]{1,9}$
   */
  readonly name: string;
  readonly dr: DisasterRecoveryConfig;
}

/**
 * The state bootstrap: the OSS bucket and Tablestore lock table of the other stacks' state, with a network
 * and KMS instance of its own in `region`, and an in-country DR copy of the bucket in `dr.region`.
 */
export interface StateConfig extends RegionalNetworkConfig {
  readonly dr: DisasterRecoveryConfig;
}

/** The Resource Directory control policy that denies actions on resources outside the catalog's regions. */
export interface RegionControlPolicyConfig {
  /**
   * Resource Directory folders or member accounts to attach the policy to (`fd-…` or an account ID).
   * @minItems 1
   */
  readonly targetIds: readonly string[];
}

/** What the account has once, whatever the number of data centers. */
export interface AccountConfig {
  /**
   * The data center (by `name`) whose region receives the account's audit trail (ActionTrail, all
   * regions) in a WORM bucket and an SLS project, encrypted with that data center's logs key.
   */
  readonly auditDataCenter: string;
  /** Opt-in (absent: off): a Resource Directory control policy; see README, Configuration. */
  readonly regionControlPolicy?: RegionControlPolicyConfig;
}

/** `datacenters.json`: the data centers and what they share. */
export interface DataCentersFile {
  /** The JSON Schema of this file, for editors. */
  readonly $schema?: string;
  /**
   * Part of every resource name and the `environment` tag (`prod`, `staging`).
   * @pattern ^[a-z][a-z0-9]{1,7}$
   */
  readonly environment: string;
  /**
   * Prefix of every resource name (`<prefix>-<environment>-…`); OSS bucket names are global, so make it
   * specific to the company.
   * @pattern ^[a-z][a-z0-9-]{0,14}[a-z0-9]$
   */
  readonly namePrefix: string;
  /** Tags on every resource that has tags, beside `environment` and `data-class`. */
  readonly tags: { readonly [key: string]: string };
  readonly account: AccountConfig;
  readonly state: StateConfig;
  /** @minItems 1 */
  readonly dataCenters: readonly DataCenterConfig[];
}
