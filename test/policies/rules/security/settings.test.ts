import { reported, stack } from "./fixtures";

/**
 * The rules that hold one resource type to a setting: a secure body passes; each insecure body (and a missing
 * setting, where the provider's default is not secure) is an error on the attribute named.
 */
interface Case {
  readonly rule: string;
  readonly type: string;
  readonly secure: readonly Record<string, unknown>[];
  readonly insecure: readonly (readonly [Record<string, unknown>, string])[];
}

const POLICY = "alicloud_ram_account_password_policy";

const CASES: readonly Case[] = [
  {
    rule: "SEC-ACTIONTRAIL-ALL-EVENTS",
    type: "alicloud_actiontrail_trail",
    secure: [{ event_rw: "All" }],
    insecure: [
      [{ event_rw: "Write" }, "event_rw"],
      [{}, "event_rw"],
    ],
  },
  {
    rule: "SEC-ACTIONTRAIL-ALL-REGIONS",
    type: "alicloud_actiontrail_trail",
    secure: [{}, { trail_region: "All" }],
    insecure: [[{ trail_region: "cn-shanghai" }, "trail_region"]],
  },
  {
    rule: "SEC-OSS-VERSIONING",
    type: "alicloud_oss_bucket",
    secure: [{ versioning: { status: "Enabled" } }, { versioning: [{ status: "Enabled" }] }],
    insecure: [
      [{ versioning: { status: "Suspended" } }, "versioning.status"],
      [{}, "versioning"],
    ],
  },
  {
    rule: "SEC-OSS-TRANSFER-ACCELERATION",
    type: "alicloud_oss_bucket",
    secure: [
      {},
      { transfer_acceleration: { enabled: false } },
      { transfer_acceleration: { enabled: "false" } },
    ],
    insecure: [[{ transfer_acceleration: [{ enabled: true }] }, "transfer_acceleration.0.enabled"]],
  },
  {
    rule: "SEC-OSS-ACCESS-LOGGING",
    type: "alicloud_oss_bucket",
    secure: [{ logging: { target_bucket: "${alicloud_oss_bucket.logs.id}", target_prefix: "x/" } }],
    insecure: [
      [{}, "logging"],
      [{ logging: { target_prefix: "x/" } }, "logging.target_bucket"],
    ],
  },
  {
    rule: "SEC-OSS-CMK",
    type: "alicloud_oss_bucket",
    secure: [{ server_side_encryption_rule: { sse_algorithm: "KMS", kms_master_key_id: "key-1" } }],
    insecure: [
      [
        { server_side_encryption_rule: { sse_algorithm: "AES256", kms_master_key_id: "k" } },
        "server_side_encryption_rule.sse_algorithm",
      ],
      [
        { server_side_encryption_rule: { sse_algorithm: "KMS" } },
        "server_side_encryption_rule.kms_master_key_id",
      ],
      // A missing block is one finding, not one for each setting that reads into it.
      [{}, "server_side_encryption_rule"],
    ],
  },
  {
    rule: "SEC-DISK-ENCRYPTED",
    type: "alicloud_disk",
    secure: [{ encrypted: true }, { encrypted: "true" }],
    insecure: [
      [{ encrypted: false }, "encrypted"],
      [{ snapshot_id: "s-1" }, "encrypted"],
      [{ encrypted: "yes" }, "encrypted"],
    ],
  },
  {
    rule: "SEC-DISK-CMK",
    type: "alicloud_ecs_disk",
    secure: [{ encrypted: true, kms_key_id: "${alicloud_kms_key.disk.id}" }],
    insecure: [
      [{ encrypted: true }, "kms_key_id"],
      [{ encrypted: false, kms_key_id: "k" }, "encrypted"],
    ],
  },
  {
    rule: "SEC-RDS-SSL",
    type: "alicloud_db_instance",
    secure: [{ ssl_action: "Open" }, { ssl_action: "Update" }],
    insecure: [
      [{ ssl_action: "Close" }, "ssl_action"],
      [{}, "ssl_action"],
    ],
  },
  {
    rule: "SEC-RDS-MINOR-UPGRADE",
    type: "alicloud_db_instance",
    secure: [{ auto_upgrade_minor_version: "Auto" }],
    insecure: [
      [{ auto_upgrade_minor_version: "Manual" }, "auto_upgrade_minor_version"],
      [{}, "auto_upgrade_minor_version"],
    ],
  },
  {
    rule: "SEC-RDS-SQL-AUDIT",
    type: "alicloud_db_instance",
    secure: [
      { sql_collector_status: "Enabled", sql_collector_config_value: 365 },
      { sql_collector_status: "Enabled", sql_collector_config_value: "180" },
    ],
    insecure: [
      [{ sql_collector_status: "Disabled", sql_collector_config_value: 180 }, "sql_collector_status"],
      [{ sql_collector_status: "Enabled", sql_collector_config_value: 30 }, "sql_collector_config_value"],
      [{ sql_collector_status: "Enabled" }, "sql_collector_config_value"],
    ],
  },
  {
    rule: "SEC-LOG-AUDIT-RDS",
    type: "alicloud_log_audit",
    secure: [{ variable_map: { rds_enabled: "true" } }],
    insecure: [
      [{ variable_map: { rds_enabled: "false" } }, "variable_map.rds_enabled"],
      [{ variable_map: { rds_enabled: "" } }, "variable_map.rds_enabled"],
      [{ variable_map: {} }, "variable_map.rds_enabled"],
    ],
  },
  {
    rule: "SEC-MONGODB-VPC",
    type: "alicloud_mongodb_instance",
    secure: [{ network_type: "VPC" }],
    insecure: [
      [{ network_type: "Classic" }, "network_type"],
      [{}, "network_type"],
    ],
  },
  {
    rule: "SEC-MONGODB-SSL",
    type: "alicloud_mongodb_instance",
    secure: [{ ssl_action: "Open" }],
    insecure: [
      [{ ssl_action: "Close" }, "ssl_action"],
      [{}, "ssl_action"],
    ],
  },
  {
    rule: "SEC-MONGODB-TDE",
    type: "alicloud_mongodb_instance",
    secure: [{ tde_status: "enabled" }],
    insecure: [
      [{ tde_status: "disabled" }, "tde_status"],
      [{}, "tde_status"],
    ],
  },
  {
    rule: "SEC-KMS-ENABLED",
    type: "alicloud_kms_key",
    secure: [{}, { status: "Enabled" }],
    insecure: [
      [{ status: "Disabled" }, "status"],
      [{ key_state: "PendingDeletion" }, "key_state"],
    ],
  },
  {
    rule: "SEC-KMS-ROTATION",
    type: "alicloud_kms_key",
    secure: [{ automatic_rotation: "Enabled" }],
    insecure: [
      [{ automatic_rotation: "Disabled" }, "automatic_rotation"],
      [{}, "automatic_rotation"],
    ],
  },
  {
    rule: "SEC-RAM-PASSWORD-LENGTH",
    type: POLICY,
    secure: [{ minimum_password_length: 14 }, { minimum_password_length: "20" }],
    insecure: [
      [{ minimum_password_length: 9 }, "minimum_password_length"],
      [{}, "minimum_password_length"],
    ],
  },
  {
    rule: "SEC-RAM-PASSWORD-NUMBERS",
    type: POLICY,
    secure: [{ require_numbers: true }],
    insecure: [
      [{ require_numbers: false }, "require_numbers"],
      [{}, "require_numbers"],
    ],
  },
  {
    rule: "SEC-RAM-PASSWORD-SYMBOLS",
    type: POLICY,
    secure: [{ require_symbols: "1" }],
    insecure: [
      [{ require_symbols: "0" }, "require_symbols"],
      [{}, "require_symbols"],
    ],
  },
  {
    rule: "SEC-RAM-PASSWORD-LOWERCASE",
    type: POLICY,
    secure: [{ require_lowercase_characters: true }],
    insecure: [[{}, "require_lowercase_characters"]],
  },
  {
    rule: "SEC-RAM-PASSWORD-UPPERCASE",
    type: POLICY,
    secure: [{ require_uppercase_characters: true }],
    insecure: [[{}, "require_uppercase_characters"]],
  },
  {
    rule: "SEC-RAM-PASSWORD-EXPIRY",
    type: POLICY,
    secure: [{ max_password_age: 90 }],
    insecure: [
      [{ max_password_age: 120 }, "max_password_age"],
      [{ max_password_age: 0 }, "max_password_age"],
      [{}, "max_password_age"],
    ],
  },
  {
    rule: "SEC-RAM-PASSWORD-REUSE",
    type: POLICY,
    secure: [{ password_reuse_prevention: 24 }],
    insecure: [
      [{ password_reuse_prevention: 5 }, "password_reuse_prevention"],
      [{}, "password_reuse_prevention"],
    ],
  },
  {
    rule: "SEC-RAM-LOGIN-ATTEMPTS",
    type: POLICY,
    secure: [{}, { max_login_attempts: 3 }],
    insecure: [
      [{ max_login_attempts: 6 }, "max_login_attempts"],
      [{ max_login_attempts: 0 }, "max_login_attempts"],
    ],
  },
  {
    rule: "SEC-RAM-MFA",
    type: "alicloud_ram_security_preference",
    secure: [{ enforce_mfa_for_login: true }],
    insecure: [
      [{ enforce_mfa_for_login: false }, "enforce_mfa_for_login"],
      [{}, "enforce_mfa_for_login"],
    ],
  },
  {
    rule: "SEC-K8S-NODE-AUTO-REPAIR",
    type: "alicloud_cs_kubernetes_node_pool",
    secure: [{ management: { auto_repair: true } }],
    insecure: [
      [{ management: { auto_repair: false } }, "management.auto_repair"],
      [{ management: {} }, "management.auto_repair"],
      [{}, "management"],
    ],
  },
  {
    rule: "SEC-LAUNCH-TEMPLATE-ENCRYPTED",
    type: "alicloud_ecs_launch_template",
    secure: [{}, { data_disks: [{ encrypted: true }, { encrypted: "true" }] }],
    insecure: [
      [{ data_disks: [{ encrypted: true }, { encrypted: "false" }] }, "data_disks.1.encrypted"],
      [{ data_disks: [{}] }, "data_disks.0.encrypted"],
    ],
  },
  {
    rule: "SEC-APIGW-HTTPS",
    type: "alicloud_api_gateway_api",
    secure: [{ request_config: { protocol: "HTTPS" } }],
    insecure: [
      [{ request_config: { protocol: "HTTP,HTTPS" } }, "request_config.protocol"],
      [{}, "request_config"],
    ],
  },
  {
    rule: "SEC-TLS-POLICY",
    type: "alicloud_slb_tls_cipher_policy",
    secure: [{ tls_versions: ["TLSv1.2", "TLSv1.3"] }],
    insecure: [
      [{ tls_versions: ["TLSv1.1", "TLSv1.2"] }, "tls_versions"],
      [{ tls_versions: ["TLSv1.0"] }, "tls_versions"],
    ],
  },
];

describe.each(CASES)("$rule", ({ rule, type, secure, insecure }) => {
  it.each(secure.map((body) => [JSON.stringify(body), body] as const))("passes %s", (_, body) => {
    expect(reported(stack("app", { [type]: { subject: body } }), rule)).toEqual([]);
  });

  it.each(insecure.map(([body, attribute]) => [JSON.stringify(body), body, attribute] as const))(
    "refuses %s on its attribute",
    (_, body, attribute) => {
      expect(reported(stack("app", { [type]: { subject: body } }), rule)).toEqual([
        `${type}.subject ${attribute}`,
      ]);
    },
  );
});

describe("setting values", () => {
  it("are read through locals, and an unknown one is a finding that says why", () => {
    const document = stack(
      "app",
      {
        alicloud_kms_key: {
          local: { automatic_rotation: "${local.rotation}" },
          unknown: { automatic_rotation: "${var.rotation}" },
        },
      },
      { locals: { rotation: "Enabled" }, variable: { rotation: {} } },
    );
    expect(reported(document, "SEC-KMS-ROTATION")).toEqual(["alicloud_kms_key.unknown automatic_rotation"]);
  });
});
