import { parseBareOrTemplate } from "../language/parse";
import type { ScopeTraversal } from "../language/syntax";
import {
  checkNesting,
  describe,
  InputError,
  isObject,
  MAX_NESTING,
  nestingExceeds,
  type JsonObject,
} from "./json";

/**
 * One Terraform module as Terraform loads it from its files: every valid form of Terraform JSON (a block
 * body or a label level as an object or as an array of objects, `terraform`, `provider` and `locals` as
 * arrays), the files of a directory merged with duplicates refused, then the override files applied in
 * lexical order. HCL files arrive here already converted by HashiCorp's parser; the engine reads no file.
 */

/** One configuration file, parsed: Terraform JSON, or HCL converted to it. */
export interface ConfigFile {
  readonly path: string;
  readonly document: unknown;
}

export interface ConfigBlock {
  /** The file that defines the block (the first one, for a block an override file changed). */
  readonly file: string;
  readonly body: JsonObject;
}

/** What names a resource or data block and its provider, in the configuration and in the engine's model. */
export interface BlockIdentity {
  /** `alicloud_oss_bucket.logs` or `data.alicloud_zones.available`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** The provider the type belongs to (`alicloud` for `alicloud_oss_bucket`), whichever configuration it uses. */
  readonly typeProvider: string;
  /** Provider configuration key: `alicloud`, `alicloud.dr`, `random`. */
  readonly providerKey: string;
}

/** A resource or data block, in the shape of the engine's model (`ResourceBlock`), with its file. */
export interface ResourceConfig extends ConfigBlock, BlockIdentity {
  readonly constructPath: string | undefined;
}

/** The provider name a resource type belongs to: the part before the first underscore. */
export function providerOfType(type: string): string {
  const underscore = type.indexOf("_");
  return underscore < 0 ? type : type.slice(0, underscore);
}

/** A reference as Terraform JSON writes it: bare (`alicloud.dr`) or as the template `${alicloud.dr}`. */
export function traversalOf(text: string): ScopeTraversal | undefined {
  const parsed = parseBareOrTemplate(text);
  return parsed.ok && parsed.expression.kind === "traversal" ? parsed.expression : undefined;
}

const providerKeys = new Map<string, string>();

/**
 * The provider configuration key a `provider` meta-argument names (`alicloud.dr`); text that is no such
 * reference is kept as written, so it names a configuration that is never declared and is refused.
 */
export function providerKeyOf(reference: string): string {
  let key = providerKeys.get(reference);
  if (key === undefined) {
    const traversal = traversalOf(reference);
    const [alias, ...rest] = traversal?.steps ?? [];
    key =
      traversal === undefined || rest.length > 0 || (alias !== undefined && alias.kind !== "attr")
        ? reference
        : alias === undefined
          ? traversal.root
          : `${traversal.root}.${alias.name}`;
    providerKeys.set(reference, key);
  }
  return key;
}

/** What the resources of one type share, built once per type rather than once per resource. */
interface ResourceType {
  readonly keyword: "resource" | "data";
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly typeProvider: string;
  /** `alicloud_vpc.` or `data.alicloud_zones.`: an address is one concatenation. */
  readonly addressPrefix: string;
}

function resourceType(mode: "managed" | "data", type: string): ResourceType {
  return mode === "managed"
    ? { keyword: "resource", mode, type, typeProvider: providerOfType(type), addressPrefix: `${type}.` }
    : { keyword: "data", mode, type, typeProvider: providerOfType(type), addressPrefix: `data.${type}.` };
}

function resourceConfig(file: string, of: ResourceType, name: string, body: JsonObject): ResourceConfig {
  const comment = body["//"];
  const meta = isObject(comment) && isObject(comment.metadata) ? comment.metadata : undefined;
  const { mode, type, typeProvider } = of;
  return {
    file,
    address: of.addressPrefix + name,
    mode,
    type,
    name,
    typeProvider,
    providerKey: typeof body.provider === "string" ? providerKeyOf(body.provider) : typeProvider,
    body,
    constructPath: typeof meta?.path === "string" ? meta.path : undefined,
  };
}

export interface ProviderBlock extends ConfigBlock {
  readonly name: string;
}

export interface BackendConfig extends ConfigBlock {
  /** `oss`, `s3`..., or `cloud` for a `cloud` block. */
  readonly type: string;
}

