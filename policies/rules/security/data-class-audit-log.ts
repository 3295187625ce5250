import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { protectedClassOf } from "./data-class";
import { attributeOf, problemAt, read, referenceOf, resourcesOf } from "./read";
import { checkSetting, oneOf } from "./setting";

/** Whether an `alicloud_mongodb_audit_policy` of this stack turns auditing on for the instance. */
function mongodbAudited(context: RuleContext, instance: ResourceBlock): boolean {
  for (const policy of resourcesOf(context.stack, "alicloud_mongodb_audit_policy")) {
    const target = referenceOf(context, attributeOf(policy.body, "db_instance_id"), context.stack);
    const status = read(context, attributeOf(policy.body, "audit_status"), context.stack);
    if ("resource" in target && target.resource === instance && status.known && status.value === "enable")
      return true;
  }
  return false;
}

const ACCESS_LOG_PATH = ["logging", "target_bucket"];
const SQL_AUDIT_PATH = ["sql_collector_status"];
const ENABLED = oneOf("Enabled");

/** Every store of personal information or important data logs who accessed it (access logs or SQL audit). */
export function dataClassAuditLog(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  const types = ["alicloud_oss_bucket", "alicloud_db_instance", "alicloud_mongodb_instance"];
  for (const resource of resourcesOf(context.stack, ...types)) {
    const dataClass = protectedClassOf(context, resource);
    if (dataClass === undefined) continue;
    const unlogged = `is not set: nobody could tell who read or changed the ${dataClass}`;
    if (resource.type === "alicloud_oss_bucket")
      checkSetting(context, resource, { types, path: ACCESS_LOG_PATH, missing: unlogged }, found);
    else if (resource.type === "alicloud_db_instance")
      checkSetting(
        context,
        resource,
        { types, path: SQL_AUDIT_PATH, check: ENABLED, missing: unlogged },
        found,
      );
    else if (!mongodbAudited(context, resource))
      found.push(
        problemAt(
          resource,
          "audit",
          null,
          `is not enabled by an alicloud_mongodb_audit_policy (audit_status = "enable"): nobody could tell who read or changed the ${dataClass}`,
        ),
      );
  }
  return found;
}
