import { isMainlandRegion } from "../policies/catalog/regions";

/** What a resource holds, for tags and for choosing its KMS key. */
export type DataClass = "personal-information" | "important-data" | "operational-logs";

export const DATA_CLASSES: readonly DataClass[] = [
  "personal-information",
  "important-data",
  "operational-logs",
];

/** A vSwitch: one availability zone of a region and its slice of that region's VPC. */
export interface ZoneConfig {
  readonly zoneId: string;
  readonly cidr: string;
}

/** Where Terraform keeps the state of the data-center stacks. */
export type StateBackendKind = "local" | "oss";

/** The one typed configuration of the data center. */
export interface DataCenterConfig {
  /** Environment name, part of every resource name (`prod`, `staging`). */
  readonly environment: string;
  /** Region of the data center; every stack's default provider. */
  readonly homeRegion: string;
  /** In-country disaster-recovery region: the `dr` provider alias, DR keys and replica buckets. */
  readonly drRegion: string;
  readonly vpcCidr: string;
  /** At least two distinct zones of the home region, each with a vSwitch CIDR inside `vpcCidr`. */
  readonly zones: readonly ZoneConfig[];
  /** The DR region's VPC (it hosts the DR KMS instance); must not overlap `vpcCidr`, so the two can be connected. */
  readonly drVpcCidr: string;
  /** At least two distinct zones of the DR region, each with a vSwitch CIDR inside `drVpcCidr`. */
  readonly drZones: readonly ZoneConfig[];
  /**
   * The state stack's own small VPC in the home region, which hosts the KMS instance of the state key (the
   * bootstrap cannot use the home VPC: the network stack keeps its state in the bucket the bootstrap creates).
   */
  readonly stateVpcCidr: string;
  /** At least two distinct zones of the home region, each with a vSwitch CIDR inside `stateVpcCidr`. */
  readonly stateZones: readonly ZoneConfig[];
  /** Prefix of every resource name; OSS bucket names are global, so make it company-specific. */
  readonly namePrefix: string;
  /** Tags on every resource (the data class is added per resource). */
  readonly tags: Readonly<Record<string, string>>;
  /** `local` (default; synth and the bootstrap need nothing) or `oss` (the bucket and lock table of the state stack). */
  readonly stateBackend: StateBackendKind;
}

export const DEFAULT_CONFIG: DataCenterConfig = {
  environment: "prod",
  homeRegion: "cn-shanghai",
  drRegion: "cn-beijing",
  vpcCidr: "10.20.0.0/16",
  zones: [
    { zoneId: "cn-shanghai-e", cidr: "10.20.0.0/20" },
    { zoneId: "cn-shanghai-f", cidr: "10.20.16.0/20" },
  ],
  drVpcCidr: "10.30.0.0/16",
  drZones: [
    { zoneId: "cn-beijing-h", cidr: "10.30.0.0/20" },
    { zoneId: "cn-beijing-i", cidr: "10.30.16.0/20" },
  ],
  stateVpcCidr: "10.10.0.0/24",
  stateZones: [
    { zoneId: "cn-shanghai-e", cidr: "10.10.0.0/26" },
    { zoneId: "cn-shanghai-f", cidr: "10.10.0.64/26" },
  ],
  namePrefix: "sh-dc",
  tags: { owner: "platform-engineering", "managed-by": "cdktf" },
  stateBackend: "local",
};

/** Invalid configuration: the message names the field. */
export class ConfigError extends Error {
  constructor(field: string, problem: string) {
    super(`Invalid data-center configuration: ${field} ${problem}`);
    this.name = "ConfigError";
  }
}

interface Cidr {
  readonly first: number;
  readonly last: number;
}

