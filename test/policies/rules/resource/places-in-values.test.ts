import { terraformJson, violations, withResource } from "../../fixtures";

describe("RES-PLACE-IN-VALUE", () => {
  const found = (document: Record<string, unknown>) =>
    violations(document).map(({ rule, address, attribute, resolved }) => ({
      rule,
      address,
      attribute,
      resolved,
    }));

  it("reads log shipping inside a list of objects (flushers with Region and Endpoint)", () => {
    const body = {
      project: "p",
      config_name: "c",
      flushers: [
        {
          Type: "flusher_sls",
          Logstore: "store",
          Region: "us-west-1",
          Endpoint: "us-west-1-intranet.log.aliyuncs.com",
        },
      ],
    };
    expect(found(withResource("alicloud_sls_logtail_pipeline_config", body))).toEqual([
      {
        rule: "RES-PLACE-IN-VALUE",
        address: "alicloud_sls_logtail_pipeline_config.subject",
        attribute: "flushers.Region",
        resolved: "us-west-1",
      },
      {
        rule: "RES-PLACE-IN-VALUE",
        address: "alicloud_sls_logtail_pipeline_config.subject",
        attribute: "flushers.Endpoint",
        resolved: "us-west-1",
      },
    ]);
    const mainland = {
      ...body,
      flushers: [{ Region: "cn-shanghai", Endpoint: "cn-shanghai-intranet.log.aliyuncs.com" }],
    };
    expect(found(withResource("alicloud_sls_logtail_pipeline_config", mainland))).toEqual([]);
  });

  it("reads a string that holds JSON, such as a policy document, and each string in it", () => {
    const policy = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["acs:kms:eu-central-1:123:key/k"] }],
    });
    expect(
      found(withResource("alicloud_ram_policy", { policy_name: "p", policy_document: policy })),
    ).toMatchObject([{ attribute: "policy_document", resolved: "eu-central-1" }]);
    const wildcard = JSON.stringify({
      Statement: [{ Resource: ["acs:oss:*:*:bucket/*", "acs:ram::123:role/x"] }],
    });
    expect(found(withResource("alicloud_ram_policy", { policy_document: wildcard }))).toEqual([]);
  });

  it("reads regions, zones, OSS locations, endpoints and ARNs under any name", () => {
    const body = {
      name: "n",
      settings: [{ mystery_zone: "ap-southeast-1a", bucket_home: "oss-cn-hongkong" }],
      sink: "https://b.oss-eu-west-1.aliyuncs.com/x",
      queue: "acs:mns:me-east-1:123:/queues/q",
    };
    expect(
      found(withResource("alicloud_made_up_type", body)).map(({ attribute, resolved }) => [
        attribute,
        resolved,
      ]),
    ).toEqual([
      ["settings.mystery_zone", "ap-southeast-1"],
      ["settings.bucket_home", "cn-hongkong"],
      ["sink", "eu-west-1"],
      ["queue", "me-east-1"],
    ]);
  });

  it("is no finding for text that merely is not place-shaped, or names a mainland place", () => {
    const body = {
      name: "us-east-team",
      bucket: "logs-cn-hongkong",
      note: "replicates to cn-hongkong",
      prefix: "CN-HONGKONG",
      id: "ap-southeast-1-cluster",
      home: "cn-shanghai-b",
      count_of: 3,
      enabled: true,
    };
    expect(found(withResource("alicloud_made_up_type", body))).toEqual([]);
  });

  it("skips tags, meta-arguments and attributes excluded as naming no place", () => {
    const body = {
      tags: { region: "us-west-1" },
      lifecycle: { ignore_changes: ["eu-west-1"] },
      trail_region: "All",
      time_zone: "Asia/Tokyo",
      input_parameters: { regions: "cn-hongkong" },
    };
    expect(found(withResource("alicloud_config_rule", body))).toEqual([]);
  });

  it("skips a control policy, whose foreign regions are the ones it denies, but not a RAM policy", () => {
    const denyAbroad = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Deny", Action: ["*"], Resource: ["acs:*:cn-hongkong:*", "acs:*:us-west-1:*"] }],
    });
    const body = { policy_name: "p", policy_document: denyAbroad };
    expect(found(withResource("alicloud_resource_manager_control_policy", body))).toEqual([]);
    expect(found(withResource("alicloud_ram_policy", body))).toMatchObject([{ resolved: "cn-hongkong" }]);
  });

  it("reads data sources, other providers' resources, and provider settings beyond the ones their rules check", () => {
    const document = terraformJson("app", {
      provider: {
        alicloud: [
          {
            region: "cn-shanghai",
            assume_role: [{ role_arn: "acs:ram::123:role/deployer", session_name: "eu-west-1" }],
          },
        ],
      },
      data: { alicloud_instances: { foreign: { name_regex: "web", availability_zone: "cn-hongkong-b" } } },
      resource: { null_resource: { hook: { triggers: { endpoint: "oss-ap-south-1.aliyuncs.com" } } } },
    });
    // In any order: the model reads blocks in the order the document gives them.
    const findings = found(document).map(({ address, attribute, resolved }) => [
      address,
      attribute,
      resolved,
    ]);
    expect(findings).toHaveLength(3);
    expect(findings).toEqual(
      expect.arrayContaining([
        ["null_resource.hook", "triggers.endpoint", "ap-south-1"],
        ["data.alicloud_instances.foreign", "availability_zone", "cn-hongkong"],
        ["provider.alicloud", "assume_role.session_name", "eu-west-1"],
      ]),
    );
  });

  it("does not read again what the location rule reads, nor a remote state backend", () => {
    const document = withResource(
      "alicloud_oss_bucket_replication",
      { bucket: "b", destination: [{ bucket: "oss-cn-hongkong", location: "oss-cn-hongkong" }] },
      {
        data: {
          terraform_remote_state: {
            shared: { backend: "oss", config: { bucket: "s", region: "cn-shanghai" } },
          },
        },
      },
    );
    expect(found(document).map(({ rule, attribute }) => [rule, attribute])).toEqual([
      ["RES-LOCATION-ATTRIBUTE", "destination.location"],
      ["RES-PLACE-IN-VALUE", "destination.bucket"],
    ]);
  });

  it("follows a value's expression to its place", () => {
    const document = withResource(
      "alicloud_made_up_type",
      { home: "${local.home}" },
      { locals: { home: "cn-hongkong-c" } },
    );
    expect(found(document)).toMatchObject([{ attribute: "home", resolved: "cn-hongkong" }]);
  });

  it("places an ARN whose region is a data source's where the data source is, and says why when that is unknown", () => {
    const arn = {
      source_arn: "acs:mns:${data.alicloud_regions.here.regions[0].id}:${data.x.y.id}:/topics/t",
    };
    const current = { alicloud_regions: { here: { current: true } } };
    expect(found(withResource("alicloud_made_up_type", arn, { data: current }))).toEqual([]);
    const unknown = withResource("alicloud_made_up_type", arn, {
      data: { alicloud_regions: { here: { name_regex: "^cn-" } } },
    });
    expect(found(unknown)).toMatchObject([
      {
        attribute: "source_arn",
        resolved:
          'a place not known before apply in "acs:mns:…:…:/topics/t" (data.alicloud_regions.here.regions is read from the cloud when Terraform plans, which this check cannot do; use a literal)',
      },
    ]);
  });

  it("leaves a lone reference to a managed resource to that resource, whose own values are read where declared", () => {
    const document = terraformJson("app", {
      provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "hk", region: "cn-hongkong" }] },
      resource: {
        alicloud_vswitch: {
          hk: { provider: "alicloud.hk", zone_id: "cn-hongkong-b", vswitch_name: "us-west-1" },
        },
        alicloud_made_up_type: {
          user: { network: "${alicloud_vswitch.hk.id}", label: "${alicloud_vswitch.hk[0].vswitch_name}" },
        },
      },
    });
    expect(found(document).map(({ rule, address, attribute }) => [rule, address, attribute])).toEqual([
      ["RES-PROVIDER-REGION", "provider.alicloud.hk", "region"],
      ["RES-LOCATION-ATTRIBUTE", "alicloud_vswitch.hk", "zone_id"],
      ["RES-PLACE-IN-VALUE", "alicloud_vswitch.hk", "vswitch_name"],
    ]);
  });

  it("reads a variable's default and a PrivateLink service name", () => {
    const document = withResource(
      "alicloud_vpc_gateway_endpoint",
      { vpc_id: "v", service_name: "com.aliyun.ap-southeast-1.oss" },
      { variable: { zone: { type: "string", default: "cn-hongkong-i" }, name: { default: "tf-example" } } },
    );
    expect(found(document).map(({ address, attribute, resolved }) => [address, attribute, resolved])).toEqual(
      [
        ["alicloud_vpc_gateway_endpoint.subject", "service_name", "ap-southeast-1"],
        ["var.zone", "default", "cn-hongkong"],
      ],
    );
    const mainland = withResource("alicloud_vpc_gateway_endpoint", {
      service_name: "com.aliyun.cn-hangzhou.oss",
    });
    expect(found(mainland)).toEqual([]);
  });

  it("refuses nesting deeper than any schema as bad input", () => {
    let deep: unknown = "x";
    for (let level = 0; level < 40; level++) deep = { nested: deep };
    expect(() => violations(withResource("null_resource", { triggers: deep }))).toThrow(
      "null_resource.subject is nested deeper than any provider schema",
    );
  });
});
