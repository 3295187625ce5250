import { holdsNode, holdsTemplateSequence } from "../language/parse";
import { isSet, isUnknown, isValueObject, objectOf, sortedKeys, type Value } from "../language/value";
import { isObject, own, type JsonObject } from "./json";
import type { ResourceBlock, StackModel } from "./model";
import { MAX_INSTANCES, type Iterators, type Resolver } from "./resolve";

/** The key under which a body writes its dynamic blocks. */
export const DYNAMIC = "dynamic";
/** The arguments of a `dynamic` block that this expansion reads; `labels` (for labelled blocks) is not one. */
const DYNAMIC_ARGUMENTS: ReadonlySet<string> = new Set(["for_each", "iterator", "content"]);
const NO_ITERATORS: Iterators = new Map();
/** What a value of a dynamic block's content is when it cannot be written as Terraform computes it. */
const NOT_EXPANDED = Symbol("not expanded");

/**
 * The stack with its resources' `dynamic` blocks expanded as Terraform expands them before it plans: one
 * block per element of a `for_each` known before apply, its content evaluated with the iterator bound, so
 * that the rules read the blocks Terraform creates. A dynamic block whose elements are not known, or whose
 * content uses its iterator in a value not known before apply, stays as it is written, and the rules refuse
 * what they cannot read in it. The stack itself when no resource has one.
 */
export function withDynamicBlocksExpanded(stack: StackModel, resolver: Resolver): StackModel {
  // A plan records the blocks Terraform expanded.
  if (stack.kind === "plan") return stack;
  let resources: ResourceBlock[] | undefined;
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    if (own(resource.body, DYNAMIC) === undefined) continue;
    const body = new Expansion(resolver, stack).resourceBody(resource.body);
    if (body === resource.body) continue;
    resources ??= [...stack.resources];
    resources[position] = { ...resource, body };
  }
  return resources === undefined ? stack : { ...stack, resources };
}

/** One resource's expansion: the blocks it creates are bounded as the instances of one resource are. */
class Expansion {
  private blocks = 0;

  constructor(
    private readonly resolver: Resolver,
    private readonly stack: StackModel,
  ) {}

  /** A resource's body with each dynamic block type expanded that can be; the others stay written. */
  resourceBody(body: JsonObject): JsonObject {
    const byType = dynamicBlocksByType(own(body, DYNAMIC));
    if (byType === undefined) return body;
    const expanded: JsonObject = {};
    const kept: JsonObject = {};
    for (const [type, specs] of byType) {
      const blocks = own(body, type) === undefined ? this.blocksOf(type, specs, NO_ITERATORS) : NOT_EXPANDED;
      if (blocks === NOT_EXPANDED) kept[type] = specs;
      else if (blocks.length > 0) expanded[type] = blocks;
    }
    if (Object.keys(kept).length === byType.size) return body;
    const result: JsonObject = {};
    for (const name in body) if (name !== DYNAMIC) result[name] = body[name];
    Object.assign(result, expanded);
    if (Object.keys(kept).length > 0) result[DYNAMIC] = kept;
    return result;
  }

  /**
   * The blocks of one type that dynamic blocks create, in order; NOT_EXPANDED when any cannot be written
   * (static blocks of the same type beside them are ordered in HCL, and JSON does not keep that order).
   */
  private blocksOf(
    type: string,
    specs: readonly unknown[],
    iterators: Iterators,
  ): JsonObject[] | typeof NOT_EXPANDED {
    const blocks: JsonObject[] = [];
    for (const spec of specs) {
      if (!isObject(spec) || Object.keys(spec).some((name) => !DYNAMIC_ARGUMENTS.has(name)))
        return NOT_EXPANDED;
      const iterator = this.iteratorName(spec, type);
      const content = contentOf(own(spec, "content"));
      const elements = elementsOf(
        this.resolver.value(own(spec, "for_each"), this.stack, undefined, iterators),
      );
      if (iterator === undefined || content === undefined || elements === undefined) return NOT_EXPANDED;
      this.blocks += elements.length;
      if (this.blocks > MAX_INSTANCES) return NOT_EXPANDED;
      for (const [key, value] of elements) {
        const bound = new Map(iterators).set(
          iterator,
          objectOf([
            ["key", key],
            ["value", value],
          ]),
        );
        const block = this.content(content, bound);
        if (block === NOT_EXPANDED || !isObject(block)) return NOT_EXPANDED;
        blocks.push(block);
      }
    }
    return blocks;
  }

  /** The iterator's name: `iterator` as a name (`"it"`, or `"${it}"` as HashiCorp's parser writes it), else the type. */
  private iteratorName(spec: JsonObject, type: string): string | undefined {
    const written = own(spec, "iterator");
    if (written === undefined) return type;
    if (typeof written !== "string") return undefined;
    if (!holdsTemplateSequence(written)) return written;
    const expression = this.resolver.parse(written);
    return typeof expression !== "string" && expression.kind === "traversal" && expression.steps.length === 0
      ? expression.root
      : undefined;
  }

