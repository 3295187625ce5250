import type { Observation, RuleContext } from "../../engine/rule";
import { attributeOf, problemAt, read, referenceOf, resourcesOf, toText } from "./read";

const PUBLIC_ACLS: ReadonlySet<string> = new Set(["public-read", "public-read-write"]);

/** An OSS bucket is not public: neither its `acl` nor an `alicloud_oss_bucket_acl` on it is public-read(-write). */
export function ossPublicAcl(context: RuleContext): Observation[] {
  const found: Observation[] = [];
  for (const resource of resourcesOf(context, "alicloud_oss_bucket", "alicloud_oss_bucket_acl")) {
    const written = attributeOf(resource.body, "acl");
    if (written === undefined || written === null) continue;
    const value = read(context, written, context.stack, resource.instance);
    const acl = value.known ? toText(value.value) : value;
    if (typeof acl !== "string") {
      found.push(problemAt(resource, "acl", written, acl.problem));
      continue;
    }
    if (!PUBLIC_ACLS.has(acl)) continue;
    const problem = `is ${JSON.stringify(acl)}: anyone on the internet can read the bucket's objects`;
    found.push(problemAt(resource, "acl", written, problem));
    if (resource.type !== "alicloud_oss_bucket_acl") continue;
    // The grant is on the bucket it names: report it there too, where a reviewer looks for it.
    const bucket = referenceOf(context, attributeOf(resource.body, "bucket"), context.stack);
    if (
      "resource" in bucket &&
      bucket.stack === context.stack &&
      bucket.resource.type === "alicloud_oss_bucket"
    )
      found.push(problemAt(bucket.resource, "acl", written, `${problem} (set by ${resource.address})`));
  }
  return found;
}
