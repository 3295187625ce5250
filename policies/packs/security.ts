import type { RulePack } from "../engine/rule";
import { dataClassTag } from "../rules/security/data-class-tag";
import { dataClassKey } from "../rules/security/data-class-key";
import { dataClassAllowList } from "../rules/security/data-class-allow-list";
import { dataClassPublicEndpoint } from "../rules/security/data-class-public-endpoint";
import { dataClassBucketPolicy } from "../rules/security/data-class-bucket-policy";
import { dataClassAuditLog } from "../rules/security/data-class-audit-log";
import { dataClassCopy } from "../rules/security/data-class-copy";
import { ossPublicAcl } from "../rules/security/oss-public-acl";
import { sgSshOpen } from "../rules/security/sg-ssh-open";
import { sgRdpOpen } from "../rules/security/sg-rdp-open";
import { actiontrailAllRegions } from "../rules/security/actiontrail-all-regions";
import { actiontrailAllEvents } from "../rules/security/actiontrail-all-events";
import { ossCmk } from "../rules/security/oss-cmk";
import { diskEncrypted } from "../rules/security/disk-encrypted";
import { diskCmk } from "../rules/security/disk-cmk";
import { rdsPublic } from "../rules/security/rds-public";
import { ossVersioning } from "../rules/security/oss-versioning";
import { ossTransferAcceleration } from "../rules/security/oss-transfer-acceleration";
import { ossAccessLogging } from "../rules/security/oss-access-logging";
import { ramPasswordLength } from "../rules/security/ram-password-length";
import { ramPasswordNumbers } from "../rules/security/ram-password-numbers";
import { ramPasswordSymbols } from "../rules/security/ram-password-symbols";
import { ramPasswordExpiry } from "../rules/security/ram-password-expiry";
import { ramPasswordLowercase } from "../rules/security/ram-password-lowercase";
import { ramPasswordReuse } from "../rules/security/ram-password-reuse";
import { ramPasswordUppercase } from "../rules/security/ram-password-uppercase";
import { rdsSsl } from "../rules/security/rds-ssl";
import { apigwHttps } from "../rules/security/apigw-https";
import { rdsTde } from "../rules/security/rds-tde";
import { ramLoginAttempts } from "../rules/security/ram-login-attempts";
import { ramMfa } from "../rules/security/ram-mfa";
import { rdsSqlAudit } from "../rules/security/rds-sql-audit";
import { k8sNetworkPolicy } from "../rules/security/k8s-network-policy";
import { kmsRotation } from "../rules/security/kms-rotation";
import { kmsEnabled } from "../rules/security/kms-enabled";
import { albAclOpen } from "../rules/security/alb-acl-open";
import { rdsMinorUpgrade } from "../rules/security/rds-minor-upgrade";
import { k8sNodeAutoRepair } from "../rules/security/k8s-node-auto-repair";
import { launchTemplateEncrypted } from "../rules/security/launch-template-encrypted";
import { tlsPolicy } from "../rules/security/tls-policy";
import { rdsLogDuration } from "../rules/security/rds-log-duration";
import { rdsLogDisconnections } from "../rules/security/rds-log-disconnections";
import { rdsLogConnections } from "../rules/security/rds-log-connections";
import { logAuditRds } from "../rules/security/log-audit-rds";
import { mongodbVpc } from "../rules/security/mongodb-vpc";
import { mongodbSsl } from "../rules/security/mongodb-ssl";
import { mongodbPublic } from "../rules/security/mongodb-public";
import { mongodbTde } from "../rules/security/mongodb-tde";
import { sgWorldIngress } from "../rules/security/sg-world-ingress";
import { otsPublic } from "../rules/security/ots-public";

