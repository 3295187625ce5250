import { violations, withResource } from "../../fixtures";

/** Issue 11's misses: each one's shape is that of the provider's documentation example, moved abroad. */
describe("RES-LOCATION-ATTRIBUTE on destinations (issue 11)", () => {
  const refused = (type: string, body: Record<string, unknown>) =>
    violations(withResource(type, body)).map(({ rule, attribute, verdict }) => ({
      rule,
      attribute,
      verdict,
    }));

  it.each([
    ["alicloud_cms_alarm", { name: "a", webhook: "https://hooks.example.com/alarm" }, "webhook"],
    [
      "alicloud_arms_alert_robot",
      {
        alert_robot_name: "r",
        robot_type: "dingding",
        robot_addr: "https://oapi.dingtalk.com/robot/send?access_token=1",
      },
      "robot_addr",
    ],
    [
      "alicloud_aligreen_callback",
      { callback_name: "c", callback_url: "https://www.aliyun.com" },
      "callback_url",
    ],
    [
      "alicloud_msc_sub_webhook",
      { webhook_name: "w", server_url: "https://open.feishu.cn/hook/a" },
      "server_url",
    ],
    [
      "alicloud_cms_event_rule",
      {
        rule_name: "e",
        webhook_parameters: [
          {
            webhook_parameters_id: "1",
            protocol: "http",
            method: "POST",
            url: "http://collector.example.com",
          },
        ],
      },
      "webhook_parameters.url",
    ],
    [
      "alicloud_quotas_quota_alarm",
      { quota_alarm_name: "q", web_hook: "https://alerts.example.com" },
      "web_hook",
    ],
    [
      "alicloud_arms_remote_write",
      {
        cluster_id: "c",
        remote_write_yaml:
          "remote_write:\n- name: ArmsRemoteWrite\n  url: http://47.96.227.137:8080/prometheus/xxx/yyy/cn-hangzhou/api/v3/write\n",
      },
      "remote_write_yaml",
    ],
    [
      "alicloud_api_gateway_api",
      {
        name: "api",
        http_service_config: [{ address: "http://backend.example.com:8080", method: "GET", path: "/web" }],
      },
      "http_service_config.address",
    ],
  ])("refuses a %s sending to an unknown destination", (type, body, attribute) => {
    expect(refused(type, body)).toEqual([
      { rule: "RES-LOCATION-ATTRIBUTE", attribute, verdict: "unresolved" },
    ]);
  });

  it.each([
    [
      "alicloud_ess_notification",
      {
        scaling_group_id: "g",
        notification_types: ["AUTOSCALING:SCALE_OUT_SUCCESS"],
        notification_arn: "acs:ess:ap-southeast-1:123:queue/q",
      },
      "notification_arn",
    ],
    [
      "alicloud_cms_alarm",
      { name: "a", targets: [{ target_id: "1", arn: "acs:mns:eu-central-1:123:/queues/q/message" }] },
      "targets.arn",
    ],
    [
      "alicloud_fc_function_async_invoke_config",
      {
        service_name: "s",
        function_name: "f",
        destination_config: [{ on_failure: [{ destination: "acs:mns:us-west-1:123:/queues/q/messages" }] }],
      },
      "destination_config.on_failure.destination",
    ],
    [
      "alicloud_pai_workspace_experiment",
      {
        experiment_name: "e",
        workspace_id: "w",
        artifact_uri: "oss://b-409262.oss-ap-southeast-1.aliyuncs.com/example/",
      },
      "artifact_uri",
    ],
    [
      "alicloud_arms_remote_write",
      {
        cluster_id: "c",
        remote_write_yaml:
          "remote_write:\n- name: w\n  url: https://cn-hongkong.arms.aliyuncs.com/api/v3/write\n",
      },
      "remote_write_yaml",
    ],
    [
      "alicloud_bp_studio_application",
      { application_name: "a", template_id: "t", area_id: "ap-northeast-1" },
      "area_id",
    ],
    ["alicloud_eflo_node_group", { node_group_name: "n", cluster_id: "c", az: "us-east-1a" }, "az"],
  ])("refuses a %s delivering abroad", (type, body, attribute) => {
    expect(refused(type, body)).toEqual([{ rule: "RES-LOCATION-ATTRIBUTE", attribute, verdict: "outside" }]);
  });

  it("accepts the mainland forms of the same destinations", () => {
    const mainland: [string, Record<string, unknown>][] = [
      [
        "alicloud_ess_notification",
        { scaling_group_id: "g", notification_arn: "acs:ess:cn-shanghai:123:queue/q" },
      ],
      [
        "alicloud_pai_workspace_experiment",
        { artifact_uri: "oss://b.oss-cn-hangzhou.aliyuncs.com/example/" },
      ],
      [
        "alicloud_arms_remote_write",
        { remote_write_yaml: "remote_write:\n- url: https://cn-shanghai.arms.aliyuncs.com/w\n" },
      ],
      ["alicloud_bp_studio_application", { application_name: "a", area_id: "cn-hangzhou" }],
      ["alicloud_eflo_node_group", { az: "cn-hangzhou-b" }],
      ["alicloud_cms_alarm", { webhook: "https://mns.cn-shanghai.aliyuncs.com/hook" }],
    ];
    for (const [type, body] of mainland)
      expect([type, violations(withResource(type, body))]).toEqual([type, []]);
  });

  it("refuses a remote_write YAML that does not parse or names no target, saying so", () => {
    expect(
      violations(withResource("alicloud_arms_remote_write", { remote_write_yaml: "remote_write: [" })),
    ).toMatchObject([{ resolved: "the remote_write YAML does not parse" }]);
    expect(
      violations(withResource("alicloud_arms_remote_write", { remote_write_yaml: "global: {}" })),
    ).toMatchObject([{ resolved: "the YAML has no remote_write list of targets" }]);
  });

  it("refuses the same URL as a webhook that it refuses as an MNS endpoint", () => {
    const url = "https://1234.mns.ap-southeast-1.aliyuncs.com";
    expect(violations(withResource("alicloud_cms_alarm", { webhook: url }))).toMatchObject([
      { attribute: "webhook", resolved: "ap-southeast-1" },
    ]);
  });

  it("reads PrivateZone's zone_id as a DNS zone, not an availability zone", () => {
    expect(
      violations(
        withResource("alicloud_pvtz_zone_record", {
          zone_id: "zone-abc",
          rr: "www",
          type: "A",
          value: "1.1.1.1",
        }),
      ),
    ).toEqual([]);
    expect(violations(withResource("alicloud_vswitch", { zone_id: "zone-abc" }))).toMatchObject([
      { attribute: "zone_id", verdict: "outside" },
    ]);
  });
});
