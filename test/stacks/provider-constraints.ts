/**
 * What the provider's Go source (aliyun/terraform-provider-alicloud at v1.247.0) checks beyond the schema
 * JSON — ExactlyOneOf, ConflictsWith, AtLeastOneOf, StringInSlice, IntBetween — for every resource type the
 * stacks use. Each entry names its source file; a nested attribute is written as a path
 * (`versioning.status`). A type with no such constraint has an empty entry, so that a new type used by the
 * stacks fails the suite until someone has read its source.
 */
export interface GoConstraints {
  /** The provider source file (under alicloud/) the constraints come from. */
  readonly source: string;
  readonly exactlyOneOf?: readonly (readonly string[])[];
  readonly atLeastOneOf?: readonly (readonly string[])[];
  readonly conflictsWith?: readonly (readonly [string, string])[];
  readonly allowed?: Readonly<Record<string, readonly (string | number)[]>>;
  readonly between?: Readonly<Record<string, readonly [number, number]>>;
}

const ENABLED_DISABLED = ["Enabled", "Disabled"];

export const GO_CONSTRAINTS: Readonly<Record<string, GoConstraints>> = {
  alicloud_actiontrail_trail: {
    source: "resource_alicloud_actiontrail_trail.go",
    conflictsWith: [["trail_name", "name"]],
    allowed: { event_rw: ["All", "Read", "Write"], status: ["Enable", "Disable"] },
  },
  alicloud_config_rule: {
    source: "resource_alicloud_config_rule.go",
    exactlyOneOf: [
      ["config_rule_trigger_types", "source_detail_message_type"],
      ["resource_types_scope", "scope_compliance_resource_types"],
    ],
    conflictsWith: [["maximum_execution_frequency", "source_maximum_execution_frequency"]],
  },
  alicloud_eip_address: {
    source: "resource_alicloud_eip_address.go",
    conflictsWith: [
      ["address_name", "name"],
      ["payment_type", "instance_charge_type"],
    ],
    allowed: {
      internet_charge_type: ["PayByBandwidth", "PayByTraffic"],
      payment_type: ["Subscription", "PayAsYouGo", "PrePaid", "PostPaid"],
      isp: [
        "BGP",
        "BGP_PRO",
        "ChinaTelecom",
        "ChinaUnicom",
        "ChinaMobile",
        "ChinaTelecom_L2",
        "ChinaUnicom_L2",
        "ChinaMobile_L2",
        "BGP_FinanceCloud",
        "BGP_International",
      ],
    },
  },
  alicloud_eip_association: {
    source: "resource_alicloud_eip_association.go",
    allowed: { mode: ["NAT", "MULTI_BINDED", "BINDED"] },
  },
  alicloud_kms_alias: { source: "resource_alicloud_kms_alias.go" },
  alicloud_kms_instance: {
    source: "resource_alicloud_kms_instance.go",
    allowed: { payment_type: ["Subscription", "PayAsYouGo"], product_version: ["3", "5"], log: ["0", "1"] },
  },
  alicloud_kms_key: {
    source: "resource_alicloud_kms_key.go",
    conflictsWith: [
      ["pending_window_in_days", "deletion_window_in_days"],
      ["status", "key_state"],
    ],
    allowed: {
      automatic_rotation: ENABLED_DISABLED,
      deletion_protection: ENABLED_DISABLED,
      key_spec: [
        "Aliyun_AES_256",
        "Aliyun_AES_128",
        "Aliyun_AES_192",
        "Aliyun_SM4",
        "RSA_2048",
        "RSA_3072",
        "EC_P256",
        "EC_SM2",
        "EC_P256K",
      ],
      key_usage: ["ENCRYPT/DECRYPT", "SIGN/VERIFY"],
      protection_level: ["SOFTWARE", "HSM"],
      status: ["Enabled", "Disabled", "PendingDeletion"],
    },
    between: { pending_window_in_days: [7, 366] },
  },
  alicloud_log_project: {
    source: "resource_alicloud_log_project.go",
    exactlyOneOf: [["project_name", "name"]],
  },
  alicloud_log_store: {
    source: "resource_alicloud_log_store.go",
    exactlyOneOf: [
      ["logstore_name", "name"],
      ["project_name", "project"],
    ],
    between: { max_split_shard_count: [0, 256] },
  },
  alicloud_nat_gateway: {
    source: "resource_alicloud_nat_gateway.go",
    conflictsWith: [
      ["nat_gateway_name", "name"],
      ["payment_type", "instance_charge_type"],
    ],
    allowed: {
      nat_type: ["Enhanced", "Normal"],
      payment_type: ["PayAsYouGo", "Subscription"],
      network_type: ["internet", "intranet"],
      internet_charge_type: ["PayByLcu", "PayBySpec"],
    },
  },
  alicloud_oss_account_public_access_block: {
    source: "resource_alicloud_oss_account_public_access_block.go",
  },
  alicloud_oss_bucket: {
    source: "resource_alicloud_oss_bucket.go",
    allowed: {
      storage_class: ["Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"],
      redundancy_type: ["LRS", "ZRS"],
      "server_side_encryption_rule.sse_algorithm": ["AES256", "KMS", "SM4"],
      "versioning.status": ["Enabled", "Suspended"],
    },
  },
  // The Go source does not validate `acl`; the values are those of website/docs/r/oss_bucket_acl.html.markdown.
  alicloud_oss_bucket_acl: {
    source: "resource_alicloud_oss_bucket_acl.go",
    allowed: { acl: ["private", "public-read", "public-read-write"] },
  },
  alicloud_oss_bucket_public_access_block: { source: "resource_alicloud_oss_bucket_public_access_block.go" },
  alicloud_oss_bucket_replication: {
    source: "resource_alicloud_oss_bucket_replication.go",
    allowed: {
      historical_object_replication: ["enabled", "disabled"],
      "source_selection_criteria.sse_kms_encrypted_objects.status": ENABLED_DISABLED,
    },
  },
  alicloud_oss_bucket_worm: { source: "resource_alicloud_oss_bucket_worm.go" },
  // `network_type_acl` / `network_source_acl` are not validated in Go; their values are those of
  // website/docs/r/ots_instance.html.markdown.
  alicloud_ots_instance: {
    source: "resource_alicloud_ots_instance.go",
    allowed: {
      accessed_by: ["Any", "Vpc", "ConsoleOrVpc"],
      instance_type: ["Capacity", "HighPerformance"],
      network_type_acl: ["CLASSIC", "VPC", "INTERNET"],
      network_source_acl: ["TRUST_PROXY"],
    },
  },
  alicloud_ots_instance_attachment: { source: "resource_alicloud_ots_instance_attachment.go" },
  alicloud_ots_table: {
    source: "resource_alicloud_ots_table.go",
    allowed: {
      "primary_key.type": ["Integer", "Binary", "String"],
      sse_key_type: ["SSE_KMS_SERVICE", "SSE_BYOK"],
    },
    between: { time_to_live: [-1, 2 ** 31 - 1], max_version: [1, 2 ** 31 - 1] },
  },
  alicloud_ram_policy: {
    source: "resource_alicloud_ram_policy.go",
    conflictsWith: [
      ["policy_document", "document"],
      ["policy_document", "version"],
      ["policy_document", "statement"],
      ["policy_name", "name"],
    ],
    allowed: { rotate_strategy: ["None", "DeleteOldestNonDefaultVersionWhenLimitExceeded"] },
  },
  alicloud_ram_role: {
    source: "resource_alicloud_ram_role.go",
    conflictsWith: [
      ["document", "ram_users"],
      ["document", "services"],
      ["document", "version"],
    ],
    between: { max_session_duration: [3600, 43200] },
  },
  alicloud_ram_role_policy_attachment: {
    source: "resource_alicloud_ram_role_policy_attachment.go",
    allowed: { policy_type: ["System", "Custom"] },
  },
  alicloud_resource_manager_control_policy: {
    source: "resource_alicloud_resource_manager_control_policy.go",
    allowed: { effect_scope: ["RAM"] },
  },
  alicloud_resource_manager_control_policy_attachment: {
    source: "resource_alicloud_resource_manager_control_policy_attachment.go",
  },
  alicloud_resource_manager_service_linked_role: {
    source: "resource_alicloud_resource_manager_service_linked_role.go",
  },
  alicloud_security_group: {
    source: "resource_alicloud_security_group.go",
    conflictsWith: [["inner_access_policy", "inner_access"]],
    allowed: { inner_access_policy: ["Accept", "Drop"], security_group_type: ["normal", "enterprise"] },
  },
  alicloud_security_group_rule: {
    source: "resource_alicloud_security_group_rule.go",
    atLeastOneOf: [["cidr_ip", "ipv6_cidr_ip", "source_security_group_id", "prefix_list_id"]],
    conflictsWith: [
      ["ipv6_cidr_ip", "cidr_ip"],
      ["source_security_group_id", "cidr_ip"],
    ],
    allowed: {
      type: ["ingress", "egress"],
      ip_protocol: ["tcp", "udp", "icmp", "gre", "all"],
      policy: ["accept", "drop"],
      nic_type: ["internet", "intranet"],
    },
    between: { priority: [1, 100] },
  },
  alicloud_snat_entry: {
    source: "resource_alicloud_snat_entry.go",
    conflictsWith: [["source_cidr", "source_vswitch_id"]],
  },
  alicloud_vpc: {
    source: "resource_alicloud_vpc.go",
    conflictsWith: [
      ["vpc_name", "name"],
      ["route_table_id", "router_table_id"],
    ],
  },
  alicloud_vpc_flow_log: {
    source: "resource_alicloud_vpc_flow_log.go",
    allowed: {
      resource_type: ["NetworkInterface", "VPC", "VSwitch"],
      status: ["Active", "Inactive"],
      traffic_type: ["All", "Allow", "Drop"],
    },
  },
  alicloud_vswitch: {
    source: "resource_alicloud_vswitch.go",
    conflictsWith: [["vswitch_name", "name"]],
    exactlyOneOf: [["zone_id", "availability_zone"]],
  },
};