export interface ModuleConfiguration {
  /** The `"//".metadata` object of synthesized CDKTF output, when there is one. */
  readonly metadata: JsonObject;
  /** By configuration key: `alicloud`, `alicloud.dr`. */
  readonly providers: ReadonlyMap<string, ProviderBlock>;
  /** By address: `alicloud_vpc.main`, `data.alicloud_zones.all`. */
  /** In the order of the files and of each file. */
  readonly resources: readonly ResourceConfig[];
  readonly variables: ReadonlyMap<string, ConfigBlock>;
  readonly locals: ReadonlyMap<string, { readonly file: string; readonly value: unknown }>;
  readonly outputs: ReadonlyMap<string, ConfigBlock>;
  readonly moduleCalls: ReadonlyMap<string, ConfigBlock>;
  /** The backend or cloud block, at most one. */
  readonly backend?: BackendConfig;
}

/** The top-level block types of Terraform 1.11 that the guard reads (and the comment key). */
const TOP_LEVEL_BLOCKS: ReadonlySet<string> = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "variable",
  "locals",
  "output",
  "module",
  "moved",
  "import",
  "check",
  "removed",
]);

/** Terraform's override files: `override.tf(.json)` and `*_override.tf(.json)`. */
export function isOverrideFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const stem = name.endsWith(".tf.json") ? name.slice(0, -8) : name.endsWith(".tf") ? name.slice(0, -3) : "";
  return stem === "override" || stem.endsWith("_override");
}

/** What a value is, for an error message: built only when there is an error, not for each of 10,000 blocks. */
type What = string | (() => string);

const named = (what: What): string => (typeof what === "string" ? what : what());

function notObjects(what: What, value: unknown): InputError {
  return new InputError(
    `${named(what)} must be a JSON object or an array of objects, not ${describe(value)}`,
  );
}

/**
 * Calls `visit` with the objects of a label level or a body position: one object, each object of an array
 * (HCL's JSON syntax takes their properties in order), none for null.
 */
function eachObject(value: unknown, what: What, visit: (object: JsonObject) => void): void {
  if (isObject(value)) visit(value);
  else if (Array.isArray(value)) {
    for (const element of value) if (!isObject(element)) throw notObjects(what, element);
    for (const element of value as JsonObject[]) visit(element);
  } else if (value !== null) throw notObjects(what, value);
}

function objectsIn(value: unknown, what: What): JsonObject[] {
  const objects: JsonObject[] = [];
  eachObject(value, what, (object) => objects.push(object));
  return objects;
}

/** Calls `visit` with each label and value of a label level. */
function eachLabel(value: unknown, what: What, visit: (label: string, value: unknown) => void): void {
  eachObject(value, what, (level) => {
    for (const label in level) visit(label, level[label]);
  });
}

interface FileBlocks {
  readonly file: string;
  metadata?: JsonObject;
  readonly providers: ProviderBlock[];
  readonly resources: ResourceConfig[];
  /**
   * Whether the file may define a resource twice: only when the file, a `resource` or `data` section, a
   * label level or a body is an array, as the keys of one JSON object are unique. A file that cannot
   * needs no duplicate index when it is the first merged.
   */
  resourcesMayRepeat: boolean;
  readonly variables: [string, JsonObject][];
  readonly locals: [string, unknown][];
  readonly outputs: [string, JsonObject][];
  readonly moduleCalls: [string, JsonObject][];
  readonly backends: BackendConfig[];
  /** `moved` and `import` blocks, which an override file may not have. */
  readonly records: string[];
}

function providerKey(name: string, body: JsonObject): string {
  return typeof body.alias === "string" ? `${name}.${body.alias}` : name;
}

/**
 * The hot path of 10,000 resources: plain loops over the objects JSON.parse built (an array at a label level
 * takes the general path), one provider name per type, and a block's description built only for an error.
 */
function readResources(section: unknown, mode: "managed" | "data", blocks: FileBlocks): void {
  const keyword = mode === "managed" ? "resource" : "data";
  if (!isObject(section)) blocks.resourcesMayRepeat = true;
  eachObject(section, keyword, (types) => {
    for (const type in types) {
      const of = resourceType(mode, type);
      const byName = types[type];
      if (isObject(byName)) readResourcesOfType(byName, of, blocks);
      else {
        blocks.resourcesMayRepeat = true;
        eachObject(
          byName,
          () => `${keyword} "${type}"`,
          (names) => readResourcesOfType(names, of, blocks),
        );
      }
    }
  });
}

