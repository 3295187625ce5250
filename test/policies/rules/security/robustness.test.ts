import fc from "fast-check";
import { SECURITY_PACK } from "../../../../policies/packs/security";
import { DATA_STORES } from "../../../../policies/rules/security/data-class";
import { securityFindings, stack } from "./fixtures";

/** Every resource type a security rule reads. */
const TYPES = [
  ...new Set([
    ...Object.keys(DATA_STORES),
    "alicloud_security_group_rule",
    "alicloud_alb_acl",
    "alicloud_alb_acl_entry_attachment",
    "alicloud_oss_bucket_acl",
    "alicloud_oss_bucket_policy",
    "alicloud_oss_bucket_replication",
    "alicloud_ots_instance",
    "alicloud_cs_kubernetes",
    "alicloud_cs_kubernetes_node_pool",
    "alicloud_ecs_launch_template",
    "alicloud_api_gateway_api",
    "alicloud_slb_tls_cipher_policy",
    "alicloud_ram_account_password_policy",
    "alicloud_ram_security_preference",
    "alicloud_actiontrail_trail",
    "alicloud_log_audit",
    "alicloud_kms_key",
    "alicloud_db_connection",
    "alicloud_eip_association",
    "alicloud_mongodb_audit_policy",
    "alicloud_rds_instance_cross_backup_policy",
  ]),
];

/** Attribute names the rules read, so that generated bodies hit them. */
const NAMES = [
  "type",
  "cidr_ip",
  "port_range",
  "ip_protocol",
  "policy",
  "security_ips",
  "security_ip_list",
  "acl",
  "bucket",
  "tags",
  "entry",
  "acl_entries",
  "network_type_acl",
  "accessed_by",
  "engine",
  "parameters",
  "addons",
  "pod_vswitch_ids",
  "vswitch_id",
  "instance_id",
  "destination",
  "server_side_encryption_rule",
  "kms_master_key_id",
  "encrypted",
  "kms_key_id",
  "versioning",
  "logging",
  "tls_versions",
  "request_config",
  "data_disks",
  "management",
  "variable_map",
  "status",
  "automatic_rotation",
];

const leaf = fc.oneof(
  fc.constantFrom(
    "${local.missing}",
    "${var.x}",
    "${alicloud_vpc.v.id}",
    "22/abc",
    "0.0.0.0/0",
    "10.0.0.0/99",
    "${",
    "",
    "Enabled",
    "true",
    "personal-information",
  ),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES, "name", "value", "data-class"), tie("node"), { maxKeys: 3 }),
  ),
})).node;
const body = fc.dictionary(fc.constantFrom(...NAMES), value, { maxKeys: 6 });

describe("the security pack on arbitrary bodies", () => {
  it("never throws, and every finding says what is wrong", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        body,
        fc.constantFrom(...TYPES),
        body,
        (type, first, otherType, second) => {
          const document = stack(
            "app",
            { [type]: { a: first }, [otherType]: { b: second } },
            { locals: { tags: { "data-class": "personal-information" } } },
          );
          for (const finding of securityFindings([document])) {
            expect(SECURITY_PACK.rules.map((rule) => rule.id)).toContain(finding.rule);
            expect(finding.message.length).toBeGreaterThan(20);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
