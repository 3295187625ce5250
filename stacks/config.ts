import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { isMainlandRegion } from "../policies/catalog/regions";
import { checkNetwork, cidrsOverlap, FieldError } from "./addressing";
import type { CidrBlock } from "./addressing";
import type { DataCenterConfig, DataCentersFile, DataClass, RegionalNetworkConfig } from "./config-file";
import SCHEMA from "../datacenters.schema.json";

export type * from "./config-file";

export const DATA_CLASSES: readonly DataClass[] = [
  "personal-information",
  "important-data",
  "operational-logs",
];

/** Where Terraform keeps the state of every stack but the state bootstrap. */
export type StateBackendKind = "local" | "oss";

/** The validated configuration file, and the state backend chosen for this run. */
export interface PlatformConfig extends DataCentersFile {
  readonly stateBackend: StateBackendKind;
}

/** The Tablestore instance of the state locks; Tablestore allows at most 16 characters. */
export function stateLockInstanceName({
  namePrefix,
  environment,
}: Pick<DataCentersFile, "namePrefix" | "environment">): string {
  return `${namePrefix}-${environment}-tf`;
}

const MAX_TABLESTORE_NAME = 16;

/** The configuration file read when `DATA_CENTER_CONFIG` is not set, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = "datacenters.json";

/** Invalid configuration: the message names the file, the data center (where there is one) and the field. */
export class ConfigError extends Error {
  constructor(file: string, where: string, problem: string) {
    super(`Invalid data-center configuration ${file}: ${where ? `${where} ` : ""}${problem}`);
    this.name = "ConfigError";
  }
}

const validateShape = new Ajv({ allErrors: false, jsonPointers: false }).compile(SCHEMA);

/** `dataCenters[1] (shenzhen)` for a path into a data center; the path itself otherwise. */
function describePath(file: unknown, path: string): string {
  const match = /^\.?dataCenters\[(\d+)\](.*)$/.exec(path);
  if (!match) return path.replace(/^\./, "");
  const name = (file as { dataCenters?: { name?: unknown }[] }).dataCenters?.[Number(match[1])]?.name;
  const label = typeof name === "string" ? ` (${name})` : "";
  return `dataCenters[${match[1]}]${label}${match[2]}`;
}

function checkShape(file: string, content: unknown): asserts content is DataCentersFile {
  if (validateShape(content)) return;
  const [error] = validateShape.errors ?? [];
  const extra = (error?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  const field = describePath(content, `${error?.dataPath ?? ""}${extra ? `.${extra}` : ""}`);
  throw new ConfigError(file, field || "(top level)", extra ? "is not a known field" : `${error?.message}`);
}

interface NamedVpc {
  readonly field: string;
  readonly cidr: string;
  readonly block: CidrBlock;
}

/**
 * Checks one region's network: the region in the mainland catalog, the VPC and zones (see checkNetwork).
 * `where` names it in messages (`dataCenters[0] (shanghai) dr.`).
 */
function checkRegionalNetwork(file: string, where: string, network: RegionalNetworkConfig): NamedVpc {
  if (!isMainlandRegion(network.region)) {
    throw new ConfigError(
      file,
      `${where}region`,
      `"${network.region}" is not a mainland China region of the catalog (policies/catalog/regions.ts); data must stay in mainland China`,
    );
  }
  try {
    return { field: `${where}vpcCidr`, cidr: network.vpcCidr, block: checkNetwork(network.region, network) };
  } catch (error) {
    if (error instanceof FieldError) throw new ConfigError(file, `${where}${error.field}`, error.problem);
    throw error;
  }
}

function checkDisasterRecovery(
  file: string,
  where: string,
  home: RegionalNetworkConfig & { dr: RegionalNetworkConfig },
): NamedVpc[] {
  const homeVpc = checkRegionalNetwork(file, where, home);
  if (home.dr.region === home.region) {
    throw new ConfigError(
      file,
      `${where}dr.region`,
      `"${home.dr.region}" must differ from the home region to survive a regional outage`,
    );
  }
  const vpcs = [homeVpc, checkRegionalNetwork(file, `${where}dr.`, home.dr)];
  return vpcs;
}

function dataCenterLabel(index: number, dataCenter: DataCenterConfig): string {
  return `dataCenters[${index}] (${dataCenter.name}) `;
}

/**
 * Returns the file's content when it is a valid configuration: the shape of the JSON Schema, mainland
 * regions, distinct data-center names, DR regions apart from home, and networks that overlap nowhere (any
 * two VPCs of the file can be connected later, CEN or VPN, without renumbering). Throws a ConfigError
 * naming the file, the data center and the field otherwise.
 */
export function validateConfig(file: string, content: unknown): DataCentersFile {
  checkShape(file, content);
  const lockInstance = stateLockInstanceName(content);
  if (lockInstance.length > MAX_TABLESTORE_NAME) {
    throw new ConfigError(
      file,
      "namePrefix",
      `"${content.namePrefix}" with environment "${content.environment}" names the state lock instance "${lockInstance}", longer than Tablestore's ${MAX_TABLESTORE_NAME} characters: shorten one of them`,
    );
  }
  const names = new Map<string, number>();
  content.dataCenters.forEach((dataCenter, index) => {
    const earlier = names.get(dataCenter.name);
    if (earlier !== undefined) {
      throw new ConfigError(
        file,
        `${dataCenterLabel(index, dataCenter)}name`,
        `repeats dataCenters[${earlier}].name`,
      );
    }
    names.set(dataCenter.name, index);
  });
  if (!names.has(content.account.auditDataCenter)) {
    throw new ConfigError(
      file,
      "account.auditDataCenter",
      `"${content.account.auditDataCenter}" is not the name of a data center of the file (${[...names.keys()].join(", ")})`,
    );
  }
  const vpcs = [
    ...content.dataCenters.flatMap((dataCenter, index) =>
      checkDisasterRecovery(file, dataCenterLabel(index, dataCenter), dataCenter),
    ),
    ...checkDisasterRecovery(file, "state.", content.state),
  ];
  vpcs.forEach((one, index) => {
    const other = vpcs.slice(0, index).find((each) => cidrsOverlap(each.block, one.block));
    if (other)
      throw new ConfigError(file, one.field, `"${one.cidr}" overlaps ${other.field} "${other.cidr}"`);
  });
  return content;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, "", `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, "", `is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The configuration of this run: the file `DATA_CENTER_CONFIG` names (`datacenters.json` by default),
 * validated, with the state backend `STATE_BACKEND` chooses (`local` by default).
 */
export function loadConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const file = env.DATA_CENTER_CONFIG || DEFAULT_CONFIG_FILE;
  const backend = env.STATE_BACKEND ?? "local";
  if (backend !== "local" && backend !== "oss") {
    throw new ConfigError("STATE_BACKEND", "", `"${backend}" must be "local" or "oss"`);
  }
  return { ...validateConfig(file, readJson(file)), stateBackend: backend };
}