  /**
   * A value of a dynamic block's content for one element. A template whose value is known becomes its value,
   * written so that it reads back as the same; one not known before apply stays a template when it does not
   * use an iterator (it evaluates the same in the resource), and is NOT_EXPANDED when it does.
   */
  private content(raw: unknown, iterators: Iterators): unknown {
    if (typeof raw === "string") {
      if (!holdsTemplateSequence(raw)) return raw;
      const value = this.resolver.value(raw, this.stack, undefined, iterators);
      const literal = literalOf(value);
      if (literal !== NOT_EXPANDED) return literal;
      return this.usesIterator(raw, iterators) ? NOT_EXPANDED : raw;
    }
    if (Array.isArray(raw)) {
      const items: unknown[] = [];
      for (const item of raw) {
        const expanded = this.content(item, iterators);
        if (expanded === NOT_EXPANDED) return NOT_EXPANDED;
        items.push(expanded);
      }
      return items;
    }
    if (!isObject(raw)) return raw;
    const result: JsonObject = {};
    for (const name in raw) {
      if (name === DYNAMIC) continue;
      // A key that is a template is evaluated in Terraform's object expressions; content rarely has one.
      if (holdsTemplateSequence(name)) return NOT_EXPANDED;
      const expanded = this.content(raw[name], iterators);
      if (expanded === NOT_EXPANDED) return NOT_EXPANDED;
      result[name] = expanded;
    }
    const nested = own(raw, DYNAMIC);
    if (nested === undefined) return result;
    const byType = dynamicBlocksByType(nested);
    if (byType === undefined) return NOT_EXPANDED;
    for (const [type, specs] of byType) {
      if (own(result, type) !== undefined) return NOT_EXPANDED;
      const blocks = this.blocksOf(type, specs, iterators);
      if (blocks === NOT_EXPANDED) return NOT_EXPANDED;
      if (blocks.length > 0) result[type] = blocks;
    }
    return result;
  }

  /** Whether a template refers to an iterator; one that does not parse is taken to. */
  private usesIterator(text: string, iterators: Iterators): boolean {
    const expression = this.resolver.parse(text);
    return (
      typeof expression === "string" ||
      holdsNode(
        expression,
        (node) => node.kind === "traversal" && typeof node.root === "string" && iterators.has(node.root),
      )
    );
  }
}

/**
 * Whether a body still writes blocks of `type` as a `dynamic` block: the check expands those whose elements are
 * known before apply, so one left is one whose blocks cannot be known.
 */
export function writesDynamicBlock(body: JsonObject, type: string): boolean {
  return dynamicBlocksByType(own(body, DYNAMIC))?.has(type) === true;
}

/** The dynamic blocks of a body by block type, each type's in order; undefined when not written as Terraform JSON writes them. */
function dynamicBlocksByType(dynamic: unknown): Map<string, unknown[]> | undefined {
  const byType = new Map<string, unknown[]>();
  const objects = Array.isArray(dynamic) ? dynamic : [dynamic];
  for (const object of objects) {
    if (!isObject(object)) return undefined;
    for (const type in object) {
      const specs = object[type];
      const list = byType.get(type) ?? [];
      list.push(...(Array.isArray(specs) ? specs : [specs]));
      byType.set(type, list);
    }
  }
  return byType;
}

/** A dynamic block's `content`: an object, or a list of one as HashiCorp's parser writes it. */
function contentOf(content: unknown): JsonObject | undefined {
  if (isObject(content)) return content;
  if (Array.isArray(content) && content.length === 1 && isObject(content[0])) return content[0];
  return undefined;
}

/**
 * The (key, value) of each element a dynamic block iterates: a list's index, a set's element, a map's or
 * object's keys in order. Undefined for a collection not known before apply, or one Terraform refuses.
 */
function elementsOf(collection: Value): [Value, Value][] | undefined {
  if (isUnknown(collection)) return undefined;
  if (Array.isArray(collection)) {
    const set = isSet(collection);
    return collection.map((element, index) => [set ? element : index, element]);
  }
  if (isValueObject(collection)) return sortedKeys(collection).map((key) => [key, collection[key] ?? null]);
  return undefined;
}

/**
 * A value known whole, written as Terraform JSON that reads back as the same value: text with its template
 * sequences escaped (`$${`, `%%{`). NOT_EXPANDED when any part is known only after apply.
 */
function literalOf(value: Value): unknown {
  if (typeof value === "string") return escapeTemplate(value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (isUnknown(value)) return NOT_EXPANDED;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const literal = literalOf(item);
      if (literal === NOT_EXPANDED) return NOT_EXPANDED;
      items.push(literal);
    }
    return items;
  }
  const object: JsonObject = {};
  for (const key of Object.keys(value)) {
    const literal = literalOf(value[key] ?? null);
    if (literal === NOT_EXPANDED) return NOT_EXPANDED;
    object[escapeTemplate(key)] = literal;
  }
  return object;
}

/** Text that a Terraform JSON string reads as itself: `${` and `%{` escaped as `$${` and `%%{`. */
export function escapeTemplate(text: string): string {
  return text.split("${").join("$${").split("%{").join("%%{");
}
