import { securityFindings, stack } from "./fixtures";

const PI = { "data-class": "personal-information" };
const ID = { "data-class": "important-data" };
const LOGS = { "data-class": "operational-logs" };
const KEYS_OUTPUT = "data.terraform_remote_state.cross-stack-reference-input-keys.outputs";
const REMOTE_KEYS = {
  terraform_remote_state: {
    "cross-stack-reference-input-keys": { backend: "local", config: { path: "../keys.tfstate" } },
  },
};

/** The keys stack: a key per data class, exported as CDKTF exports them. */
const keys = stack(
  "keys",
  {
    alicloud_kms_key: {
      pi: { tags: PI, automatic_rotation: "Enabled" },
      id: { tags: ID, automatic_rotation: "Enabled" },
      untagged: { automatic_rotation: "Enabled" },
    },
  },
  {
    output: {
      pi_id: { value: "${alicloud_kms_key.pi.id}" },
      id_id: { value: "${alicloud_kms_key.id.id}" },
      untagged_id: { value: "${alicloud_kms_key.untagged.id}" },
    },
  },
);

const encryptedWith = (key: string) => ({
  server_side_encryption_rule: { sse_algorithm: "KMS", kms_master_key_id: `\${${KEYS_OUTPUT}.${key}}` },
});

/** `address attribute` of the findings of a rule on an app of the keys stack and the given stack. */
function reportedWithKeys(document: Record<string, unknown>, rule: string): string[] {
  return securityFindings([keys, document], rule).map((finding) => `${finding.address} ${finding.attribute}`);
}

function messagesWithKeys(document: Record<string, unknown>, rule: string): string[] {
  return securityFindings([keys, document], rule).map((finding) => finding.message);
}

describe("SEC-DATA-CLASS-KEY", () => {
  const storage = stack(
    "storage",
    {
      alicloud_oss_bucket: {
        own_key: { bucket: "a", tags: PI, ...encryptedWith("pi_id") },
        other_class: { bucket: "b", tags: PI, ...encryptedWith("id_id") },
        untagged_key: { bucket: "c", tags: ID, ...encryptedWith("untagged_id") },
        literal_key: {
          bucket: "d",
          tags: PI,
          server_side_encryption_rule: { sse_algorithm: "KMS", kms_master_key_id: "key-123" },
        },
        service_key: { bucket: "e", tags: PI, server_side_encryption_rule: { sse_algorithm: "AES256" } },
        unencrypted: { bucket: "f", tags: ID },
        logs: { bucket: "g", tags: LOGS },
      },
      alicloud_log_project: { pi: { name: "pi", tags: PI } },
      alicloud_log_store: { in_pi_project: { project_name: "${alicloud_log_project.pi.name}", name: "s" } },
      alicloud_ots_instance: { pi: { name: "t", tags: PI, network_type_acl: ["VPC"] } },
      alicloud_ots_table: {
        service: {
          instance_name: "${alicloud_ots_instance.pi.name}",
          enable_sse: true,
          sse_key_type: "SSE_KMS_SERVICE",
        },
      },
    },
    { data: REMOTE_KEYS },
  );

  it("accepts only a key of the data's own class, followed across stacks", () => {
    expect(reportedWithKeys(storage, "SEC-DATA-CLASS-KEY")).toEqual([
      "alicloud_oss_bucket.other_class server_side_encryption_rule.kms_master_key_id",
      "alicloud_oss_bucket.untagged_key server_side_encryption_rule.kms_master_key_id",
      "alicloud_oss_bucket.literal_key server_side_encryption_rule.kms_master_key_id",
      "alicloud_oss_bucket.service_key server_side_encryption_rule.sse_algorithm",
      "alicloud_oss_bucket.unencrypted server_side_encryption_rule",
      "alicloud_log_store.in_pi_project encrypt_conf.user_cmk_info.cmk_key_id",
      "alicloud_ots_table.service sse_key_type",
    ]);
  });

  it("says which key of which class it found, and that the class has no key of its own", () => {
    const [otherClass, untagged, literal] = messagesWithKeys(storage, "SEC-DATA-CLASS-KEY");
    expect(otherClass).toMatch(
      /is alicloud_kms_key\.id, a key of important-data: personal-information has no key of its own here; tag a key data-class = personal-information/,
    );
    expect(untagged).toMatch(/is alicloud_kms_key\.untagged, a key without a data class/);
    expect(literal).toMatch(
      /is "key-123", not a reference to a resource of this check: refer to the alicloud_kms_key resource/,
    );
  });
});

