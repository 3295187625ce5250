import { readFileSync } from "fs";
import * as path from "path";
import { checkNesting, InputError, MAX_NESTING } from "../../../policies/engine/json";

const SCHEMA = path.join(__dirname, "../../../../shared/provider-schemas/aliyun-alicloud-1.247.0.json");

type SchemaType = string | [string, unknown];
interface SchemaBlock {
  readonly attributes?: Record<string, { readonly type?: SchemaType }>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>;
}

/** JSON levels of a value of a Terraform type: a collection or object is one level around its elements. */
function typeDepth(type: SchemaType): number {
  if (typeof type === "string") return 0;
  const [kind, element] = type;
  if (kind === "object")
    return 1 + Math.max(0, ...Object.values(element as Record<string, SchemaType>).map(typeDepth));
  if (kind === "tuple") return 1 + Math.max(0, ...(element as SchemaType[]).map(typeDepth));
  return 1 + typeDepth(element as SchemaType);
}

/**
 * JSON levels of a block body at its deepest, with every nested block written as a `dynamic` block
 * (`dynamic.NAME[{ content: [{ … }] }]`: five levels where a plain list block takes two).
 */
function blockDepth(block: SchemaBlock): number {
  const attributes = Object.values(block.attributes ?? {}).map(
    ({ type }) => 1 + (type === undefined ? 0 : typeDepth(type)),
  );
  const blocks = Object.values(block.block_types ?? {}).map(({ block: inner }) => 5 + blockDepth(inner));
  return Math.max(0, ...attributes, ...blocks);
}

describe("MAX_NESTING", () => {
  it("leaves room for the deepest body the provider schema allows, every nested block written as dynamic", () => {
    const schemas = JSON.parse(readFileSync(SCHEMA, "utf8")).provider_schemas;
    const provider = Object.values(schemas)[0] as Record<string, Record<string, { block: SchemaBlock }>>;
    const bodies = [
      ...Object.values(provider.resource_schemas ?? {}),
      ...Object.values(provider.data_source_schemas ?? {}),
    ];
    const deepest = Math.max(...bodies.map(({ block }) => blockDepth(block)));
    expect(deepest).toBeGreaterThan(10);
    expect(MAX_NESTING).toBeGreaterThanOrEqual(deepest + 1);
  });

  it("refuses a value nested deeper, naming where it is, and accepts one at the limit", () => {
    const nested = (levels: number): unknown => {
      let value: unknown = "leaf";
      for (let level = 0; level < levels; level++) value = level % 2 === 0 ? [value] : { key: value };
      return value;
    };
    expect(() => checkNesting(nested(MAX_NESTING), "tags")).not.toThrow();
    expect(() => checkNesting(nested(MAX_NESTING + 1), () => 'resource "alicloud_vpc" "v"')).toThrow(
      new InputError(
        `resource "alicloud_vpc" "v" is nested more than ${MAX_NESTING} levels deep, deeper than any provider schema allows`,
      ),
    );
  });
});
