import { onlyMessage, reported, stack } from "./fixtures";

describe("SEC-OSS-PUBLIC-ACL", () => {
  const document = stack("storage", {
    alicloud_oss_bucket: {
      private: { bucket: "a", acl: "private" },
      unset: { bucket: "b" },
      public: { bucket: "c", acl: "public-read" },
      granted: { bucket: "d" },
      kept_private: { bucket: "e" },
    },
    alicloud_oss_bucket_acl: {
      granted: { bucket: "${alicloud_oss_bucket.granted.bucket}", acl: "public-read-write" },
      kept_private: { bucket: "${alicloud_oss_bucket.kept_private.bucket}", acl: "private" },
    },
  });

  it("refuses a public ACL on the bucket, and one granted by an alicloud_oss_bucket_acl on both", () => {
    expect(reported(document, "SEC-OSS-PUBLIC-ACL")).toEqual([
      "alicloud_oss_bucket.public acl",
      "alicloud_oss_bucket_acl.granted acl",
      "alicloud_oss_bucket.granted acl",
    ]);
  });
});

describe("SEC-RDS-PUBLIC and SEC-MONGODB-PUBLIC", () => {
  it.each([
    ["alicloud_db_instance", "security_ips", "SEC-RDS-PUBLIC"],
    ["alicloud_mongodb_instance", "security_ip_list", "SEC-MONGODB-PUBLIC"],
  ])("%s.%s admits no one from everywhere", (type, attribute, rule) => {
    const document = stack(
      "db",
      {
        [type]: {
          world: { [attribute]: ["10.0.0.1", "0.0.0.0/0"] },
          zero: { [attribute]: ["0.0.0.0"] },
          hidden: { [attribute]: ["10.0.0.1,0.0.0.0/0"] },
          local: { [attribute]: "${local.ips}" },
          private: { [attribute]: ["10.23.12.24/24", "100.69.7.112"] },
          unset: {},
          malformed: { [attribute]: ["10.0.0.300"] },
        },
      },
      { locals: { ips: ["${local.anywhere}"], anywhere: "0.0.0.0/0" } },
    );
    expect(reported(document, rule)).toEqual(
      ["world", "zero", "hidden", "local", "malformed"].map((name) => `${type}.${name} ${attribute}`),
    );
  });

  it("names the entry that admits everyone, and the malformed one", () => {
    const one = (ips: string[]) => stack("db", { alicloud_db_instance: { db: { security_ips: ips } } });
    expect(onlyMessage(one(["0.0.0.0/0"]), "SEC-RDS-PUBLIC")).toMatch(
      /^security_ips admits "0\.0\.0\.0\/0": anyone on the internet may connect\. Replace/,
    );
    expect(onlyMessage(one(["10.0.0.300"]), "SEC-RDS-PUBLIC")).toMatch(
      /^security_ips holds "10\.0\.0\.300", which is not an address or CIDR block/,
    );
  });
});

describe("SEC-ALB-ACL-OPEN", () => {
  it("refuses an entry, attached or inline, that admits everyone", () => {
    const document = stack("lb", {
      alicloud_alb_acl_entry_attachment: {
        open: { acl_id: "${alicloud_alb_acl.acl.id}", entry: "0.0.0.0/0" },
        office: { acl_id: "${alicloud_alb_acl.acl.id}", entry: "10.0.0.0/16" },
        broken: { acl_id: "${alicloud_alb_acl.acl.id}", entry: "everyone" },
      },
      alicloud_alb_acl: {
        acl: { acl_name: "a", acl_entries: [{ entry: "10.1.0.0/16" }, { entry: "::/0" }] },
      },
    });
    expect(reported(document, "SEC-ALB-ACL-OPEN")).toEqual([
      "alicloud_alb_acl_entry_attachment.open entry",
      "alicloud_alb_acl_entry_attachment.broken entry",
      "alicloud_alb_acl.acl acl_entries.1.entry",
    ]);
  });

  it("reads entries a dynamic block creates, and refuses those whose elements are not known before apply", () => {
    const entries = (forEach: unknown) => ({
      acl_name: "a",
      dynamic: { acl_entries: { for_each: forEach, content: { entry: "${acl_entries.value}" } } },
    });
    const document = stack(
      "lb",
      {
        alicloud_alb_acl: {
          office: entries(["10.0.0.0/16"]),
          open: entries(["10.0.0.0/16", "0.0.0.0/0"]),
          unbound: entries("${var.entries}"),
        },
      },
      { variable: { entries: {} } },
    );
    expect(reported(document, "SEC-ALB-ACL-OPEN")).toEqual([
      "alicloud_alb_acl.unbound dynamic.acl_entries",
      "alicloud_alb_acl.open acl_entries.1.entry",
    ]);
  });
});