function parseCidr(field: string, text: string): Cidr {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || bits > 32) {
    throw new ConfigError(field, `"${text}" is not an IPv4 CIDR block such as 10.20.0.0/16`);
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

function requireMainland(field: string, region: string): void {
  if (!isMainlandRegion(region)) {
    throw new ConfigError(
      field,
      `"${region}" is not a mainland China region of the catalog (policies/catalog/regions.ts); data must stay in mainland China`,
    );
  }
}

function overlaps(one: Cidr, other: Cidr): boolean {
  return one.first <= other.last && other.first <= one.last;
}

/**
 * A region's VPC and its zones: at least two distinct zones of the region, each vSwitch CIDR inside the VPC
 * and overlapping no other. Returns the VPC's address range.
 */
function validateNetwork(
  region: string,
  vpcField: string,
  vpcCidr: string,
  zonesField: string,
  zones: readonly ZoneConfig[],
): Cidr {
  const vpc = parseCidr(vpcField, vpcCidr);
  const zoneIds = new Set(zones.map((zone) => zone.zoneId));
  if (zoneIds.size < 2) {
    throw new ConfigError(zonesField, `needs at least two distinct zones of ${region}, got ${zoneIds.size}`);
  }
  const blocks = zones.map((zone, index) => {
    const field = `${zonesField}[${index}]`;
    if (!new RegExp(`^${region}-[a-z]$`).test(zone.zoneId)) {
      throw new ConfigError(`${field}.zoneId`, `"${zone.zoneId}" is not a zone of ${region}`);
    }
    const block = parseCidr(`${field}.cidr`, zone.cidr);
    if (block.first < vpc.first || block.last > vpc.last) {
      throw new ConfigError(`${field}.cidr`, `"${zone.cidr}" is not inside ${vpcField} "${vpcCidr}"`);
    }
    return { field, text: zone.cidr, block };
  });
  blocks.forEach((one, index) => {
    const other = blocks.slice(index + 1).find((each) => overlaps(each.block, one.block));
    if (other) {
      throw new ConfigError(
        `${other.field}.cidr`,
        `"${other.text}" overlaps ${one.field}.cidr "${one.text}"`,
      );
    }
  });
  return vpc;
}

/** Returns the configuration when it is valid; throws a ConfigError naming the field otherwise. */
export function validateConfig(config: DataCenterConfig): DataCenterConfig {
  requireMainland("homeRegion", config.homeRegion);
  requireMainland("drRegion", config.drRegion);
  if (config.drRegion === config.homeRegion) {
    throw new ConfigError(
      "drRegion",
      `must differ from homeRegion "${config.homeRegion}" to survive a regional outage`,
    );
  }
  if (!/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/.test(`${config.namePrefix}-${config.environment}`)) {
    throw new ConfigError("namePrefix/environment", "must be lower-case letters, digits and hyphens");
  }
  // No two VPCs overlap, so that any two can be connected later (CEN, VPN) without renumbering.
  const networks = [
    { region: config.homeRegion, vpcField: "vpcCidr", zonesField: "zones" },
    { region: config.drRegion, vpcField: "drVpcCidr", zonesField: "drZones" },
    { region: config.homeRegion, vpcField: "stateVpcCidr", zonesField: "stateZones" },
  ] as const;
  const vpcs = networks.map(({ region, vpcField, zonesField }) => ({
    field: vpcField,
    text: config[vpcField],
    block: validateNetwork(region, vpcField, config[vpcField], zonesField, config[zonesField]),
  }));
  vpcs.forEach((one, index) => {
    const other = vpcs.slice(0, index).find((each) => overlaps(each.block, one.block));
    if (other) throw new ConfigError(one.field, `"${one.text}" overlaps ${other.field} "${other.text}"`);
  });
  return config;
}

/** The configuration of this checkout: the defaults, with the state backend chosen by `STATE_BACKEND`. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): DataCenterConfig {
  const backend = env.STATE_BACKEND ?? "local";
  if (backend !== "local" && backend !== "oss") {
    throw new ConfigError("STATE_BACKEND", `"${backend}" must be "local" or "oss"`);
  }
  return { ...DEFAULT_CONFIG, stateBackend: backend };
}