function readResourcesOfType(names: JsonObject, of: ResourceType, blocks: FileBlocks): void {
  for (const name in names) {
    const value = names[name];
    if (isObject(value)) {
      if (nestingExceeds(value, MAX_NESTING)) checkNesting(value, `${of.keyword} "${of.type}" "${name}"`);
      blocks.resources.push(resourceConfig(blocks.file, of, name, value));
    } else {
      blocks.resourcesMayRepeat = true;
      eachObject(value, `${of.keyword} "${of.type}" "${name}"`, (body) => {
        checkNesting(body, `${of.keyword} "${of.type}" "${name}"`);
        blocks.resources.push(resourceConfig(blocks.file, of, name, body));
      });
    }
  }
}

function readNamed(section: unknown, keyword: string, into: [string, JsonObject][]): void {
  eachLabel(section, keyword, (name, value) => {
    const what = () => `${keyword} "${name}"`;
    eachObject(value, what, (body) => {
      checkNesting(body, what);
      into.push([name, body]);
    });
  });
}

function readSettings(section: unknown, blocks: FileBlocks): void {
  eachObject(section, "terraform", (settings) => {
    eachLabel(settings.backend ?? null, "terraform.backend", (type, value) => {
      eachObject(value, `terraform.backend.${type}`, (config) => {
        checkNesting(config, `terraform.backend.${type}`);
        blocks.backends.push({ file: blocks.file, type, body: config });
      });
    });
    eachObject(settings.cloud ?? null, "terraform.cloud", (config) => {
      checkNesting(config, "terraform.cloud");
      blocks.backends.push({ file: blocks.file, type: "cloud", body: config });
    });
  });
}

/** Reads one top-level block type of a file into its blocks. */
function readSection(keyword: string, section: unknown, blocks: FileBlocks): void {
  if (keyword === "//") {
    const comment = isObject(section) ? section.metadata : undefined;
    if (comment !== undefined && !isObject(comment))
      throw new InputError(`"//".metadata must be a JSON object, not ${describe(comment)}`);
    blocks.metadata ??= comment;
  } else if (keyword === "terraform") readSettings(section, blocks);
  else if (keyword === "provider") {
    eachLabel(section, "provider", (name, value) => {
      eachObject(value, `provider "${name}"`, (body) => {
        checkNesting(body, `provider "${name}"`);
        blocks.providers.push({ file: blocks.file, name, body });
      });
    });
  } else if (keyword === "resource") readResources(section, "managed", blocks);
  else if (keyword === "data") readResources(section, "data", blocks);
  else if (keyword === "variable") readNamed(section, "variable", blocks.variables);
  else if (keyword === "output") readNamed(section, "output", blocks.outputs);
  else if (keyword === "module") readNamed(section, "module", blocks.moduleCalls);
  else if (keyword === "locals") {
    eachObject(section, "locals", (body) => {
      for (const name in body) {
        checkNesting(body[name], `local.${name}`);
        blocks.locals.push([name, body[name]]);
      }
    });
  } else if (keyword === "moved" || keyword === "import") {
    eachObject(section, keyword, () => blocks.records.push(keyword));
  } else if (keyword === "ephemeral") {
    throw new InputError(
      "ephemeral blocks (Terraform 1.10+) are not read by this check, so it refuses them rather than pass what it cannot see: an ephemeral resource is opened by its provider at plan and apply, and no plan records it (alicloud 1.247.0 has no ephemeral resource type)",
    );
  } else if (keyword === "check") {
    eachLabel(section, "check", (name, value) => {
      eachObject(value, `check "${name}"`, (body) => {
        // A scoped data source is read from the cloud (or a URL) when Terraform plans.
        if (Object.hasOwn(body, "data"))
          throw new InputError(
            `check "${name}" has a scoped data source, which this check does not read, so it refuses it rather than pass what it cannot see; declare the data source at the top level of the module`,
          );
      });
    });
  } else if (TOP_LEVEL_BLOCKS.has(keyword)) eachObject(section, keyword, () => undefined);
  else throw new InputError(`unexpected top-level key "${keyword}" (not a Terraform block type)`);
}

function readFile({ path, document }: ConfigFile): FileBlocks {
  const blocks: FileBlocks = {
    file: path,
    providers: [],
    resources: [],
    variables: [],
    locals: [],
    outputs: [],
    moduleCalls: [],
    backends: [],
    records: [],
    resourcesMayRepeat: !isObject(document),
  };
  if (!isObject(document) && !Array.isArray(document))
    throw new InputError(`expected a JSON object, found ${describe(document)}`, path);
  try {
    eachObject(document, "the file", (root) => {
      for (const keyword in root) readSection(keyword, root[keyword], blocks);
    });
  } catch (error) {
    if (error instanceof InputError && error.file === undefined) throw new InputError(error.message, path);
    throw error;
  }
  return blocks;
}

