import { checkStacks } from "../../../../policies/engine/check";
import { RESIDENCY_PACK } from "../../../../policies/packs/residency";
import { InputError, readStack } from "../../../../policies/engine/model";
import { check, terraformJson, violations, withResource } from "../../fixtures";

describe("RES-LOCATION-ATTRIBUTE", () => {
  it("refuses a cross-region backup to a foreign region", () => {
    expect(
      violations(
        withResource("alicloud_rds_instance_cross_backup_policy", {
          instance_id: "rm-1",
          cross_backup_region: "ap-northeast-1",
        }),
      ),
    ).toMatchObject([
      {
        rule: "RES-LOCATION-ATTRIBUTE",
        address: "alicloud_rds_instance_cross_backup_policy.subject",
        attribute: "cross_backup_region",
      },
    ]);
  });

  it("reads an empty string as the provider does, as an attribute not set; a provider's region must still be set", () => {
    const unset = withResource(
      "alicloud_kvstore_instance",
      { zone_id: "", secondary_zone_id: "${local.none}" },
      { locals: { none: "" } },
    );
    expect(violations(unset)).toEqual([]);
    const noRegion = terraformJson("app", { provider: { alicloud: [{ region: "" }] } });
    expect(violations(noRegion)).toMatchObject([
      {
        rule: "RES-PROVIDER-REGION",
        verdict: "unresolved",
        resolved: expect.stringContaining("sets no region"),
      },
    ]);
  });

  it("checks every element of a list, such as snapshot copy targets", () => {
    const body = {
      name: "p",
      target_copy_regions: ["cn-hangzhou", "cn-hongkong"],
      enable_cross_region_copy: true,
    };
    expect(violations(withResource("alicloud_ecs_auto_snapshot_policy", body))).toMatchObject([
      { resolved: "cn-hongkong" },
    ]);
  });

  it("checks attributes in nested blocks, such as HBR replication rules", () => {
    const body = {
      rules: [
        { rule_type: "REPLICATION", replication_region_id: "cn-shanghai" },
        { replication_region_id: "eu-west-1" },
      ],
    };
    expect(violations(withResource("alicloud_hbr_policy", body))).toMatchObject([
      { attribute: "rules.replication_region_id", resolved: "eu-west-1" },
    ]);
  });

  it("reads CEN geographic regions and CDN scope", () => {
    const cen = { geographic_region_a_id: "China", geographic_region_b_id: "Asia-Pacific", bandwidth: 2 };
    expect(violations(withResource("alicloud_cen_bandwidth_package", cen))).toMatchObject([
      { attribute: "geographic_region_b_id" },
    ]);
    expect(
      violations(withResource("alicloud_cdn_domain_new", { domain_name: "a.cn", scope: "global" })),
    ).toMatchObject([{ attribute: "scope", verdict: "outside" }]);
    expect(
      violations(withResource("alicloud_cdn_domain_new", { domain_name: "a.cn", scope: "domestic" })),
    ).toEqual([]);
  });

  it("ignores excluded attributes and tags", () => {
    const body = { trail_name: "t", trail_region: "All", tags: { region: "eu-west-1" } };
    expect(violations(withResource("alicloud_actiontrail_trail", body))).toEqual([]);
  });

  it("reads a Cloud Config rule's parameters as what it audits, but still checks a location parameter elsewhere", () => {
    const allowed = { regions: "cn-shanghai,cn-hongkong,eu-west-1" };
    const rule = { rule_name: "r", source_owner: "ALIYUN", input_parameters: allowed };
    expect(violations(withResource("alicloud_config_rule", rule))).toEqual([]);
    expect(violations(withResource("alicloud_config_aggregate_config_rule", rule))).toEqual([]);
    expect(
      violations(withResource("alicloud_log_etl", { etl_name: "e", parameters: { region: "eu-west-1" } })),
    ).toMatchObject([{ attribute: "parameters.region", resolved: "eu-west-1" }]);
  });

  it("checks type-specific attributes such as an ActionTrail trail's SLS project ARN", () => {
    const body = { trail_name: "t", sls_project_arn: "acs:log:ap-southeast-1:123:project/audit" };
    expect(violations(withResource("alicloud_actiontrail_trail", body))).toMatchObject([
      { attribute: "sls_project_arn" },
    ]);
  });
});

describe("RES-LOCATION-ATTRIBUTE on ActionTrail delivery", () => {
  const trail = (body: Record<string, unknown>, region = "cn-shanghai") =>
    violations(
      terraformJson("app", {
        provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "logs", region }] },
        data: { alicloud_account: { current: {} } },
        resource: {
          alicloud_actiontrail_trail: { subject: { trail_name: "audit", ...body } },
          alicloud_oss_bucket: { audit: { bucket: "audit-logs", provider: "alicloud.logs" } },
        },
      }),
    );

  it("places an OSS bucket referenced by resource in its provider's region", () => {
    expect(trail({ oss_bucket_name: "${alicloud_oss_bucket.audit.bucket}" })).toEqual([]);
    expect(trail({ oss_bucket_name: "${alicloud_oss_bucket.audit.bucket}" }, "ap-southeast-1")).toMatchObject(
      [
        { address: "provider.alicloud.logs" },
        {
          address: "alicloud_actiontrail_trail.subject",
          attribute: "oss_bucket_name",
          resolved: "ap-southeast-1",
        },
      ],
    );
  });

  it("refuses a bucket given only by name", () => {
    expect(trail({ oss_bucket_name: "audit-logs" })).toMatchObject([
      { verdict: "unresolved", resolved: expect.stringContaining("reference the alicloud_oss_bucket") },
    ]);
  });

  it("needs only the region of an ARN template resolved", () => {
    const arn = (region: string) => `acs:log:${region}:\${data.alicloud_account.current.id}:project/audit`;
    expect(trail({ sls_project_arn: arn("cn-shanghai") })).toEqual([]);
    expect(trail({ sls_project_arn: arn("cn-hongkong") })).toMatchObject([{ resolved: "cn-hongkong" }]);
    expect(
      trail({ sls_project_arn: "acs:log:${data.alicloud_account.current.id}:1:project/audit" }),
    ).toMatchObject([{ verdict: "unresolved" }]);
  });
});