/** The security pack: who can reach the data, how it is encrypted, and what is logged. */
export const SECURITY_PACK: RulePack = {
  name: "security",
  rules: [
    {
      id: "SEC-OSS-PUBLIC-ACL",
      severity: "error",
      title: "OSS bucket readable by anyone",
      help: "Set the bucket's ACL to private (`alicloud_oss_bucket_acl` with `acl = \"private\"`; `acl` on the bucket is deprecated) and keep the bucket's public access block on; share objects through signed URLs or RAM policies.",
      check: ossPublicAcl,
    },
    {
      id: "SEC-SG-SSH-OPEN",
      severity: "error",
      title: "Security group open to the internet on SSH (22)",
      help: "Restrict `cidr_ip` to the networks that administer the hosts (a bastion's or the VPC's CIDR), or reach hosts through Session Manager / a bastion instead of SSH from the internet.",
      check: sgSshOpen,
    },
    {
      id: "SEC-SG-RDP-OPEN",
      severity: "error",
      title: "Security group open to the internet on RDP (3389)",
      help: "Restrict `cidr_ip` to the networks that administer the hosts (a bastion's or the VPC's CIDR), or reach Windows hosts through a bastion instead of RDP from the internet.",
      check: sgRdpOpen,
    },
    {
      id: "SEC-ACTIONTRAIL-ALL-REGIONS",
      severity: "error",
      title: "ActionTrail trail limited to some regions",
      help: 'Remove `trail_region` or set it to "All": a trail that watches one region misses what is done in the others.',
      check: actiontrailAllRegions,
    },
    {
      id: "SEC-ACTIONTRAIL-ALL-EVENTS",
      severity: "error",
      title: "ActionTrail trail that skips read events",
      help: 'Set `event_rw = "All"`: reads of personal information are events an audit must see.',
      check: actiontrailAllEvents,
    },
    {
      id: "SEC-OSS-CMK",
      severity: "error",
      title: "OSS bucket not encrypted with a customer master key",
      help: 'Add `server_side_encryption_rule { sse_algorithm = "KMS", kms_master_key_id = <a ResidentKey\'s id> }` (ResidentBucket does this when given a key).',
      check: ossCmk,
    },
    {
      id: "SEC-DISK-ENCRYPTED",
      severity: "error",
      title: "Cloud disk not encrypted",
      help: "Set `encrypted = true` (and `kms_key_id` to a customer master key); a disk from a snapshot should still say `encrypted = true`.",
      check: diskEncrypted,
    },
    {
      id: "SEC-DISK-CMK",
      severity: "error",
      title: "Cloud disk not encrypted with a customer master key",
      help: "Set `encrypted = true` and `kms_key_id` to a customer master key of the data the disk holds.",
      check: diskCmk,
    },
    {
      id: "SEC-RDS-PUBLIC",
      severity: "error",
      title: "RDS instance that admits any address",
      help: "Replace 0.0.0.0/0 (and 0.0.0.0) in `security_ips` by the CIDRs of the VPC's vSwitches that need the database.",
      check: rdsPublic,
    },
    {
      id: "SEC-OSS-VERSIONING",
      severity: "error",
      title: "OSS bucket without versioning",
      help: 'Add `versioning { status = "Enabled" }` (ResidentBucket does), with a lifecycle rule that expires noncurrent versions.',
      check: ossVersioning,
    },
    {
      id: "SEC-OSS-TRANSFER-ACCELERATION",
      severity: "error",
      title: "OSS bucket with transfer acceleration",
      help: "Remove `transfer_acceleration` or set `enabled = false`: accelerated transfers enter and leave through Alibaba Cloud's edge nodes worldwide, outside mainland China. (Checkov asks for the opposite; for this data center acceleration is a route abroad.)",
      check: ossTransferAcceleration,
    },
    {
      id: "SEC-OSS-ACCESS-LOGGING",
      severity: "error",
      title: "OSS bucket without access logging",
      help: 'Add `logging { target_bucket = <a log bucket in the same region>, target_prefix = "<bucket>/" }` (ResidentBucket does).',
      check: ossAccessLogging,
    },
    {
      id: "SEC-RAM-PASSWORD-LENGTH",
      severity: "error",
      title: "RAM passwords shorter than 14 characters",
      help: "Set `minimum_password_length` to 14 or more on `alicloud_ram_account_password_policy`.",
      check: ramPasswordLength,
    },
    {
      id: "SEC-RAM-PASSWORD-NUMBERS",
      severity: "error",
      title: "RAM passwords without a number",
      help: "Set `require_numbers = true` on `alicloud_ram_account_password_policy`.",
      check: ramPasswordNumbers,
    },
    {
      id: "SEC-RAM-PASSWORD-SYMBOLS",
      severity: "error",
      title: "RAM passwords without a symbol",
      help: "Set `require_symbols = true` on `alicloud_ram_account_password_policy`.",
      check: ramPasswordSymbols,
    },
    {
      id: "SEC-RAM-PASSWORD-EXPIRY",
      severity: "error",
      title: "RAM passwords that do not expire within 90 days",
      help: "Set `max_password_age` between 1 and 90 on `alicloud_ram_account_password_policy`.",
      check: ramPasswordExpiry,
    },
    {
      id: "SEC-RAM-PASSWORD-LOWERCASE",
      severity: "error",
      title: "RAM passwords without a lowercase letter",
      help: "Set `require_lowercase_characters = true` on `alicloud_ram_account_password_policy`.",
      check: ramPasswordLowercase,
    },
    {
      id: "SEC-RAM-PASSWORD-REUSE",
      severity: "error",
      title: "RAM passwords that may be reused",
      help: "Set `password_reuse_prevention = 24` on `alicloud_ram_account_password_policy`.",
      check: ramPasswordReuse,
    },
    {
      id: "SEC-RAM-PASSWORD-UPPERCASE",
      severity: "error",
      title: "RAM passwords without an uppercase letter",
      help: "Set `require_uppercase_characters = true` on `alicloud_ram_account_password_policy`.",
      check: ramPasswordUppercase,
    },
    {
      id: "SEC-RDS-SSL",
      severity: "error",
      title: "RDS instance without SSL",
      help: 'Set `ssl_action = "Open"` so that clients connect over TLS.',
      check: rdsSsl,
    },
    {
      id: "SEC-APIGW-HTTPS",
      severity: "error",
      title: "API Gateway API reachable over plain HTTP",
      help: 'Set `request_config { protocol = "HTTPS" }`: "HTTP" and "HTTP,HTTPS" let requests travel in clear text.',
      check: apigwHttps,
    },
    {
      id: "SEC-RDS-TDE",
      severity: "error",
      title: "MySQL or SQL Server RDS instance without TDE",
      help: 'Set `tde_status = "Enabled"` (with `tde_encryption_key` for a customer master key).',
      check: rdsTde,
    },
    {
      id: "SEC-RAM-LOGIN-ATTEMPTS",
      severity: "error",
      title: "RAM logins not locked after 5 failures",
      help: "Set `max_login_attempts` between 1 and 5 (or leave the default, 5).",
      check: ramLoginAttempts,
    },
    {
      id: "SEC-RAM-MFA",
      severity: "error",
      title: "RAM users may sign in without MFA",
      help: "Set `enforce_mfa_for_login = true` on `alicloud_ram_security_preference`.",
      check: ramMfa,
    },
    {
      id: "SEC-RDS-SQL-AUDIT",
      severity: "error",
      title: "RDS instance without SQL audit kept 180 days",
      help: 'Set `sql_collector_status = "Enabled"` and `sql_collector_config_value = 180` (or more).',
      check: rdsSqlAudit,
    },
    {
      id: "SEC-K8S-NETWORK-POLICY",
      severity: "error",
      title: "Kubernetes cluster without a network-policy plugin",
      help: "Install `terway-eniip` with `pod_vswitch_ids` apart from the nodes' vSwitches, or `flannel` with a `pod_cidr`.",
      check: k8sNetworkPolicy,
    },
    {
      id: "SEC-KMS-ROTATION",
      severity: "error",
      title: "KMS key that does not rotate",
      help: 'Set `automatic_rotation = "Enabled"` and a `rotation_interval` (ResidentKey does: yearly).',
      check: kmsRotation,
    },
    {
      id: "SEC-KMS-ENABLED",
      severity: "error",
      title: "KMS key disabled",
      help: 'Set `status = "Enabled"`, or delete the key deliberately (its pending window applies).',
      check: kmsEnabled,
    },
    {
      id: "SEC-ALB-ACL-OPEN",
      severity: "error",
      title: "ALB access control list that admits everyone",
      help: "Replace 0.0.0.0/0 by the CIDRs that may reach the listener.",
      check: albAclOpen,
    },
    {
      id: "SEC-RDS-MINOR-UPGRADE",
      severity: "error",
      title: "RDS instance that does not take minor versions automatically",
      help: 'Set `auto_upgrade_minor_version = "Auto"`.',
      check: rdsMinorUpgrade,
    },
    {
      id: "SEC-K8S-NODE-AUTO-REPAIR",
      severity: "error",
      title: "Kubernetes node pool without auto repair",
      help: "Set `management { auto_repair = true }`.",
      check: k8sNodeAutoRepair,
    },
    {
      id: "SEC-LAUNCH-TEMPLATE-ENCRYPTED",
      severity: "error",
      title: "Launch template with an unencrypted data disk",
      help: "Set `encrypted = true` on every `data_disks` block.",
      check: launchTemplateEncrypted,
    },
    {
      id: "SEC-TLS-POLICY",
      severity: "error",
      title: "TLS policy that offers TLS 1.0 or 1.1",
      help: 'Set `tls_versions = ["TLSv1.2"]` (add "TLSv1.3" where clients support it).',
      check: tlsPolicy,
    },
    {
      id: "SEC-RDS-LOG-DURATION",
      severity: "error",
      title: "RDS instance that does not log statement durations",
      help: 'Add `parameters { name = "log_duration", value = "on" }` (PostgreSQL), or enable SQL audit (`sql_collector_status = "Enabled"`).',
      check: rdsLogDuration,
    },
    {
      id: "SEC-RDS-LOG-DISCONNECTIONS",
      severity: "error",
      title: "RDS instance that does not log disconnections",
      help: 'Add `parameters { name = "log_disconnections", value = "on" }` (PostgreSQL), or enable SQL audit (`sql_collector_status = "Enabled"`).',
      check: rdsLogDisconnections,
    },
    {
      id: "SEC-RDS-LOG-CONNECTIONS",
      severity: "error",
      title: "RDS instance that does not log connections",
      help: 'Add `parameters { name = "log_connections", value = "on" }` (PostgreSQL), or enable SQL audit (`sql_collector_status = "Enabled"`).',
      check: rdsLogConnections,
    },
    {
      id: "SEC-LOG-AUDIT-RDS",
      severity: "error",
      title: "SLS log audit that does not collect RDS logs",
      help: 'Set `variable_map = { rds_enabled = "true", ... }` on `alicloud_log_audit`.',
      check: logAuditRds,
    },
    {
      id: "SEC-MONGODB-VPC",
      severity: "error",
      title: "MongoDB instance outside a VPC",
      help: 'Set `network_type = "VPC"` and a `vswitch_id` of the data center\'s VPC.',
      check: mongodbVpc,
    },
    {
      id: "SEC-MONGODB-SSL",
      severity: "error",
      title: "MongoDB instance without SSL",
      help: 'Set `ssl_action = "Open"`.',
      check: mongodbSsl,
    },
    {
      id: "SEC-MONGODB-PUBLIC",
      severity: "error",
      title: "MongoDB instance that admits any address",
      help: "Replace 0.0.0.0/0 (and 0.0.0.0) in `security_ip_list` by the CIDRs of the VPC's vSwitches that need the database.",
      check: mongodbPublic,
    },
    {
      id: "SEC-MONGODB-TDE",
      severity: "error",
      title: "MongoDB instance without TDE",
      help: 'Set `tde_status = "enabled"` (with `encryption_key` for a customer master key).',
      check: mongodbTde,
    },
    {
      id: "SEC-SG-WORLD-INGRESS",
      severity: "error",
      title: "Security group open to the whole internet",
      help: "The data center accepts no traffic from the internet: restrict `cidr_ip` to the VPC's or a partner's CIDR, and put public services behind a load balancer with WAF; a reviewed exception (risk-accepted) covers a deliberate public endpoint.",
      check: sgWorldIngress,
    },
    {
      id: "SEC-OTS-PUBLIC",
      severity: "error",
      title: "Tablestore instance reachable from the internet",
      help: 'Set `network_type_acl = ["VPC"]` (and drop the deprecated `accessed_by`), so that only the data center\'s VPCs reach the instance.',
      check: otsPublic,
    },
    {
      id: "SEC-DATA-CLASS-TAG",
      severity: "error",
      title: "Data store without a known data class",
      help: "Tag the resource (or, for a log store or table, its project or instance) `data-class` = personal-information, important-data or operational-logs: DataCenterStack does this for every resource it creates.",
      check: dataClassTag,
    },
    {
      id: "SEC-DATA-CLASS-KEY",
      severity: "error",
      title: "Personal information or important data not under a customer master key of its own class",
      help: "Encrypt the resource with the ResidentKey of its data class (referenced, not a literal ID, so the class can be checked): never a service key (OSS `AES256`, Tablestore `SSE_KMS_SERVICE`) or another class's key. A class with no key of its own needs one: add a ResidentKey tagged with it.",
      check: dataClassKey,
    },
    {
      id: "SEC-DATA-CLASS-ALLOW-LIST",
      severity: "error",
      title: "Database of personal information or important data reachable from outside its VPC",
      help: "List in `security_ips` only CIDRs inside the CIDR blocks of the instance's own VPC (the vSwitches that need it), and place the instance in a vSwitch of the data center (`vswitch_id` referencing an alicloud_vswitch).",
      check: dataClassAllowList,
    },
    {
      id: "SEC-DATA-CLASS-PUBLIC-ENDPOINT",
      severity: "error",
      title: "Personal information or important data given an internet address",
      help: "Remove the public connection (`alicloud_db_connection`, a public network address) or EIP association: reach the data over the VPC, through a bastion or a private link.",
      check: dataClassPublicEndpoint,
    },
    {
      id: "SEC-DATA-CLASS-BUCKET-POLICY",
      severity: "error",
      title:
        "Bucket of personal information or important data open to requests from outside the data center's VPC",
      help: 'Add to the bucket policy a statement `{Effect: Deny, Principal: ["*"], Action: ["oss:*"], Resource: ["acs:oss:*:*:<bucket>/*"], Condition: {StringNotEquals: {"acs:SourceVpc": [<alicloud_vpc id>...]}, StringNotLike: {"acs:PrincipalARN": [<approved alicloud_ram_role arn>...]}}}`, with the VPC IDs and role ARNs as references (write the document with JSON.stringify: Fn.jsonencode over references cannot be read before apply).',
      check: dataClassBucketPolicy,
    },
    {
      id: "SEC-DATA-CLASS-AUDIT-LOG",
      severity: "error",
      title: "Personal information or important data without access or audit logging",
      help: 'Log access: OSS `logging { target_bucket }`, RDS `sql_collector_status = "Enabled"`, MongoDB an `alicloud_mongodb_audit_policy` with `audit_status = "enable"`.',
      check: dataClassAuditLog,
    },
    {
      id: "SEC-DATA-CLASS-COPY",
      severity: "error",
      title: "Copy of personal information or important data abroad, or outside its class",
      help: "Replicate and back up only to mainland regions, into a bucket tagged with the same data class and under that class's key (`replica_kms_key_id`); cross-region RDS backups (`cross_backup_region`) only to a mainland region.",
      check: dataClassCopy,
    },
  ],
};

