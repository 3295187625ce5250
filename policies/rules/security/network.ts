/** Addresses, CIDR blocks and port ranges as Alibaba Cloud writes them, parsed exactly (no lookalike matching). */

/** A block of addresses: an IPv4 or IPv6 CIDR, or a single address (a block of one). */
export interface AddressBlock {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const DIGIT_ZERO = 48;
const DOT = 46;

/** The number written from `start` to `end` in one to three decimal digits (a prefix length), or -1. */
function smallDecimal(text: string, start: number, end: number): number {
  if (end - start < 1 || end - start > 3) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = text.charCodeAt(at) - DIGIT_ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The decimal octet from `start` to `end` (0 to 255, no leading zero), or -1 when it is not one. */
function octet(text: string, start: number, end: number): number {
  const value = smallDecimal(text, start, end);
  const leadingZero = end - start > 1 && text.charCodeAt(start) === DIGIT_ZERO;
  return value < 0 || leadingZero || value > 255 ? -1 : value;
}

/**
 * Four dotted decimal octets from `start` to `end`, or -1: read in place, without splitting, since allow-lists
 * and rules of 10,000 resources are parsed.
 */
function ipv4(text: string, start: number, end: number): number {
  let value = 0;
  let octets = 0;
  let from = start;
  for (let at = start; at <= end; at++) {
    if (at < end && text.charCodeAt(at) !== DOT) continue;
    const read = octet(text, from, at);
    if (read < 0 || ++octets > 4) return -1;
    value = value * 256 + read;
    from = at + 1;
  }
  return octets === 4 ? value : -1;
}

function groups(text: string): string[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  return parts.every((part) => IPV6_GROUP.test(part)) ? parts : undefined;
}

function ipv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(missing).fill("0"), ...tail];
  return all.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
}

/** An address or CIDR block (`10.0.0.0/8`, `10.1.2.3`, `::/0`); host bits are masked off. Undefined when malformed. */
export function parseAddressBlock(written: string): AddressBlock | undefined {
  const text = written.trim();
  const slash = text.indexOf("/");
  if (slash >= 0 && text.indexOf("/", slash + 1) >= 0) return undefined;
  const end = slash < 0 ? text.length : slash;
  if (text.lastIndexOf(":", end - 1) >= 0) return ipv6Block(text, end);
  const value = ipv4(text, 0, end);
  if (value < 0) return undefined;
  const prefix = slash < 0 ? 32 : smallDecimal(text, slash + 1, text.length);
  if (prefix < 0 || prefix > 32) return undefined;
  // Exact in a double: IPv4 blocks are computed as numbers, and only their bounds made bigints.
  const size = 2 ** (32 - prefix);
  const first = value - (value % size);
  return { version: 4, first: BigInt(first), last: BigInt(first + size - 1), prefix };
}

/** An IPv6 address or CIDR block whose address ends at `end`. */
function ipv6Block(text: string, end: number): AddressBlock | undefined {
  const value = ipv6(text.slice(0, end));
  if (value === undefined) return undefined;
  const prefix = end === text.length ? 128 : smallDecimal(text, end + 1, text.length);
  if (prefix < 0 || prefix > 128) return undefined;
  const size = 1n << BigInt(128 - prefix);
  const first = value - (value % size);
  return { version: 6, first, last: first + size - 1n, prefix };
}

/** True when the block admits any address at all: `0.0.0.0/0`, `::/0`, or the whitelist entry `0.0.0.0`. */
export function admitsEveryone(block: AddressBlock): boolean {
  return block.prefix === 0 || (block.version === 4 && block.prefix === 32 && block.first === 0n);
}

/** True when every address of `inner` is in `outer`. */
export function isWithin(inner: AddressBlock, outer: AddressBlock): boolean {
  return inner.version === outer.version && inner.first >= outer.first && inner.last <= outer.last;
}

/** A port range `FROM/TO` as a security group rule writes it; `-1/-1` is every port. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const PORT = /^(-1|\d{1,5})$/;

/** The ports a `port_range` opens, or undefined when it is not `FROM/TO` with ports from 1 to 65535 (or -1/-1). */
export function parsePortRange(text: string): PortRange | undefined {
  const [fromText = "", toText = "", extra] = text.split("/");
  if (extra !== undefined || !PORT.test(fromText) || !PORT.test(toText)) return undefined;
  const from = Number(fromText);
  const to = Number(toText);
  if (from === -1 && to === -1) return { from: 1, to: 65535 };
  if (from < 1 || to > 65535 || from > to) return undefined;
  return { from, to };
}
