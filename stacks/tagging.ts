import { Aspects, TerraformResource } from "cdktf";
import type { IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import type { DataClass } from "./config-file";

const DATA_CLASSES = new WeakMap<IConstruct, DataClass>();

/** Marks what the resources under a scope hold; the nearest mark above a resource is its data class. */
export function setDataClass(scope: IConstruct, dataClass: DataClass): void {
  DATA_CLASSES.set(scope, dataClass);
}

/** The data class of the nearest marked scope at or above the construct, if any. */
export function dataClassOf(construct: IConstruct): DataClass | undefined {
  return [...construct.node.scopes]
    .reverse()
    .map((scope) => DATA_CLASSES.get(scope))
    .find(Boolean);
}

/** A resource whose provider schema has `tags` (the generated binding then has `tagsInput`). */
interface TaggableResource extends TerraformResource {
  tags: Record<string, string>;
  readonly tagsInput: Record<string, string> | undefined;
}

function isTaggable(node: IConstruct): node is TaggableResource {
  return node instanceof TerraformResource && "tagsInput" in node;
}

/**
 * Tags every taggable resource with the configured tags, its `environment` and its `data-class` (the
 * tags a resource sets itself are kept, except these two, which are the aspect's). A taggable resource
 * with no data class fails synth: every resource must say what it holds.
 */
export class ResourceTags implements IAspect {
  constructor(
    private readonly environment: string,
    private readonly tags: Readonly<Record<string, string>>,
  ) {}

  visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    const dataClass = dataClassOf(node);
    if (!dataClass) {
      throw new Error(
        `${node.node.path} (${node.terraformResourceType}) has no data class: call setDataClass on it or a scope above it`,
      );
    }
    node.tags = { ...this.tags, ...node.tagsInput, environment: this.environment, "data-class": dataClass };
  }

  /** Adds the aspect to a scope (an app or a stack). */
  static applyTo(scope: IConstruct, environment: string, tags: Readonly<Record<string, string>>): void {
    Aspects.of(scope).add(new ResourceTags(environment, tags));
  }
}
