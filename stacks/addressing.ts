import type { NetworkConfig } from "./config-file";

/** A problem with one field of a configuration or of a construct's props. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = "FieldError";
  }
}

/** An IPv4 CIDR block as the range of addresses it covers. */
export interface CidrBlock {
  readonly first: number;
  readonly last: number;
}

/**
 * Reads an IPv4 CIDR block; throws a FieldError when it is not IPv4 CIDR notation or has host bits set
 * (which the VPC API refuses), saying how to write it.
 */
export function parseCidr(field: string, text: string): CidrBlock {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || bits > 32) {
    throw new FieldError(field, `"${text}" is not an IPv4 CIDR block such as 10.20.0.0/16`);
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  const first = address - (address % size);
  if (first !== address) {
    throw new FieldError(
      field,
      `"${text}" has host bits set: write its network address, ${formatCidr(first, bits)}`,
    );
  }
  return { first, last: first + size - 1 };
}

function formatCidr(address: number, bits: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256);
  return `${octets.join(".")}/${bits}`;
}

export function cidrsOverlap(one: CidrBlock, other: CidrBlock): boolean {
  return one.first <= other.last && other.first <= one.last;
}

/** Whether a zone ID names a zone of the region: `cn-shanghai-e` of `cn-shanghai`, `cn-shanghai-finance-1a` of `cn-shanghai-finance-1`. */
export function isZoneOf(zone: string, region: string): boolean {
  const prefix = /\d$/.test(region) ? region : `${region}-`;
  return zone.length === prefix.length + 1 && zone.startsWith(prefix) && /[a-z]$/.test(zone);
}

/**
 * Checks a VPC and its vSwitches in a region: the VPC CIDR, at least two distinct zones of the region, each
 * vSwitch CIDR inside the VPC and overlapping no other. Returns the VPC's address range; throws a FieldError
 * naming the field (relative to the network: `vpcCidr`, `zones[1].cidr`) otherwise.
 */
export function checkNetwork(region: string, network: NetworkConfig): CidrBlock {
  const vpc = parseCidr("vpcCidr", network.vpcCidr);
  const seen = new Map<string, number>();
  network.zones.forEach(({ zone }, index) => {
    const field = `zones[${index}].zone`;
    if (!isZoneOf(zone, region)) throw new FieldError(field, `"${zone}" is not a zone of ${region}`);
    const earlier = seen.get(zone);
    if (earlier !== undefined) {
      throw new FieldError(
        field,
        `"${zone}" repeats zones[${earlier}].zone: each vSwitch needs a zone of its own`,
      );
    }
    seen.set(zone, index);
  });
  if (seen.size < 2) {
    throw new FieldError("zones", `needs at least two distinct zones of ${region}, got ${seen.size}`);
  }
  const blocks = network.zones.map(({ cidr }, index) => {
    const field = `zones[${index}].cidr`;
    const block = parseCidr(field, cidr);
    if (block.first < vpc.first || block.last > vpc.last) {
      throw new FieldError(field, `"${cidr}" is not inside vpcCidr "${network.vpcCidr}"`);
    }
    return { field, cidr, block };
  });
  blocks.forEach((one, index) => {
    const earlier = blocks.slice(0, index).find((each) => cidrsOverlap(each.block, one.block));
    if (earlier) throw new FieldError(one.field, `"${one.cidr}" overlaps ${earlier.field} "${earlier.cidr}"`);
  });
  return vpc;
}
