import type { Construct } from "constructs";
import { ActiontrailTrail } from "../.gen/providers/alicloud/actiontrail-trail";
import { ConfigRule } from "../.gen/providers/alicloud/config-rule";
import { DataAlicloudAccount } from "../.gen/providers/alicloud/data-alicloud-account";
import { DataAlicloudRamRoles } from "../.gen/providers/alicloud/data-alicloud-ram-roles";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { MAINLAND_REGION_IDS } from "../policies/catalog/regions";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { KeysStack } from "./keys";
import { ResidentBucket } from "./resident-bucket";
import type { StorageStack } from "./storage";

/** Days audit records cannot be deleted or overwritten (WORM). */
const AUDIT_RETENTION_DAYS = 180;

/**
 * The Cloud Config managed rule that flags resources outside the listed regions, and its parameter (a
 * comma-separated list), as the rule's page in the Cloud Config documentation names them. The templates of
 * an account can differ: check both in the Cloud Config console before deploy (README, Deploying).
 */
export const REGION_RULE_TEMPLATE = { identifier: "resource-region-limit", regionsParameter: "regions" };

/**
 * The audit trail: ActionTrail delivering every API event to a WORM bucket and an SLS project in the
 * home region, and a Cloud Config rule that flags any resource outside the mainland region catalog.
 */
export class AuditStack extends DataCenterStack {
  readonly trailBucket: ResidentBucket;
  readonly trail: ActiontrailTrail;
  readonly regionRule: ConfigRule;

  constructor(
    scope: Construct,
    id: string,
    config: DataCenterConfig,
    keys: KeysStack,
    storage: StorageStack,
  ) {
    super(scope, id, config);
    const account = new DataAlicloudAccount(this, "account", {});
    this.trailBucket = new ResidentBucket(this, "trail-bucket", {
      bucketName: resourceName(config, "actiontrail"),
      kmsKeyId: keys.homeKeys["operational-logs"].key.id,
      logBucket: storage.logBucket.bucket.bucket,
      wormRetentionDays: AUDIT_RETENTION_DAYS,
      tags: this.tagsFor("operational-logs"),
    });
    const project = new LogProject(this, "trail-project", {
      projectName: resourceName(config, "actiontrail"),
      description: "ActionTrail events of the account, kept in the home region.",
      tags: this.tagsFor("operational-logs"),
    });
    // The service-linked role ActionTrail creates for itself, found by name as the provider documents.
    const trailRole = new DataAlicloudRamRoles(this, "actiontrail-role", {
      nameRegex: "^AliyunServiceRoleForActionTrail$",
    });
    this.trail = new ActiontrailTrail(this, "trail", {
      trailName: resourceName(config, "trail"),
      eventRw: "All",
      status: "Enable",
      // A reference to the bucket resource, so the guard resolves the delivery target to its region.
      ossBucketName: this.trailBucket.bucket.bucket,
      ossKeyPrefix: "actiontrail",
      slsProjectArn: `acs:log:${config.homeRegion}:${account.id}:project/${project.projectName}`,
      slsWriteRoleArn: trailRole.roles.get(0).arn,
    });
    this.regionRule = new ConfigRule(this, "region-limit", {
      ruleName: resourceName(config, "mainland-regions-only"),
      description:
        "Resources must be in a mainland China region of the catalog (policies/catalog/regions.ts).",
      sourceOwner: "ALIYUN",
      sourceIdentifier: REGION_RULE_TEMPLATE.identifier,
      configRuleTriggerTypes: "ConfigurationItemChangeNotification",
      riskLevel: 1,
      inputParameters: { [REGION_RULE_TEMPLATE.regionsParameter]: MAINLAND_REGION_IDS.join(",") },
    });
  }
}
