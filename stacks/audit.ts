import type { Construct } from "constructs";
import { ActiontrailTrail } from "../.gen/providers/alicloud/actiontrail-trail";
import { ConfigRule } from "../.gen/providers/alicloud/config-rule";
import { DataAlicloudAccount } from "../.gen/providers/alicloud/data-alicloud-account";
import { LogProject } from "../.gen/providers/alicloud/log-project";
import { MAINLAND_REGION_IDS } from "../policies/regions";
import type { DataCenterConfig } from "./config";
import { DataCenterStack, resourceName } from "./data-center-stack";
import type { KeysStack } from "./keys";
import { ResidentBucket } from "./resident-bucket";
import type { StorageStack } from "./storage";

/** Days audit records cannot be deleted or overwritten (WORM). */
const AUDIT_RETENTION_DAYS = 180;

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
    this.trail = new ActiontrailTrail(this, "trail", {
      trailName: resourceName(config, "trail"),
      eventRw: "All",
      status: "Enable",
      // A reference to the bucket resource, so the guard resolves the delivery target to its region.
      ossBucketName: this.trailBucket.bucket.bucket,
      ossKeyPrefix: "actiontrail",
      slsProjectArn: `acs:log:${config.homeRegion}:${account.id}:project/${project.projectName}`,
      slsWriteRoleArn: `acs:ram::${account.id}:role/aliyunactiontraildefaultrole`,
    });
    this.regionRule = new ConfigRule(this, "region-limit", {
      ruleName: resourceName(config, "mainland-regions-only"),
      description: "Resources must be in a mainland China region of the catalog (policies/regions.ts).",
      sourceOwner: "ALIYUN",
      sourceIdentifier: "resource-region-limit",
      configRuleTriggerTypes: "ConfigurationItemChangeNotification",
      riskLevel: 1,
      inputParameters: { regionIds: MAINLAND_REGION_IDS.join(",") },
    });
  }
}