/** The rule of this pack that covers each of Checkov's Alibaba Cloud checks (docs/security-pack.md explains each). */
export const CHECKOV_COVERAGE: Readonly<Record<string, string>> = {
  CKV_ALI_1: "SEC-OSS-PUBLIC-ACL",
  CKV_ALI_2: "SEC-SG-SSH-OPEN",
  CKV_ALI_3: "SEC-SG-RDP-OPEN",
  CKV_ALI_4: "SEC-ACTIONTRAIL-ALL-REGIONS",
  CKV_ALI_5: "SEC-ACTIONTRAIL-ALL-EVENTS",
  CKV_ALI_6: "SEC-OSS-CMK",
  CKV_ALI_7: "SEC-DISK-ENCRYPTED",
  CKV_ALI_8: "SEC-DISK-CMK",
  CKV_ALI_9: "SEC-RDS-PUBLIC",
  CKV_ALI_10: "SEC-OSS-VERSIONING",
  CKV_ALI_11: "SEC-OSS-TRANSFER-ACCELERATION",
  CKV_ALI_12: "SEC-OSS-ACCESS-LOGGING",
  CKV_ALI_13: "SEC-RAM-PASSWORD-LENGTH",
  CKV_ALI_14: "SEC-RAM-PASSWORD-NUMBERS",
  CKV_ALI_15: "SEC-RAM-PASSWORD-SYMBOLS",
  CKV_ALI_16: "SEC-RAM-PASSWORD-EXPIRY",
  CKV_ALI_17: "SEC-RAM-PASSWORD-LOWERCASE",
  CKV_ALI_18: "SEC-RAM-PASSWORD-REUSE",
  CKV_ALI_19: "SEC-RAM-PASSWORD-UPPERCASE",
  CKV_ALI_20: "SEC-RDS-SSL",
  CKV_ALI_21: "SEC-APIGW-HTTPS",
  CKV_ALI_22: "SEC-RDS-TDE",
  CKV_ALI_23: "SEC-RAM-LOGIN-ATTEMPTS",
  CKV_ALI_24: "SEC-RAM-MFA",
  CKV_ALI_25: "SEC-RDS-SQL-AUDIT",
  CKV_ALI_26: "SEC-K8S-NETWORK-POLICY",
  CKV_ALI_27: "SEC-KMS-ROTATION",
  CKV_ALI_28: "SEC-KMS-ENABLED",
  CKV_ALI_29: "SEC-ALB-ACL-OPEN",
  CKV_ALI_30: "SEC-RDS-MINOR-UPGRADE",
  CKV_ALI_31: "SEC-K8S-NODE-AUTO-REPAIR",
  CKV_ALI_32: "SEC-LAUNCH-TEMPLATE-ENCRYPTED",
  CKV_ALI_33: "SEC-TLS-POLICY",
  CKV_ALI_35: "SEC-RDS-LOG-DURATION",
  CKV_ALI_36: "SEC-RDS-LOG-DISCONNECTIONS",
  CKV_ALI_37: "SEC-RDS-LOG-CONNECTIONS",
  CKV_ALI_38: "SEC-LOG-AUDIT-RDS",
  CKV_ALI_41: "SEC-MONGODB-VPC",
  CKV_ALI_42: "SEC-MONGODB-SSL",
  CKV_ALI_43: "SEC-MONGODB-PUBLIC",
  CKV_ALI_44: "SEC-MONGODB-TDE",
};

/** Checks whose intent this pack reverses: what Checkov asks for is, here, a route abroad. */
export const CHECKOV_REVERSED: ReadonlySet<string> = new Set(["CKV_ALI_11"]);
