import { reported, securityFindings, stack } from "./fixtures";

/** A stack with security group rules by name. */
function rules(bodies: Record<string, Record<string, unknown>>, blocks: Record<string, unknown> = {}) {
  const resource = Object.fromEntries(
    Object.entries(bodies).map(([name, body]) => [
      name,
      { type: "ingress", ip_protocol: "tcp", security_group_id: "sg-1", ...body },
    ]),
  );
  return stack("network", { alicloud_security_group_rule: resource }, blocks);
}

const open = { cidr_ip: "0.0.0.0/0" };

describe("SEC-SG-SSH-OPEN and SEC-SG-RDP-OPEN", () => {
  const document = rules({
    ssh: { ...open, port_range: "22/22" },
    all_tcp: { ...open, port_range: "1/65535" },
    no_source: { port_range: "20/30" },
    rdp: { ...open, port_range: "3389/3389" },
    ipv6: { ipv6_cidr_ip: "::/0", port_range: "22/22" },
    https: { ...open, port_range: "443/443" },
    from_vpc: { cidr_ip: "10.20.0.0/16", port_range: "22/22" },
    from_group: { source_security_group_id: "sg-2", port_range: "22/22" },
    from_group_resource: {
      source_security_group_id: "${alicloud_security_group.admin.id}",
      port_range: "22/22",
    },
    dropped: { ...open, port_range: "22/22", policy: "drop" },
    egress: { ...open, port_range: "22/22", type: "egress" },
    every_protocol: { ...open, ip_protocol: "all", port_range: "-1/-1" },
    icmp: { ...open, ip_protocol: "icmp", port_range: "-1/-1" },
  });

  it("refuses world-open rules that reach port 22, whatever the range, the family or a missing source", () => {
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual([
      "alicloud_security_group_rule.ssh cidr_ip",
      "alicloud_security_group_rule.all_tcp cidr_ip",
      "alicloud_security_group_rule.no_source cidr_ip",
      "alicloud_security_group_rule.ipv6 ipv6_cidr_ip",
      "alicloud_security_group_rule.every_protocol cidr_ip",
    ]);
  });

  it("reads an egress or drop rule no further: what it opens does not matter, known or not", () => {
    const unknown = { ...open, ip_protocol: "${var.protocol}", port_range: "${var.ports}" };
    const document = rules(
      {
        egress: { ...unknown, type: "egress" },
        dropped: { ...unknown, policy: "drop" },
        ingress: unknown,
        unknown_type: { ...unknown, type: "${var.type}" },
      },
      { variable: { protocol: {}, ports: {}, type: {} } },
    );
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual([
      "alicloud_security_group_rule.ingress ip_protocol",
      "alicloud_security_group_rule.unknown_type type",
    ]);
  });

  it("refuses world-open rules that reach port 3389", () => {
    expect(reported(document, "SEC-SG-RDP-OPEN")).toEqual([
      "alicloud_security_group_rule.all_tcp cidr_ip",
      "alicloud_security_group_rule.rdp cidr_ip",
      "alicloud_security_group_rule.every_protocol cidr_ip",
    ]);
  });

  it("says which ports are open to whom, and how to fix it", () => {
    const [finding] = securityFindings([rules({ ssh: { ...open, port_range: "1/100" } })], "SEC-SG-SSH-OPEN");
    expect(finding?.message).toMatch(
      /^cidr_ip is "0\.0\.0\.0\/0": anyone on the internet reaches port 22 \(SSH\) through ports 1-100\. Restrict `cidr_ip`/,
    );
    expect(finding?.severity).toBe("error");
  });

  it("refuses a world-open rule on any port under SEC-SG-WORLD-INGRESS, ICMP included", () => {
    expect(reported(document, "SEC-SG-WORLD-INGRESS")).toEqual([
      "alicloud_security_group_rule.ssh cidr_ip",
      "alicloud_security_group_rule.all_tcp cidr_ip",
      "alicloud_security_group_rule.no_source cidr_ip",
      "alicloud_security_group_rule.rdp cidr_ip",
      "alicloud_security_group_rule.ipv6 ipv6_cidr_ip",
      "alicloud_security_group_rule.https cidr_ip",
      "alicloud_security_group_rule.every_protocol cidr_ip",
      "alicloud_security_group_rule.icmp cidr_ip",
    ]);
  });
});

describe("values read through the resolver", () => {
  it("follows a local to the CIDR it holds", () => {
    const document = rules(
      { ssh: { cidr_ip: "${local.anywhere}", port_range: "${local.ssh}" } },
      {
        locals: { anywhere: "0.0.0.0/0", ssh: "22/22" },
      },
    );
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual(["alicloud_security_group_rule.ssh cidr_ip"]);
  });

  it("refuses a CIDR it cannot know before deploy, saying why", () => {
    const document = rules(
      { ssh: { cidr_ip: "${var.cidr}", port_range: "22/22" } },
      { variable: { cidr: {} } },
    );
    const [finding] = securityFindings([document], "SEC-SG-SSH-OPEN");
    expect(finding?.attribute).toBe("cidr_ip");
    expect(finding?.message).toMatch(/^cidr_ip cannot be resolved: var\.cidr can be set/);
  });
});

describe("malformed values are findings, never a crash", () => {
  it.each([
    ["port_range", { ...open, port_range: "22/abc" }, /port_range "22\/abc" is not a port range FROM\/TO/],
    [
      "cidr_ip",
      { cidr_ip: "0.0.0.0/99", port_range: "22/22" },
      /cidr_ip "0\.0\.0\.0\/99" is not an address or CIDR block/,
    ],
    [
      "cidr_ip",
      { cidr_ip: ["10.0.0.0/8"], port_range: "22/22" },
      /cidr_ip is \["10\.0\.0\.0\/8"\], not text/,
    ],
  ])("%s %j", (attribute, body, message) => {
    const findings = securityFindings([rules({ odd: body })], "SEC-SG-SSH-OPEN");
    expect(findings.map((finding) => [finding.attribute, finding.severity])).toEqual([[attribute, "error"]]);
    expect(findings[0]?.message).toMatch(message);
  });
});
