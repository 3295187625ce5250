import type { Construct } from "constructs";
import { ActiontrailTrail } from "../.gen/providers/alicloud/actiontrail-trail";
import { ConfigRule } from "../.gen/providers/alicloud/config-rule";
import { DataAlicloudAccount } from "../.gen/providers/alicloud/data-alicloud-account";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { OssAccountPublicAccessBlock } from "../.gen/providers/alicloud/oss-account-public-access-block";
import { ResourceManagerControlPolicy } from "../.gen/providers/alicloud/resource-manager-control-policy";
import { ResourceManagerControlPolicyAttachment } from "../.gen/providers/alicloud/resource-manager-control-policy-attachment";
import { ResourceManagerServiceLinkedRole } from "../.gen/providers/alicloud/resource-manager-service-linked-role";
import PROVIDER_REGIONS from "../policies/catalog/provider-regions.json";
import { isMainlandRegion, MAINLAND_REGION_IDS } from "../policies/catalog/regions";
import type { DataCenterConfig, PlatformConfig, RegionControlPolicyConfig } from "./config";
import type { KeysStack } from "./keys";
import { PlatformStack, resourceName } from "./platform-stack";
import { ResidentBucket } from "./resident-bucket";
import type { StorageStack } from "./storage";

/** The stack ID of what the account has once. */
export const ACCOUNT_STACK_ID = "account";

/** Days audit records cannot be deleted or overwritten (WORM). */
const AUDIT_RETENTION_DAYS = 180;

/**
 * The Cloud Config managed rule that flags resources outside the listed regions, and its parameter (a
 * comma-separated list), as the rule's page in the Cloud Config documentation names them. The templates of
 * an account can differ: check both in the Cloud Config console before deploy (README, Deploying).
 */
export const REGION_RULE_TEMPLATE = { identifier: "resource-region-limit", regionsParameter: "regions" };

/**
 * The resource types the region rule evaluates: those that hold data, with the type names the provider's
 * own examples and tests use. The provider requires exactly one of `resource_types_scope` and the
 * deprecated `scope_compliance_resource_types` (alicloud/resource_alicloud_config_rule.go, ExactlyOneOf).
 */
export const REGION_RULE_RESOURCE_TYPES = [
  "ACS::ECS::Instance",
  "ACS::ECS::Disk",
  "ACS::RDS::DBInstance",
  "ACS::OSS::Bucket",
  "ACS::ADB::DBCluster",
  "ACS::ACK::Cluster",
];

/**
 * The regions the provider knows outside mainland China (the catalog's dated copy of the provider's
 * alicloud/connectivity/regions.go less the mainland catalog), denied by the region control policy. A
 * region Alibaba Cloud opens abroad later is denied only once the catalog lists it (README, Configuration).
 */
export const FOREIGN_REGION_IDS: readonly string[] = PROVIDER_REGIONS.regions.filter(
  (id) => !isMainlandRegion(id),
);

/** Where the audit trail lands: a data center's region, its logs key and its access-log bucket. */
export interface AuditDataCenter {
  readonly config: DataCenterConfig;
  readonly keys: KeysStack;
  readonly storage: StorageStack;
}

/**
 * What the account has once: the account-level OSS public access block; one ActionTrail trail for every
 * region, delivering to a WORM bucket and an SLS project in the audit data center's region; the Cloud
 * Config rule that flags resources outside the mainland catalog; and, opt-in, a Resource Directory control
 * policy that denies actions on resources whose ARN names a region outside the catalog.
 */
export class AccountStack extends PlatformStack {
  constructor(scope: Construct, config: PlatformConfig, audit: AuditDataCenter) {
    super(scope, ACCOUNT_STACK_ID, {
      config,
      region: audit.config.region,
      drRegion: audit.config.dr.region,
      dataClass: "operational-logs",
    });
    new OssAccountPublicAccessBlock(this, "account-public-access-block", { blockPublicAccess: true });

    const account = new DataAlicloudAccount(this, "account", {});
    const trailBucket = new ResidentBucket(this, "trail-bucket", {
      bucketName: resourceName(config, "actiontrail"),
      dataClass: "operational-logs",
      kmsKeyId: audit.keys.homeKeys["operational-logs"].keyId,
      logBucket: audit.storage.logBucket.bucketName,
      wormRetentionDays: AUDIT_RETENTION_DAYS,
    });
    const project = new LogProject(this, "trail-project", {
      projectName: resourceName(config, "actiontrail"),
      description: "ActionTrail events of the account, kept in the audit data center's region.",
    });
    // Created here: a lookup (data.alicloud_ram_roles) is empty until ActionTrail has made the role, and
    // `roles[0]` then fails plan. If the role already exists, import it (README, Deploying).
    const trailRole = new ResourceManagerServiceLinkedRole(this, "actiontrail-role", {
      serviceName: "actiontrail.aliyuncs.com",
    });
    new ActiontrailTrail(this, "trail", {
      trailName: resourceName(config, "trail"),
      eventRw: "All",
      trailRegion: "All",
      status: "Enable",
      // A reference to the bucket resource, so the guard resolves the delivery target to its region.
      ossBucketName: trailBucket.bucketName,
      ossKeyPrefix: "actiontrail",
      slsProjectArn: `acs:log:${audit.config.region}:${account.id}:project/${project.projectName}`,
      slsWriteRoleArn: trailRole.arn,
    });
    new ConfigRule(this, "region-limit", {
      ruleName: resourceName(config, "mainland-regions-only"),
      description:
        "Resources must be in a mainland China region of the catalog (policies/catalog/regions.ts).",
      sourceOwner: "ALIYUN",
      sourceIdentifier: REGION_RULE_TEMPLATE.identifier,
      configRuleTriggerTypes: "ConfigurationItemChangeNotification",
      resourceTypesScope: REGION_RULE_RESOURCE_TYPES,
      riskLevel: 1,
      inputParameters: { [REGION_RULE_TEMPLATE.regionsParameter]: MAINLAND_REGION_IDS.join(",") },
    });
    if (config.account.regionControlPolicy) {
      this.addRegionControlPolicy(config, config.account.regionControlPolicy);
    }
  }

  /**
   * Best effort: Alibaba Cloud has no region condition key, and a control policy has no NotResource, so
   * the policy denies every action on a resource whose ARN names a foreign region the provider knows. What it cannot stop is in README, Configuration.
   */
  private addRegionControlPolicy(config: PlatformConfig, { targetIds }: RegionControlPolicyConfig): void {
    const policy = new ResourceManagerControlPolicy(this, "region-control-policy", {
      controlPolicyName: resourceName(config, "mainland-regions-only"),
      description: "Denies actions on resources whose ARN names a region outside mainland China.",
      effectScope: "RAM",
      policyDocument: JSON.stringify({
        Version: "1",
        Statement: [
          {
            Effect: "Deny",
            Action: ["*"],
            Resource: FOREIGN_REGION_IDS.map((region) => `acs:*:${region}:*`),
          },
        ],
      }),
    });
    targetIds.forEach(
      (targetId, index) =>
        new ResourceManagerControlPolicyAttachment(this, `region-control-policy-${index}`, {
          policyId: policy.id,
          targetId,
        }),
    );
  }
}
