import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of `terraform providers schema -json` this suite reads. */
export interface SchemaAttribute {
  readonly type: unknown;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
}

export interface SchemaBlockType {
  readonly nesting_mode: "single" | "group" | "list" | "set" | "map";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

export interface ProviderSchema {
  readonly resources: Record<string, { block: SchemaBlock }>;
  readonly dataSources: Record<string, { block: SchemaBlock }>;
}

export const SCHEMA_PATH = join(__dirname, "../../../shared/provider-schemas/aliyun-alicloud-1.247.0.json");

export function readProviderSchema(): ProviderSchema {
  const json = JSON.parse(readFileSync(SCHEMA_PATH, "utf8"));
  const provider = json.provider_schemas["registry.terraform.io/aliyun/alicloud"];
  return { resources: provider.resource_schemas, dataSources: provider.data_source_schemas };
}

type Json = unknown;

/** Keys Terraform reads itself on every resource and data source, never the provider's schema. */
const META_ARGUMENTS = new Set([
  "//",
  "provider",
  "depends_on",
  "count",
  "for_each",
  "lifecycle",
  "provisioner",
  "connection",
]);

/** A whole-string Terraform expression (`${…}`), whose type is known only to Terraform: it may stand for any. */
function isExpression(value: Json): boolean {
  return typeof value === "string" && value.startsWith("${") && value.endsWith("}");
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Problems of a value against a schema type (`"string"`, `["list", "string"]`, `["object", {...}]`…). */
function typeProblems(path: string, value: Json, type: Json): string[] {
  if (type === "dynamic" || isExpression(value)) return [];
  if (type === "string")
    return typeof value === "string" ? [] : [`${path}: ${JSON.stringify(value)} is not a string`];
  if (type === "number")
    return typeof value === "number" ? [] : [`${path}: ${JSON.stringify(value)} is not a number`];
  if (type === "bool")
    return typeof value === "boolean" ? [] : [`${path}: ${JSON.stringify(value)} is not a bool`];
  const [kind, inner] = type as [string, Json];
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return [`${path}: ${JSON.stringify(value)} is not a ${kind}`];
    return value.flatMap((item, index) => typeProblems(`${path}[${index}]`, item, inner));
  }
  if (kind === "map") {
    if (!isObject(value)) return [`${path}: ${JSON.stringify(value)} is not a map`];
    return Object.entries(value).flatMap(([key, item]) => typeProblems(`${path}.${key}`, item, inner));
  }
  if (kind === "object") {
    if (!isObject(value)) return [`${path}: ${JSON.stringify(value)} is not an object`];
    const fields = inner as Record<string, Json>;
    return Object.entries(value).flatMap(([key, item]) =>
      key in fields
        ? typeProblems(`${path}.${key}`, item, fields[key])
        : [`${path}.${key}: not in the object type`],
    );
  }
  return [`${path}: unknown schema type ${JSON.stringify(type)}`];
}

/**
 * What Terraform would refuse in a resource or block body before any API call: an unknown attribute or
 * block, an attribute that is only computed, a missing required attribute or block, a block count outside
 * min_items/max_items, a value of the wrong type; and, beyond plan, a deprecated attribute.
 */
export function schemaProblems(
  path: string,
  body: Record<string, Json>,
  block: SchemaBlock,
  top = true,
): string[] {
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (top && META_ARGUMENTS.has(key)) continue;
    const attribute = attributes[key];
    const blockType = blockTypes[key];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required)
        problems.push(`${path}.${key}: is read-only`);
      if (attribute.deprecated) problems.push(`${path}.${key}: is deprecated`);
      problems.push(...typeProblems(`${path}.${key}`, value, attribute.type));
    } else if (blockType) {
      problems.push(...blockProblems(`${path}.${key}`, value, blockType));
    } else {
      problems.push(`${path}.${key}: is neither an attribute nor a block of the schema`);
    }
  }
  for (const [key, attribute] of Object.entries(attributes)) {
    if (attribute.required && !(key in body)) problems.push(`${path}.${key}: is required`);
  }
  for (const [key, blockType] of Object.entries(blockTypes)) {
    if ((blockType.min_items ?? 0) > 0 && !(key in body)) problems.push(`${path}.${key}: block is required`);
  }
  return problems;
}

function blockProblems(path: string, value: Json, blockType: SchemaBlockType): string[] {
  if (blockType.nesting_mode === "map") {
    if (!isObject(value)) return [`${path}: is not a map of blocks`];
    return Object.entries(value).flatMap(([key, item]) =>
      isObject(item)
        ? schemaProblems(`${path}.${key}`, item, blockType.block, false)
        : [`${path}.${key}: is not a block`],
    );
  }
  // Terraform JSON takes one block as an object, several as an array of objects.
  const items = Array.isArray(value) ? value : [value];
  const problems: string[] = [];
  const { min_items: min = 0, max_items: max = Infinity } = blockType;
  if ((blockType.nesting_mode === "single" || blockType.nesting_mode === "group") && items.length > 1) {
    problems.push(`${path}: takes one block, got ${items.length}`);
  }
  if (items.length < min || items.length > max) {
    problems.push(`${path}: ${items.length} blocks, the schema allows ${min} to ${max}`);
  }
  items.forEach((item, index) => {
    const itemPath = Array.isArray(value) ? `${path}[${index}]` : path;
    if (isObject(item)) problems.push(...schemaProblems(itemPath, item, blockType.block, false));
    else problems.push(`${itemPath}: is not a block`);
  });
  return problems;
}