/**
 * Where each resource is in `resources`, by mode, type and name: keyed by the JSON keys themselves, whose
 * hashes are already known, rather than by 10,000 new address strings.
 */
type ResourceIndex = Record<"managed" | "data", Map<string, Map<string, number>>>;

interface Merged {
  metadata: JsonObject | undefined;
  readonly providers: Map<string, ProviderBlock>;
  resources: ResourceConfig[];
  /** Built when a second file, or a file that may repeat a resource, is merged: one file of CDKTF output needs none. */
  resourceIndex: ResourceIndex | undefined;
  readonly variables: Map<string, ConfigBlock>;
  readonly locals: Map<string, { readonly file: string; readonly value: unknown }>;
  readonly outputs: Map<string, ConfigBlock>;
  readonly moduleCalls: Map<string, ConfigBlock>;
  backend: BackendConfig | undefined;
}

function duplicate(
  existing: { readonly file: string },
  block: { readonly file: string },
  what: string,
): InputError {
  return new InputError(
    existing.file === block.file
      ? `duplicate ${what}: it is defined twice in the file`
      : `duplicate ${what}: it is also defined in ${existing.file}`,
    block.file,
  );
}

function resourcesOfType(index: ResourceIndex, mode: "managed" | "data", type: string): Map<string, number> {
  const byType = index[mode];
  let byName = byType.get(type);
  if (byName === undefined) byType.set(type, (byName = new Map()));
  return byName;
}

/** The index of the resources merged so far, which are known to be distinct. */
function indexOf(merged: Merged): ResourceIndex {
  if (merged.resourceIndex !== undefined) return merged.resourceIndex;
  const index: ResourceIndex = { managed: new Map(), data: new Map() };
  merged.resources.forEach((resource, at) =>
    resourcesOfType(index, resource.mode, resource.type).set(resource.name, at),
  );
  merged.resourceIndex = index;
  return index;
}

function addUnique<T extends { readonly file: string }>(
  into: Map<string, T>,
  key: string,
  block: T,
  what: string,
): void {
  const existing = into.get(key);
  if (existing !== undefined) throw duplicate(existing, block, what);
  into.set(key, block);
}

/** Adds a file's resources to those merged, refusing one defined again. */
function mergeResources(resources: readonly ResourceConfig[], into: Merged): void {
  const index = indexOf(into);
  for (const resource of resources) {
    const byName = resourcesOfType(index, resource.mode, resource.type);
    const existing = byName.get(resource.name);
    if (existing !== undefined)
      throw duplicate(into.resources[existing] as ResourceConfig, resource, `resource "${resource.address}"`);
    byName.set(resource.name, into.resources.push(resource) - 1);
  }
}

function mergePrimary(blocks: FileBlocks, into: Merged): void {
  const file = blocks.file;
  into.metadata ??= blocks.metadata;
  for (const provider of blocks.providers) {
    const key = providerKey(provider.name, provider.body);
    addUnique(into.providers, key, provider, `provider configuration "${key}"`);
  }
  if (into.resources.length === 0 && !blocks.resourcesMayRepeat) into.resources = blocks.resources;
  else if (blocks.resources.length > 0) mergeResources(blocks.resources, into);
  for (const [name, body] of blocks.variables)
    addUnique(into.variables, name, { file, body }, `variable "${name}"`);
  for (const [name, value] of blocks.locals)
    addUnique(into.locals, name, { file, value }, `local value "${name}"`);
  for (const [name, body] of blocks.outputs)
    addUnique(into.outputs, name, { file, body }, `output "${name}"`);
  for (const [name, body] of blocks.moduleCalls)
    addUnique(into.moduleCalls, name, { file, body }, `module call "${name}"`);
  for (const backend of blocks.backends) {
    if (into.backend !== undefined) {
      const what = (block: BackendConfig) =>
        block.type === "cloud" ? "a cloud block" : `backend "${block.type}"`;
      throw new InputError(
        `${what(backend)} where ${what(into.backend)} is already configured (in ${into.backend.file}): a module has at most one`,
        file,
      );
    }
    into.backend = backend;
  }
}

/** The arguments of a variable an override may change; Terraform keeps the original's validations. */
const VARIABLE_OVERRIDES = ["description", "sensitive", "default", "type", "nullable", "ephemeral"];
/** The arguments of an output an override may change. */
const OUTPUT_OVERRIDES = ["description", "value", "sensitive", "ephemeral"];

