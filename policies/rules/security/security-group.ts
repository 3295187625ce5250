import type { Observation, RuleContext } from "../../engine/rule";
import { admitsEveryone, parseAddressBlock, parsePortRange, type PortRange } from "./network";
import { attributeOf, describe, problemAt, read, resourcesOf, toText, type CheckedResource } from "./read";

/** An accepting ingress rule that anyone on the internet matches: its protocol and the ports it opens. */
export interface WorldIngress extends OpenSource {
  readonly resource: CheckedResource;
  readonly protocol: string;
  readonly ports: PortRange;
}

/** The attribute that lets everyone in, its value as written, and what about it does. */
interface OpenSource {
  readonly source: string;
  readonly written: unknown;
  readonly why: string;
}

/** Protocols whose rules carry ports; the others (`icmp`, `gre`...) open the whole protocol. */
const PORTED_PROTOCOLS: ReadonlySet<string> = new Set(["tcp", "udp", "all"]);
const SOURCES = ["cidr_ip", "ipv6_cidr_ip", "source_security_group_id", "prefix_list_id"] as const;

type Text = { readonly text: string | undefined } | { readonly problem: Observation };

function textAt(context: RuleContext, resource: CheckedResource, attribute: string): Text {
  const written = attributeOf(resource.body, attribute);
  if (written === undefined || written === null) return { text: undefined };
  const value = read(context, written, context.stack, resource.instance);
  const text = value.known ? toText(value.value) : value;
  return typeof text === "string"
    ? { text }
    : { problem: problemAt(resource, attribute, written, text.problem) };
}

/** The source that lets everyone in (undefined when none does), or the problem that keeps it from being known. */
function worldSource(context: RuleContext, resource: CheckedResource): OpenSource | undefined | Observation {
  let anySource = false;
  for (const attribute of SOURCES) {
    // A source group or prefix list admits only its members: that one is set is enough, whatever its ID.
    if (attribute === "source_security_group_id" || attribute === "prefix_list_id") {
      const written = attributeOf(resource.body, attribute);
      anySource ||= written !== undefined && written !== null;
      continue;
    }
    const value = textAt(context, resource, attribute);
    if ("problem" in value) return value.problem;
    if (value.text === undefined) continue;
    anySource = true;
    const block = parseAddressBlock(value.text);
    const written = attributeOf(resource.body, attribute);
    if (block === undefined)
      return problemAt(
        resource,
        attribute,
        written,
        `${describe(value.text)} is not an address or CIDR block`,
      );
    if (admitsEveryone(block)) return { source: attribute, written, why: describe(value.text) };
  }
  return anySource
    ? undefined
    : { source: "cidr_ip", written: null, why: "not set, nor is any other source" };
}

function portsOf(context: RuleContext, resource: CheckedResource, protocol: string): PortRange | Observation {
  if (!PORTED_PROTOCOLS.has(protocol) || protocol === "all") return { from: 1, to: 65535 };
  const range = textAt(context, resource, "port_range");
  if ("problem" in range) return range.problem;
  if (range.text === undefined) return { from: 1, to: 65535 };
  const ports = parsePortRange(range.text);
  return (
    ports ??
    problemAt(
      resource,
      "port_range",
      attributeOf(resource.body, "port_range"),
      `${describe(range.text)} is not a port range FROM/TO with ports from 1 to 65535 (or -1/-1)`,
    )
  );
}

/**
 * Every security group rule that accepts ingress from anyone (0.0.0.0/0, ::/0, or no source at all), with the
 * ports it opens; and a problem for each rule whose type, policy, source or ports cannot be read.
 */
export function* worldIngress(context: RuleContext): Iterable<WorldIngress | Observation> {
  for (const resource of resourcesOf(context, "alicloud_security_group_rule")) {
    // Read in this order: an egress or drop rule admits no one, whatever its protocol is.
    const type = textAt(context, resource, "type");
    if ("problem" in type) yield type.problem;
    if ("problem" in type || type.text !== "ingress") continue;
    const policy = textAt(context, resource, "policy");
    if ("problem" in policy) yield policy.problem;
    if ("problem" in policy || (policy.text ?? "accept") !== "accept") continue;
    const protocol = textAt(context, resource, "ip_protocol");
    if ("problem" in protocol) {
      yield protocol.problem;
      continue;
    }
    const source = worldSource(context, resource);
    if (source === undefined) continue;
    if ("address" in source) {
      yield source;
      continue;
    }
    const ports = portsOf(context, resource, protocol.text ?? "all");
    if ("address" in ports) yield ports;
    else yield { resource, protocol: protocol.text ?? "all", ports, ...source };
  }
}

/** Findings for world-open rules that reach a port over TCP/UDP, and every rule that cannot be read. */
export function worldIngressToPort(context: RuleContext, port: number, service: string): Observation[] {
  const found: Observation[] = [];
  for (const rule of worldIngress(context)) {
    if ("address" in rule) found.push(rule);
    else if (PORTED_PROTOCOLS.has(rule.protocol) && rule.ports.from <= port && port <= rule.ports.to) {
      found.push(
        problemAt(
          rule.resource,
          rule.source,
          rule.written,
          `is ${rule.why}: anyone on the internet reaches port ${port} (${service}) through ports ${rule.ports.from}-${rule.ports.to}`,
        ),
      );
    }
  }
  return found;
}