type Json = unknown;

function isExpression(value: Json): boolean {
  return typeof value === "string" && value.startsWith("${") && value.endsWith("}");
}

/** The values at a dotted path, through blocks written as objects or arrays and through lists. */
function valuesAt(value: Json, path: readonly string[]): Json[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (typeof value !== "object" || value === null) return [];
  const [head, ...rest] = path;
  return head in value ? valuesAt((value as Record<string, Json>)[head], rest) : [];
}

/** The Go constraints a resource body breaks; a value that is an expression is left to Terraform. */
export function constraintProblems(
  address: string,
  constraints: GoConstraints,
  body: Record<string, Json>,
): string[] {
  const present = (key: string) => key in body;
  const where = `${address} (${constraints.source})`;
  const problems: string[] = [];
  for (const group of constraints.exactlyOneOf ?? []) {
    const set = group.filter(present);
    if (set.length !== 1)
      problems.push(`${where}: exactly one of ${group.join(", ")} must be set, got ${set.length}`);
  }
  for (const group of constraints.atLeastOneOf ?? []) {
    if (!group.some(present)) problems.push(`${where}: at least one of ${group.join(", ")} must be set`);
  }
  for (const [one, other] of constraints.conflictsWith ?? []) {
    if (present(one) && present(other)) problems.push(`${where}: ${one} conflicts with ${other}`);
  }
  for (const [path, allowed] of Object.entries(constraints.allowed ?? {})) {
    for (const value of valuesAt(body, path.split("."))) {
      if (!isExpression(value) && !allowed.includes(value as string | number)) {
        problems.push(`${where}: ${path} = ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
      }
    }
  }
  for (const [path, [min, max]] of Object.entries(constraints.between ?? {})) {
    for (const value of valuesAt(body, path.split("."))) {
      if (!isExpression(value) && !(typeof value === "number" && value >= min && value <= max)) {
        problems.push(`${where}: ${path} = ${JSON.stringify(value)} is not between ${min} and ${max}`);
      }
    }
  }
  return problems;
}