function pick(body: JsonObject, keys: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const key of keys) if (Object.hasOwn(body, key)) picked[key] = body[key];
  return picked;
}

/** Lifecycle arguments merge one by one; every other argument or nested block type is replaced whole. */
function mergeResourceBody(base: JsonObject, override: JsonObject, what: string): JsonObject {
  const merged = { ...base, ...override };
  if (override.lifecycle !== undefined && base.lifecycle !== undefined) {
    merged.lifecycle = Object.assign(
      {},
      ...objectsIn(base.lifecycle, `${what} lifecycle`),
      ...objectsIn(override.lifecycle, `${what} lifecycle`),
    );
  }
  return merged;
}

function missing(what: string, file: string): InputError {
  return new InputError(
    `${what} is in an override file, but no primary file of the module defines it (an override file only changes what the module defines)`,
    file,
  );
}

function applyOverride(blocks: FileBlocks, into: Merged): void {
  const file = blocks.file;
  if (blocks.records.length > 0)
    throw new InputError(`an override file cannot hold "${blocks.records[0]}" blocks`, file);
  if (blocks.backends.length > 1)
    throw new InputError("an override file may configure at most one backend or cloud block", file);
  if (blocks.backends[0] !== undefined) into.backend = blocks.backends[0];
  for (const provider of blocks.providers) {
    const key = providerKey(provider.name, provider.body);
    const base = into.providers.get(key);
    // Terraform lets an override create the default configuration, which exists implicitly anyway.
    if (base === undefined && key !== provider.name) throw missing(`provider configuration "${key}"`, file);
    into.providers.set(key, {
      file: base?.file ?? file,
      name: provider.name,
      body: { ...base?.body, ...provider.body },
    });
  }
  for (const { address, mode, type, name, body } of blocks.resources) {
    const at = resourcesOfType(indexOf(into), mode, type).get(name);
    const base = at === undefined ? undefined : into.resources[at];
    if (base === undefined) throw missing(`resource "${address}"`, file);
    if (body.depends_on !== undefined)
      throw new InputError(`resource "${address}": depends_on cannot be overridden`, file);
    into.resources[at as number] = resourceConfig(
      base.file,
      resourceType(mode, type),
      name,
      mergeResourceBody(base.body, body, address),
    );
  }
  for (const [name, body] of blocks.variables) {
    const base = into.variables.get(name);
    if (base === undefined) throw missing(`variable "${name}"`, file);
    into.variables.set(name, { file: base.file, body: { ...base.body, ...pick(body, VARIABLE_OVERRIDES) } });
  }
  for (const [name, value] of blocks.locals) {
    const base = into.locals.get(name);
    if (base === undefined) throw missing(`local value "${name}"`, file);
    into.locals.set(name, { file, value });
  }
  for (const [name, body] of blocks.outputs) {
    const base = into.outputs.get(name);
    if (base === undefined) throw missing(`output "${name}"`, file);
    if (body.depends_on !== undefined)
      throw new InputError(`output "${name}": depends_on cannot be overridden`, file);
    into.outputs.set(name, { file: base.file, body: { ...base.body, ...pick(body, OUTPUT_OVERRIDES) } });
  }
  for (const [name, body] of blocks.moduleCalls) {
    const base = into.moduleCalls.get(name);
    if (base === undefined) throw missing(`module call "${name}"`, file);
    if (body.depends_on !== undefined)
      throw new InputError(`module "${name}": depends_on cannot be overridden`, file);
    into.moduleCalls.set(name, { file: base.file, body: { ...base.body, ...body } });
  }
}

/**
 * Reads the files of one module as Terraform does: primary files merged (a second definition of anything is
 * an error naming both files), then override files applied in lexical order of their names.
 */
export function readConfiguration(files: readonly ConfigFile[]): ModuleConfiguration {
  const merged: Merged = {
    metadata: undefined,
    providers: new Map(),
    resources: [],
    resourceIndex: undefined,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    moduleCalls: new Map(),
    backend: undefined,
  };
  const overrides: FileBlocks[] = [];
  for (const file of files) {
    const blocks = readFile(file);
    if (isOverrideFile(file.path)) overrides.push(blocks);
    else mergePrimary(blocks, merged);
  }
  overrides.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const blocks of overrides) applyOverride(blocks, merged);
  const { providers, resources, variables, locals, outputs, moduleCalls, backend } = merged;
  const configuration = {
    metadata: merged.metadata ?? {},
    providers,
    resources,
    variables,
    locals,
    outputs,
    moduleCalls,
  };
  return backend === undefined ? configuration : { ...configuration, backend };
}