describe("SEC-DATA-CLASS-TAG", () => {
  it("asks every data store for a known class, its own or its parent's", () => {
    const document = stack("storage", {
      alicloud_oss_bucket: {
        untagged: { bucket: "a" },
        typo: { bucket: "b", tags: { "data-class": "personal_information" } },
        ok: { bucket: "c", tags: LOGS },
      },
      alicloud_log_project: { logs: { name: "p", tags: LOGS } },
      alicloud_log_store: {
        in_project: { project_name: "${alicloud_log_project.logs.name}", name: "s" },
        orphan: { project_name: "p2", name: "s" },
      },
    });
    expect(securityFindings([document], "SEC-DATA-CLASS-TAG").map((finding) => finding.address)).toEqual([
      "alicloud_oss_bucket.untagged",
      "alicloud_oss_bucket.typo",
      "alicloud_log_store.orphan",
    ]);
  });
});

/** A network stack: the home VPC and a vSwitch in it. */
const network = {
  alicloud_vpc: { home: { cidr_block: "10.20.0.0/16", tags: LOGS } },
  alicloud_vswitch: { a: { vpc_id: "${alicloud_vpc.home.id}", cidr_block: "10.20.0.0/20", tags: LOGS } },
};

describe("a personal-information RDS instance open to the internet (the issue's example)", () => {
  const document = stack("db", {
    ...network,
    alicloud_db_instance: {
      pi: { engine: "MySQL", vswitch_id: "${alicloud_vswitch.a.id}", security_ips: ["0.0.0.0/0"], tags: PI },
    },
    alicloud_db_connection: { public: { instance_id: "${alicloud_db_instance.pi.id}" } },
  });

  it("is refused for who can reach it, its public connection, its key and its audit log", () => {
    const rules = securityFindings([document]).map((finding) => `${finding.rule} ${finding.address}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        "SEC-RDS-PUBLIC alicloud_db_instance.pi",
        "SEC-DATA-CLASS-ALLOW-LIST alicloud_db_instance.pi",
        "SEC-DATA-CLASS-PUBLIC-ENDPOINT alicloud_db_connection.public",
        "SEC-DATA-CLASS-KEY alicloud_db_instance.pi",
        "SEC-DATA-CLASS-AUDIT-LOG alicloud_db_instance.pi",
      ]),
    );
  });
});

describe("SEC-DATA-CLASS-ALLOW-LIST", () => {
  it("admits only addresses inside the instance's own VPC", () => {
    const instance = (security_ips: unknown, vswitch_id = "${alicloud_vswitch.a.id}") => ({
      vswitch_id,
      security_ips,
      tags: PI,
    });
    const document = stack(
      "db",
      {
        ...network,
        alicloud_db_instance: {
          inside: instance(["10.20.1.0/24", "${local.app}"]),
          office: instance(["10.20.1.0/24", "192.168.0.1"]),
          wider: instance(["10.0.0.0/8"]),
          literal_vswitch: instance(["10.20.1.0/24"], "vsw-123"),
          logs: { vswitch_id: "vsw-1", security_ips: ["0.0.0.0/0"], tags: LOGS },
        },
      },
      { locals: { app: "10.20.16.5" } },
    );
    const findings = securityFindings([document], "SEC-DATA-CLASS-ALLOW-LIST");
    expect(findings.map((finding) => finding.address)).toEqual([
      "alicloud_db_instance.office",
      "alicloud_db_instance.wider",
      "alicloud_db_instance.literal_vswitch",
    ]);
    expect(findings[0]?.message).toMatch(/^security_ips admits 192\.168\.0\.1, outside the instance's VPC/);
  });
});

describe("SEC-DATA-CLASS-PUBLIC-ENDPOINT", () => {
  it("refuses an EIP on a data store, not on a NAT gateway, and an EIP for something it cannot see", () => {
    const document = stack("app", {
      alicloud_instance: { pi: { tags: PI } },
      alicloud_nat_gateway: { nat: { tags: LOGS } },
      alicloud_eip_association: {
        on_pi: { allocation_id: "eip-1", instance_id: "${alicloud_instance.pi.id}" },
        on_nat: { allocation_id: "eip-2", instance_id: "${alicloud_nat_gateway.nat.id}" },
        on_unknown: { allocation_id: "eip-3", instance_id: "i-123" },
      },
    });
    expect(
      securityFindings([document], "SEC-DATA-CLASS-PUBLIC-ENDPOINT").map((finding) => finding.address),
    ).toEqual(["alicloud_eip_association.on_pi", "alicloud_eip_association.on_unknown"]);
  });

  it("follows an expression whose value is the resource's ID: the modules' concat idiom, a known condition", () => {
    const document = stack(
      "app",
      {
        alicloud_instance: { pi: { count: 1, tags: PI } },
        alicloud_nat_gateway: { nat: { count: 1, tags: LOGS } },
        alicloud_eip_association: {
          on_pi: { allocation_id: "eip-1", instance_id: '${concat(alicloud_instance.pi[*].id, [""])[0]}' },
          on_nat: {
            allocation_id: "eip-2",
            instance_id: '${concat(alicloud_nat_gateway.nat[*].id, [""])[0]}',
          },
          chosen: {
            allocation_id: "eip-3",
            instance_id: '${local.nat ? alicloud_nat_gateway.nat[0].id : ""}',
          },
          derived: { allocation_id: "eip-4", instance_id: "${upper(alicloud_nat_gateway.nat[0].id)}" },
        },
      },
      { locals: { nat: true } },
    );
    const findings = securityFindings([document], "SEC-DATA-CLASS-PUBLIC-ENDPOINT");
    expect(findings.map((finding) => finding.address)).toEqual([
      "alicloud_eip_association.on_pi",
      "alicloud_eip_association.derived",
    ]);
    expect(findings[0]?.message).toMatch(/^instance_id puts alicloud_instance\.pi \(personal-information\)/);
    expect(findings[1]?.message).toMatch(
      /is not a lone reference: what it exposes to the internet cannot be known/,
    );
  });
});

describe("SEC-DATA-CLASS-BUCKET-POLICY", () => {
  /** A policy document as CDKTF writes JSON.stringify of an object holding references: a template string. */
  const denyOutside = (bucket: string, condition: Record<string, unknown>) =>
    JSON.stringify({
      Version: "1",
      Statement: [
        {
          Effect: "Deny",
          Principal: ["*"],
          Action: ["oss:*"],
          Resource: [`acs:oss:*:*:${bucket}/*`],
          Condition: { Bool: { "acs:SecureTransport": ["false"] } },
        },
        {
          Effect: "Deny",
          Principal: ["*"],
          Action: ["oss:*"],
          Resource: [`acs:oss:*:*:${bucket}/*`],
          Condition: condition,
        },
      ],
    });
  const fromVpc = { StringNotEquals: { "acs:SourceVpc": ["${alicloud_vpc.home.id}"] } };
  const bucket = (name: string, policy?: string) => ({
    bucket: name,
    tags: PI,
    ...(policy === undefined ? {} : { policy }),
  });
  const document = stack("storage", {
    ...network,
    alicloud_ram_role: { sync: { role_name: "sync" } },
    alicloud_oss_bucket: {
      vpc_only: bucket("a", denyOutside("a", fromVpc)),
      with_role: bucket(
        "b",
        denyOutside("b", {
          ...fromVpc,
          StringNotLike: { "acs:PrincipalARN": ["${alicloud_ram_role.sync.arn}"] },
        }),
      ),
      separate: bucket("c"),
      literal_vpc: bucket("d", denyOutside("d", { StringNotEquals: { "acs:SourceVpc": ["vpc-123"] } })),
      narrowed: bucket("e", denyOutside("e", { ...fromVpc, IpAddress: { "acs:SourceIp": ["1.2.3.4"] } })),
      other_bucket: bucket("f", denyOutside("z", fromVpc)),
      jsonencode: bucket(
        "g",
        '${jsonencode({"Statement" = [{"Effect" = "Deny", "Principal" = ["*"], "Action" = ["oss:*"], "Resource" = ["acs:oss:*:*:g/*"], "Condition" = {"StringNotEquals" = {"acs:SourceVpc" = [alicloud_vpc.home.id]}}}]})}',
      ),
      empty: bucket("k", '${jsonencode({"Statement" = []})}'),
      forged: bucket(
        "j",
        denyOutside("j", {
          StringNotEquals: { "acs:SourceVpc": ["\u0001ref0\u0001", "${alicloud_vpc.home.id}"] },
        }),
      ),
      none: bucket("h"),
      logs: { bucket: "i", tags: LOGS },
    },
    alicloud_oss_bucket_policy: {
      separate: { bucket: "${alicloud_oss_bucket.separate.bucket}", policy: denyOutside("c", fromVpc) },
    },
  });

  it("accepts a deny of requests from outside the VPC, with approved roles exempted, and nothing less", () => {
    const findings = securityFindings([document], "SEC-DATA-CLASS-BUCKET-POLICY");
    expect(findings.map((finding) => finding.address)).toEqual([
      "alicloud_oss_bucket.literal_vpc",
      "alicloud_oss_bucket.narrowed",
      "alicloud_oss_bucket.other_bucket",
      "alicloud_oss_bucket.jsonencode",
      "alicloud_oss_bucket.empty",
      "alicloud_oss_bucket.forged",
      "alicloud_oss_bucket.none",
    ]);
    expect(findings[0]?.message).toMatch(/acs:SourceVpc "vpc-123" is not a reference to an alicloud_vpc/);
    expect(findings[1]?.message).toMatch(/narrows the deny with IpAddress acs:SourceIp/);
    expect(findings[3]?.message).toMatch(/cannot be resolved: .*known only after apply/);
    expect(findings[4]?.message).toMatch(/has no statement/);
    expect(findings[5]?.message).toMatch(/holds the control character U\+0001/);
    expect(findings[6]?.message).toMatch(/there is no bucket policy/);
  });
});

describe("SEC-DATA-CLASS-AUDIT-LOG", () => {
  it("asks buckets for access logs, RDS for SQL audit and MongoDB for an audit policy", () => {
    const document = stack("app", {
      alicloud_oss_bucket: {
        logged: { bucket: "a", tags: PI, logging: { target_bucket: "logs" } },
        unlogged: { bucket: "b", tags: ID },
      },
      alicloud_db_instance: {
        audited: { tags: PI, sql_collector_status: "Enabled" },
        unaudited: { tags: PI },
      },
      alicloud_mongodb_instance: { audited: { tags: PI }, unaudited: { tags: ID } },
      alicloud_mongodb_audit_policy: {
        audited: { db_instance_id: "${alicloud_mongodb_instance.audited.id}", audit_status: "enable" },
      },
    });
    expect(
      securityFindings([document], "SEC-DATA-CLASS-AUDIT-LOG").map((finding) => finding.address),
    ).toEqual([
      "alicloud_oss_bucket.unlogged",
      "alicloud_db_instance.unaudited",
      "alicloud_mongodb_instance.unaudited",
    ]);
  });
});

describe("SEC-DATA-CLASS-COPY", () => {
  const replication = (destination: string, key: string) => ({
    bucket: "${alicloud_oss_bucket.source.bucket}",
    destination: {
      bucket: `\${alicloud_oss_bucket.${destination}.bucket}`,
      location: `\${alicloud_oss_bucket.${destination}.location}`,
    },
    encryption_configuration: { replica_kms_key_id: `\${${KEYS_OUTPUT}.${key}}` },
  });
  const storage = stack(
    "storage",
    {
      alicloud_oss_bucket: {
        source: { bucket: "s", tags: PI },
        twin: { bucket: "t", tags: PI, provider: "alicloud.dr" },
        logs: { bucket: "l", tags: LOGS, provider: "alicloud.dr" },
        abroad: { bucket: "a", tags: PI, provider: "alicloud.sg" },
      },
      alicloud_oss_bucket_replication: {
        ok: replication("twin", "pi_id"),
        wrong_class: replication("logs", "pi_id"),
        foreign: replication("abroad", "pi_id"),
        wrong_key: replication("twin", "id_id"),
      },
      alicloud_db_instance: { pi: { tags: PI } },
      alicloud_rds_instance_cross_backup_policy: {
        home: { instance_id: "${alicloud_db_instance.pi.id}", cross_backup_region: "cn-beijing" },
        away: { instance_id: "${alicloud_db_instance.pi.id}", cross_backup_region: "ap-southeast-1" },
      },
    },
    {
      data: REMOTE_KEYS,
      provider: {
        alicloud: [
          { region: "cn-shanghai" },
          { alias: "dr", region: "cn-beijing" },
          { alias: "sg", region: "ap-southeast-1" },
        ],
      },
    },
  );

  it("keeps copies in mainland China, in a store of the same class, under that class's key", () => {
    expect(reportedWithKeys(storage, "SEC-DATA-CLASS-COPY")).toEqual([
      "alicloud_oss_bucket_replication.wrong_class destination.bucket",
      "alicloud_oss_bucket_replication.foreign destination.location",
      "alicloud_oss_bucket_replication.wrong_key encryption_configuration.replica_kms_key_id",
      "alicloud_rds_instance_cross_backup_policy.away cross_backup_region",
    ]);
  });
});
