import type { ResourceBlock } from "../../engine/model";
import type { Observation, RuleContext } from "../../engine/rule";
import { protectedResourcesOf } from "./data-class";
import { attributeOf, problemAt, read, referenceOf, resourcesOf } from "./read";
import { checkSetting, oneOf, type Setting } from "./setting";

/** The MongoDB instances an `alicloud_mongodb_audit_policy` of this stack turns auditing on for. */
function auditedInstances(context: RuleContext): ReadonlySet<ResourceBlock> {
  const audited = new Set<ResourceBlock>();
  for (const policy of resourcesOf(context, "alicloud_mongodb_audit_policy")) {
    const target = referenceOf(context, attributeOf(policy.body, "db_instance_id"), context.stack);
    const status = read(context, attributeOf(policy.body, "audit_status"), context.stack, policy.instance);
    if ("resource" in target && status.known && status.value === "enable") audited.add(target.resource);
  }
  return audited;
}

const LOGGED_TYPES = ["alicloud_oss_bucket", "alicloud_db_instance", "alicloud_mongodb_instance"];
const ENABLED = oneOf("Enabled");

/** The logging settings of a protected class, built once for each (there are two): not once per store. */
const loggingSettings = new Map<string, { readonly accessLog: Setting; readonly sqlAudit: Setting }>();

function loggingSettingsOf(dataClass: string): { readonly accessLog: Setting; readonly sqlAudit: Setting } {
  let settings = loggingSettings.get(dataClass);
  if (settings === undefined) {
    const missing = `is not set: nobody could tell who read or changed the ${dataClass}`;
    settings = {
      accessLog: { types: LOGGED_TYPES, path: ["logging", "target_bucket"], missing },
      sqlAudit: { types: LOGGED_TYPES, path: ["sql_collector_status"], check: ENABLED, missing },
    };
    loggingSettings.set(dataClass, settings);
  }
  return settings;
}

/** Every store of personal information or important data logs who accessed it (access logs or SQL audit). */
export function dataClassAuditLog(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  // Read once for all instances: a scan of the policies for each would grow with their product.
  let audited: ReadonlySet<ResourceBlock> | undefined;
  for (const type of LOGGED_TYPES)
    for (const { resource, dataClass } of protectedResourcesOf(context, type)) {
      if (type === "alicloud_oss_bucket")
        checkSetting(context, resource, loggingSettingsOf(dataClass).accessLog, found);
      else if (type === "alicloud_db_instance")
        checkSetting(context, resource, loggingSettingsOf(dataClass).sqlAudit, found);
      else if (!(audited ??= auditedInstances(context)).has(resource))
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
