import { innerMap } from "../../engine/maps";
import type { StackModel } from "../../engine/model";
import type { RuleContext } from "../../engine/rule";
import {
  attributeOf,
  readDeep,
  referenceOf,
  resourcesOf,
  type Reference,
  type CheckedResource,
} from "./read";

/**
 * Data classes, as the stacks tag every resource (`data-class`): the classes the law protects, which must stay
 * under keys and networks of their own, and the others.
 */
export const PROTECTED_CLASSES: ReadonlySet<string> = new Set(["personal-information", "important-data"]);
export const DATA_CLASSES: ReadonlySet<string> = new Set([...PROTECTED_CLASSES, "operational-logs"]);
export const DATA_CLASS_TAG = "data-class";

/** Where a data store names the customer master key that encrypts it. */
export interface KeyAttribute {
  /** Path from the body through nested blocks, e.g. `["server_side_encryption_rule", "kms_master_key_id"]`. */
  readonly path: readonly string[];
}

/**
 * Resources that hold data, with the attributes that can name their key (any one of them); a store without
 * tags of its own takes the class of the resource it lives in (`parent`, e.g. a log store's project).
 */
export const DATA_STORES: Readonly<
  Record<string, { readonly keys: readonly KeyAttribute[]; readonly parent?: string }>
> = {
  alicloud_oss_bucket: { keys: [{ path: ["server_side_encryption_rule", "kms_master_key_id"] }] },
  alicloud_db_instance: { keys: [{ path: ["encryption_key"] }, { path: ["tde_encryption_key"] }] },
  alicloud_mongodb_instance: { keys: [{ path: ["encryption_key"] }] },
  alicloud_disk: { keys: [{ path: ["kms_key_id"] }] },
  alicloud_ecs_disk: { keys: [{ path: ["kms_key_id"] }] },
  alicloud_nas_file_system: { keys: [{ path: ["kms_key_id"] }] },
  alicloud_kms_secret: { keys: [{ path: ["encryption_key_id"] }] },
  alicloud_log_store: {
    keys: [{ path: ["encrypt_conf", "user_cmk_info", "cmk_key_id"] }],
    parent: "project_name",
  },
  alicloud_ots_table: { keys: [{ path: ["sse_key_id"] }], parent: "instance_name" },
};

/** The types of DATA_STORES, for the rules that read every data store. */
export const DATA_STORE_TYPES: readonly string[] = Object.keys(DATA_STORES);

/** A resource's data class: its `data-class` tag (or its parent's), none, or why it cannot be read. */
export type DataClass = { readonly dataClass: string | undefined } | { readonly problem: string };

function tagOf(context: RuleContext, resource: CheckedResource, stack: StackModel): DataClass {
  const tags = attributeOf(resource.body, "tags");
  if (tags === undefined || tags === null) return { dataClass: undefined };
  const read = readDeep(context, tags, stack, resource.instance);
  if (!read.known) return { problem: `its tags ${read.problem}` };
  const value = attributeOf(read.value, DATA_CLASS_TAG);
  return typeof value === "string" || value === undefined
    ? { dataClass: value }
    : { problem: `its ${DATA_CLASS_TAG} tag is not text` };
}

/**
 * Data classes already read, per check (its resolver): seven rules ask for the class of the same resources. The
 * classes of a check are a Map held by its resolver: no weak entry per resource for the collector to clear.
 */
const classes = new WeakMap<object, Map<CheckedResource, DataClass>>();

/** The data class of a resource in a stack: its own tag, or that of the resource it lives in. */
export function dataClassOf(context: RuleContext, resource: CheckedResource, stack: StackModel): DataClass {
  const known = innerMap(classes, context.resolver);
  const cached = known.get(resource);
  if (cached !== undefined) return cached;
  const found = readDataClass(context, resource, stack);
  known.set(resource, found);
  return found;
}

function readDataClass(context: RuleContext, resource: CheckedResource, stack: StackModel): DataClass {
  const own = tagOf(context, resource, stack);
  const parentAttribute = DATA_STORES[resource.type]?.parent;
  if ("problem" in own || own.dataClass !== undefined || parentAttribute === undefined) return own;
  const parent = referenceOf(context, attributeOf(resource.body, parentAttribute), stack);
  return "resource" in parent ? tagOf(context, parent.resource, parent.stack) : { dataClass: undefined };
}

/** The protected class of a resource (undefined when it holds no protected data). */
export function protectedClassOf(
  context: RuleContext,
  resource: CheckedResource,
  stack: StackModel = context.stack,
): string | undefined {
  return protectedOf(dataClassOf(context, resource, stack));
}

function protectedOf(found: DataClass): string | undefined {
  return "dataClass" in found && found.dataClass !== undefined && PROTECTED_CLASSES.has(found.dataClass)
    ? found.dataClass
    : undefined;
}

/** A resource that holds personal information or important data, and which of them. */
export interface ProtectedResource {
  readonly resource: CheckedResource;
  readonly dataClass: string;
}

/** The protected resources of each type, per check (its resolver) and stack. */
const protectedByType = new WeakMap<object, Map<StackModel, Map<string, readonly ProtectedResource[]>>>();

/**
 * The resources of a type in the check's stack that hold protected data, in the stack's order, listed once per
 * check and type: four rules look only at these.
 */
export function protectedResourcesOf(context: RuleContext, type: string): readonly ProtectedResource[] {
  const byType = innerMap(innerMap(protectedByType, context.resolver), context.stack);
  let listed = byType.get(type);
  if (listed === undefined) {
    const found: ProtectedResource[] = [];
    for (const resource of resourcesOf(context, type)) {
      const dataClass = protectedOf(dataClassOf(context, resource, context.stack));
      if (dataClass !== undefined) found.push({ resource, dataClass });
    }
    listed = found;
    byType.set(type, listed);
  }
  return listed;
}

/** The problem with a key reference for data of a class: not a key of this check, or a key of another class. */
export function keyProblem(
  context: RuleContext,
  key: Reference | { readonly problem: string },
  dataClass: string,
): string | undefined {
  if (!("resource" in key)) {
    return `${key.problem}: refer to the alicloud_kms_key resource, so that its data class can be checked`;
  }
  if (key.resource.type !== "alicloud_kms_key") {
    return `is ${key.resource.address}, not an alicloud_kms_key: ${dataClass} data needs a customer master key of its own`;
  }
  const keyClass = dataClassOf(context, key.resource, key.stack);
  if ("problem" in keyClass)
    return `is ${key.resource.address}, whose data class cannot be read: ${keyClass.problem}`;
  if (keyClass.dataClass === dataClass) return undefined;
  return `is ${key.resource.address}, a key ${keyClass.dataClass === undefined ? "without a data class" : `of ${keyClass.dataClass}`}: ${dataClass} has no key of its own here; tag a key ${DATA_CLASS_TAG} = ${dataClass} and use it`;
}
