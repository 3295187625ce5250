import { reported, securityFindings, stack } from "./fixtures";

/** Security group rules by name, open to the world on SSH unless the body says otherwise. */
function rules(bodies: Record<string, Record<string, unknown>>, blocks: Record<string, unknown> = {}) {
  const resource = Object.fromEntries(
    Object.entries(bodies).map(([name, body]) => [
      name,
      { type: "ingress", ip_protocol: "tcp", port_range: "22/22", security_group_id: "sg-1", ...body },
    ]),
  );
  return stack("network", { alicloud_security_group_rule: resource }, blocks);
}

const SOURCES = { locals: { sources: ["10.0.0.0/8", "0.0.0.0/0"] } };

describe("resources with count or for_each, checked instance by instance", () => {
  it("checks nothing of a resource Terraform creates no instance of", () => {
    const document = rules(
      {
        none: { count: 0, cidr_ip: "0.0.0.0/0" },
        from_empty_list: { count: "${length(local.empty)}", cidr_ip: "${local.empty[count.index]}" },
        empty_map: { for_each: {}, cidr_ip: "${each.value}" },
      },
      { locals: { empty: [] } },
    );
    expect(securityFindings([document])).toEqual([]);
  });

  it("reads count.index in each instance, and names the instance that is open", () => {
    const document = rules(
      { by_index: { count: "${length(local.sources)}", cidr_ip: "${local.sources[count.index]}" } },
      SOURCES,
    );
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual([
      "alicloud_security_group_rule.by_index[1] cidr_ip",
    ]);
  });

  it("reads each.key and each.value in each instance of a for_each", () => {
    const document = rules({
      by_key: { for_each: { admin: "10.0.0.0/8", world: "0.0.0.0/0" }, cidr_ip: "${each.value}" },
      by_set: { for_each: '${toset(["22/22", "443/443"])}', cidr_ip: "0.0.0.0/0", port_range: "${each.key}" },
    });
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual([
      'alicloud_security_group_rule.by_key["world"] cidr_ip',
      'alicloud_security_group_rule.by_set["22/22"] cidr_ip',
    ]);
  });

  it("reports every instance that a value shared by all of them leaves open", () => {
    const document = rules({ twice: { count: 2, cidr_ip: "0.0.0.0/0" } });
    expect(reported(document, "SEC-SG-SSH-OPEN")).toEqual([
      "alicloud_security_group_rule.twice[0] cidr_ip",
      "alicloud_security_group_rule.twice[1] cidr_ip",
    ]);
  });

  it("keeps the block's address beside the instance's, so that reports find its lines", () => {
    const document = rules({ twice: { count: 2, cidr_ip: "0.0.0.0/0" } });
    const [first] = securityFindings([document], "SEC-SG-SSH-OPEN");
    expect(first?.address).toBe("alicloud_security_group_rule.twice[0]");
    expect(first?.source.block).toBe("alicloud_security_group_rule.twice");
  });

  it("refuses a value read in instances whose number is not known, and says that the count is why", () => {
    const document = rules(
      { unknown: { count: "${var.rules}", cidr_ip: "${local.sources[count.index]}" } },
      { ...SOURCES, variable: { rules: {} } },
    );
    const findings = securityFindings([document], "SEC-SG-SSH-OPEN");
    expect(findings.map((finding) => finding.address)).toEqual(["alicloud_security_group_rule.unknown"]);
    expect(findings[0]?.message).toContain(
      "the count of alicloud_security_group_rule.unknown is not known before apply: var.rules can be set to any value at deploy time",
    );
  });

  it("reads the data class an instance's tags give it", () => {
    const document = stack("data", {
      alicloud_oss_bucket: {
        store: {
          for_each: { pi: "personal-information", logs: "operational-logs" },
          bucket: "store-${each.key}",
          tags: { "data-class": "${each.value}" },
        },
      },
    });
    const keyFindings = securityFindings([document], "SEC-DATA-CLASS-KEY");
    expect([...new Set(keyFindings.map((finding) => finding.address))]).toEqual([
      'alicloud_oss_bucket.store["pi"]',
    ]);
    expect(securityFindings([document], "SEC-DATA-CLASS-TAG")).toEqual([]);
  });
});