describe("SEC-RDS-TDE", () => {
  it("asks MySQL and SQL Server for TDE, and cannot decide without a known engine", () => {
    const document = stack(
      "db",
      {
        alicloud_db_instance: {
          mysql: { engine: "MySQL", engine_version: "8.0" },
          mysql_tde: { engine: "MySQL", tde_status: "Enabled" },
          sqlserver: { engine: "SQLServer", tde_status: "Disabled" },
          postgres: { engine: "PostgreSQL" },
          unknown: { engine: "${var.engine}" },
        },
      },
      { variable: { engine: {} } },
    );
    expect(reported(document, "SEC-RDS-TDE")).toEqual([
      "alicloud_db_instance.mysql tde_status",
      "alicloud_db_instance.sqlserver tde_status",
      "alicloud_db_instance.unknown engine",
    ]);
  });
});

describe("SEC-RDS-LOG-CONNECTIONS, -DISCONNECTIONS and -DURATION", () => {
  const document = stack("db", {
    alicloud_db_instance: {
      on: {
        parameters: [
          { name: "log_connections", value: "ON" },
          { name: "log_disconnections", value: "on" },
          { name: "log_duration", value: "On" },
        ],
      },
      off: { parameters: [{ name: "log_connections", value: "off" }] },
      none: {},
      audited: { sql_collector_status: "Enabled" },
    },
  });

  it.each(["SEC-RDS-LOG-CONNECTIONS", "SEC-RDS-LOG-DISCONNECTIONS", "SEC-RDS-LOG-DURATION"])(
    "%s accepts the parameter on, or SQL audit",
    (rule) => {
      expect(reported(document, rule)).toEqual([
        "alicloud_db_instance.off parameters",
        "alicloud_db_instance.none parameters",
      ]);
    },
  );
});

describe("SEC-K8S-NETWORK-POLICY", () => {
  const cluster = (body: Record<string, unknown>) => ({
    worker_vswitch_ids: ["${alicloud_vswitch.a.id}", "${alicloud_vswitch.b.id}"],
    master_vswitch_ids: ["${alicloud_vswitch.a.id}"],
    ...body,
  });
  const terway = [{ name: "terway-eniip", config: "" }];
  const document = stack("k8s", {
    alicloud_vswitch: {
      a: { cidr_block: "10.0.0.0/24" },
      b: { cidr_block: "10.0.1.0/24" },
      pods: { cidr_block: "10.0.2.0/24" },
    },
    alicloud_cs_kubernetes: {
      terway: cluster({ addons: terway, pod_vswitch_ids: ["${alicloud_vswitch.pods.id}"] }),
      shared: cluster({ addons: terway, pod_vswitch_ids: ["${alicloud_vswitch.b.id}"] }),
      no_pods: cluster({ addons: terway }),
      flannel: cluster({ addons: [{ name: "flannel" }], pod_cidr: "172.20.0.0/16" }),
      flannel_no_cidr: cluster({ addons: [{ name: "flannel" }] }),
      none: cluster({}),
    },
  });

  it("asks for Terway with pod vSwitches of its own, or Flannel with a pod CIDR", () => {
    expect(reported(document, "SEC-K8S-NETWORK-POLICY")).toEqual([
      "alicloud_cs_kubernetes.shared pod_vswitch_ids",
      "alicloud_cs_kubernetes.no_pods pod_vswitch_ids",
      "alicloud_cs_kubernetes.flannel_no_cidr pod_cidr",
      "alicloud_cs_kubernetes.none addons",
    ]);
  });
});

describe("SEC-OTS-PUBLIC", () => {
  it("admits only VPC access", () => {
    const document = stack("state", {
      alicloud_ots_instance: {
        vpc: { name: "a", network_type_acl: ["VPC"] },
        legacy_vpc: { name: "b", accessed_by: "Vpc" },
        any: { name: "c", accessed_by: "Any" },
        internet: { name: "d", network_type_acl: ["VPC", "INTERNET"] },
        defaults: { name: "e" },
      },
    });
    expect(reported(document, "SEC-OTS-PUBLIC")).toEqual([
      "alicloud_ots_instance.any accessed_by",
      "alicloud_ots_instance.internet network_type_acl",
      "alicloud_ots_instance.defaults network_type_acl",
    ]);
  });
});