describe("RES-LOCATION-ATTRIBUTE on blocks named like a location attribute", () => {
  it("walks the block instead of reading it as a place", () => {
    const body = (regionId: string) => ({ regions: [{ region_id: regionId, transit_mode_enabled: true }] });
    const type = "alicloud_express_connect_router_express_connect_router";
    expect(violations(withResource(type, body("cn-hangzhou")))).toEqual([]);
    expect(violations(withResource(type, body("us-east-1")))).toMatchObject([
      { attribute: "regions.region_id" },
    ]);
  });
});

describe("RES-LOCATION-ATTRIBUTE scope and limits", () => {
  const ruleFindings = (document: Record<string, unknown>) =>
    check([document]).findings.filter((finding) => finding.rule === "RES-LOCATION-ATTRIBUTE");

  it("checks managed alicloud resources only: not data sources, nor resources of other providers", () => {
    const document = terraformJson("app", {
      data: { alicloud_vswitches: { found: { zone_id: "cn-hongkong-b" } } },
      resource: {
        random_id: { r: { zone_id: "cn-hongkong-b" } },
        alicloud_vswitch: { s: { vpc_id: "v", zone_id: "cn-hongkong-b" } },
      },
    });
    expect(ruleFindings(document).map((finding) => finding.address)).toEqual(["alicloud_vswitch.s"]);
  });

  it("skips meta-arguments only at the top of a resource, not keys of the same name in a block", () => {
    const body = {
      etl_name: "e",
      parameters: { count: { region: "eu-west-1" } },
      count: 1,
      lifecycle: { region: "eu-west-1" },
    };
    expect(ruleFindings(withResource("alicloud_log_etl", body))).toMatchObject([
      { attribute: "parameters.count.region", resolved: "eu-west-1" },
    ]);
  });

  it("names a nested attribute by its full path", () => {
    const body = { destination: { bucket: "b", location: "oss-ap-southeast-1" } };
    expect(ruleFindings(withResource("alicloud_oss_bucket_replication", body))).toMatchObject([
      { attribute: "destination.location", value: "oss-ap-southeast-1" },
    ]);
  });

  it("refuses input nested deeper than any provider schema, in objects or lists", () => {
    let objects: unknown = "x";
    let lists: unknown = "x";
    for (let level = 0; level < 40; level += 1) {
      objects = { deeper: objects };
      lists = [lists];
    }
    for (const nested of [objects, lists]) {
      expect(() => check([withResource("alicloud_vpc", { vpc_name: "v", nested })])).toThrow(
        new InputError("alicloud_vpc.subject is nested deeper than any provider schema"),
      );
    }
  });
});

describe("RES-LOCATION-ATTRIBUTE on plans", () => {
  const planFindings = (type: string, after: Record<string, unknown>, afterUnknown: unknown) => {
    const document = {
      format_version: "1.2",
      resource_changes: [
        {
          address: `${type}.a`,
          mode: "managed",
          type,
          name: "a",
          change: { actions: ["create"], after, after_unknown: afterUnknown },
        },
      ],
      configuration: {
        provider_config: {
          alicloud: { name: "alicloud", expressions: { region: { constant_value: "cn-shanghai" } } },
        },
      },
    };
    return checkStacks([readStack(document, "plan.json", "plan")], {
      today: "2026-06-01",
      packs: [RESIDENCY_PACK],
    }).findings.map(({ attribute, verdict, resolved }) => ({ attribute, verdict, resolved }));
  };
  const unknown = (attribute: string) => ({
    attribute,
    verdict: "unresolved",
    resolved: "known only after apply",
  });

  it("accepts planned values the plan marks known", () => {
    expect(planFindings("alicloud_vswitch", { zone_id: "cn-shanghai-b" }, { zone_id: false })).toEqual([]);
    const destination = { bucket: "b", location: "oss-cn-hangzhou" };
    expect(
      planFindings("alicloud_oss_bucket_replication", { destination }, { destination: { location: false } }),
    ).toEqual([]);
    expect(planFindings("alicloud_oss_bucket_replication", { destination: [destination] }, {})).toEqual([]);
  });

  it("refuses a list of places with any element unknown until apply", () => {
    const after = { target_copy_regions: ["cn-hangzhou"] };
    expect(
      planFindings("alicloud_ecs_auto_snapshot_policy", after, { target_copy_regions: [false, true] }),
    ).toEqual([unknown("target_copy_regions")]);
  });

  it("refuses each location block unknown until apply, nested ones by their full path", () => {
    expect(
      planFindings("alicloud_sls_collection_policy", {}, { centralize_config: true, data_config: [true] }),
    ).toEqual([unknown("centralize_config"), unknown("data_config")]);
    expect(
      planFindings("alicloud_oss_bucket_website", {}, { routing_rules: [{ routing_rule: [false, true] }] }),
    ).toEqual([unknown("routing_rules.routing_rule")]);
    expect(planFindings("alicloud_oss_bucket_website", {}, { routing_rules: [false, true] })).toEqual([
      unknown("routing_rules"),
    ]);
  });
});
