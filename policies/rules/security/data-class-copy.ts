import type { PlaceVerdict } from "../../catalog/places";
import type { Observation, RuleContext } from "../../engine/rule";
import { dataClassOf, keyProblem, protectedClassOf } from "./data-class";
import {
  attributeOf,
  firstBlockOf,
  placesOf,
  problemAt,
  read,
  referenceOf,
  resourcesOf,
  type CheckedResource,
} from "./read";

function allMainland(places: readonly PlaceVerdict[]): boolean {
  for (const place of places) if (place.verdict !== "mainland") return false;
  return true;
}

/** The problem when a copy's destination place is not known to be in mainland China. */
function placeProblem(
  context: RuleContext,
  resource: CheckedResource,
  attribute: string,
  written: unknown,
  dataClass: string,
) {
  const places = placesOf(context, written, context.stack);
  // Copies are mostly to mainland regions: no list of the others for them.
  if (allMainland(places)) return undefined;
  const abroad = places.filter((place) => place.verdict !== "mainland");
  return problemAt(
    resource,
    attribute,
    written ?? null,
    `is ${abroad.map((place) => place.place).join("; ")}: copies of ${dataClass} stay in mainland China`,
  );
}

/** The findings on an OSS replication rule, into `found`. */
function ossReplication(context: RuleContext, replication: CheckedResource, found: Observation[]): void {
  const source = referenceOf(context, attributeOf(replication.body, "bucket"), context.stack);
  if (!("resource" in source)) {
    found.push(
      problemAt(
        replication,
        "bucket",
        attributeOf(replication.body, "bucket") ?? null,
        `${source.problem}: what data it copies cannot be known`,
      ),
    );
    return;
  }
  const dataClass = protectedClassOf(context, source.resource, source.stack);
  if (dataClass === undefined) return;
  const destinationBlock = read(
    context,
    attributeOf(replication.body, "destination"),
    context.stack,
    replication.instance,
  );
  const destination = destinationBlock.known ? firstBlockOf(destinationBlock.value) : undefined;
  const bucket = attributeOf(destination, "bucket");
  const target = referenceOf(context, bucket, context.stack);
  const targetClass = "resource" in target ? dataClassOf(context, target.resource, target.stack) : undefined;
  if (targetClass === undefined || !("dataClass" in targetClass) || targetClass.dataClass !== dataClass) {
    const what =
      "resource" in target ? `${target.resource.address}, which is not tagged ${dataClass}` : target.problem;
    found.push(
      problemAt(
        replication,
        "destination.bucket",
        bucket ?? null,
        `is ${what}: a copy of ${dataClass} is held to the same rules as the original`,
      ),
    );
  }
  const location = placeProblem(
    context,
    replication,
    "destination.location",
    attributeOf(destination, "location"),
    dataClass,
  );
  if (location !== undefined) found.push(location);
  const encryption = read(
    context,
    attributeOf(replication.body, "encryption_configuration"),
    context.stack,
    replication.instance,
  );
  const replicaKey = attributeOf(
    encryption.known ? firstBlockOf(encryption.value) : undefined,
    "replica_kms_key_id",
  );
  const keyIssue =
    replicaKey === undefined || replicaKey === null
      ? `is not set: replicas of ${dataClass} are not under a key of their own`
      : keyProblem(context, referenceOf(context, replicaKey, context.stack), dataClass);
  if (keyIssue !== undefined)
    found.push(
      problemAt(replication, "encryption_configuration.replica_kms_key_id", replicaKey ?? null, keyIssue),
    );
}

/** The finding on an RDS cross-region backup policy, into `found`. */
function rdsCrossBackup(context: RuleContext, policy: CheckedResource, found: Observation[]): void {
  const instance = referenceOf(context, attributeOf(policy.body, "instance_id"), context.stack);
  if (!("resource" in instance)) {
    found.push(
      problemAt(
        policy,
        "instance_id",
        attributeOf(policy.body, "instance_id") ?? null,
        `${instance.problem}: what data it copies cannot be known`,
      ),
    );
    return;
  }
  const dataClass = protectedClassOf(context, instance.resource, instance.stack);
  if (dataClass === undefined) return;
  const region = placeProblem(
    context,
    policy,
    "cross_backup_region",
    attributeOf(policy.body, "cross_backup_region"),
    dataClass,
  );
  if (region !== undefined) found.push(region);
}

/** Replicas and backups of personal information or important data stay in mainland China, under the same data class. */
export function dataClassCopy(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const replication of resourcesOf(context, "alicloud_oss_bucket_replication"))
    ossReplication(context, replication, found);
  for (const policy of resourcesOf(context, "alicloud_rds_instance_cross_backup_policy"))
    rdsCrossBackup(context, policy, found);
  return found;
}
