import { checkNesting, describe, InputError, isObject, type JsonObject } from "./json";

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

export interface ResourceConfig extends ConfigBlock {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
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
  readonly resources: ReadonlyMap<string, ResourceConfig>;
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

/**
 * The objects of a label level or a body position: one object, each object of an array (HCL's JSON
 * syntax takes their properties in order), nothing for null.
 */
function objectsOf(value: unknown, what: string): readonly JsonObject[] {
  if (value === null) return [];
  if (isObject(value)) return [value];
  if (Array.isArray(value)) {
    for (const element of value) {
      if (!isObject(element))
        throw new InputError(
          `${what} must be a JSON object or an array of objects, not ${describe(element)}`,
        );
    }
    return value as JsonObject[];
  }
  throw new InputError(`${what} must be a JSON object or an array of objects, not ${describe(value)}`);
}

/** Calls `visit` with each label and value of a label level. */
function eachLabel(value: unknown, what: string, visit: (label: string, value: unknown) => void): void {
  for (const level of objectsOf(value, what)) for (const label in level) visit(label, level[label]);
}

interface FileBlocks {
  readonly file: string;
  metadata?: JsonObject;
  readonly providers: ProviderBlock[];
  readonly resources: ResourceConfig[];
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

function readResources(section: unknown, mode: "managed" | "data", blocks: FileBlocks): void {
  const keyword = mode === "managed" ? "resource" : "data";
  eachLabel(section, keyword, (type, byName) => {
    eachLabel(byName, `${keyword} "${type}"`, (name, value) => {
      for (const body of objectsOf(value, `${keyword} "${type}" "${name}"`)) {
        checkNesting(body, `${keyword} "${type}" "${name}"`);
        blocks.resources.push({ file: blocks.file, mode, type, name, body });
      }
    });
  });
}

function readNamed(section: unknown, keyword: string, into: [string, JsonObject][]): void {
  eachLabel(section, keyword, (name, value) => {
    for (const body of objectsOf(value, `${keyword} "${name}"`)) {
      checkNesting(body, `${keyword} "${name}"`);
      into.push([name, body]);
    }
  });
}

function readSettings(section: unknown, blocks: FileBlocks): void {
  for (const settings of objectsOf(section, "terraform")) {
    eachLabel(settings.backend ?? null, "terraform.backend", (type, value) => {
      for (const config of objectsOf(value, `terraform.backend.${type}`)) {
        checkNesting(config, `terraform.backend.${type}`);
        blocks.backends.push({ file: blocks.file, type, body: config });
      }
    });
    for (const config of objectsOf(settings.cloud ?? null, "terraform.cloud")) {
      checkNesting(config, "terraform.cloud");
      blocks.backends.push({ file: blocks.file, type: "cloud", body: config });
    }
  }
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
  };
  if (!isObject(document) && !Array.isArray(document))
    throw new InputError(`expected a JSON object, found ${describe(document)}`, path);
  try {
    for (const root of objectsOf(document, "the file")) {
      for (const keyword in root) {
        const section = root[keyword];
        if (!TOP_LEVEL_BLOCKS.has(keyword))
          throw new InputError(`unexpected top-level key "${keyword}" (not a Terraform block type)`);
        if (keyword === "//") {
          const comment = isObject(section) ? section.metadata : undefined;
          if (comment !== undefined && !isObject(comment))
            throw new InputError(`"//".metadata must be a JSON object, not ${describe(comment)}`);
          blocks.metadata ??= comment;
        } else if (keyword === "terraform") readSettings(section, blocks);
        else if (keyword === "provider") {
          eachLabel(section, "provider", (name, value) => {
            for (const body of objectsOf(value, `provider "${name}"`)) {
              checkNesting(body, `provider "${name}"`);
              blocks.providers.push({ file: path, name, body });
            }
          });
        } else if (keyword === "resource") readResources(section, "managed", blocks);
        else if (keyword === "data") readResources(section, "data", blocks);
        else if (keyword === "variable") readNamed(section, "variable", blocks.variables);
        else if (keyword === "output") readNamed(section, "output", blocks.outputs);
        else if (keyword === "module") readNamed(section, "module", blocks.moduleCalls);
        else if (keyword === "locals") {
          for (const body of objectsOf(section, "locals")) {
            for (const name in body) {
              checkNesting(body[name], `local.${name}`);
              blocks.locals.push([name, body[name]]);
            }
          }
        } else if (keyword === "moved" || keyword === "import") {
          if (objectsOf(section, keyword).length > 0) blocks.records.push(keyword);
        } else objectsOf(section, keyword);
      }
    }
  } catch (error) {
    if (error instanceof InputError && error.file === undefined) throw new InputError(error.message, path);
    throw error;
  }
  return blocks;
}

interface Merged {
  metadata: JsonObject | undefined;
  readonly providers: Map<string, ProviderBlock>;
  readonly resources: Map<string, ResourceConfig>;
  readonly variables: Map<string, ConfigBlock>;
  readonly locals: Map<string, { readonly file: string; readonly value: unknown }>;
  readonly outputs: Map<string, ConfigBlock>;
  readonly moduleCalls: Map<string, ConfigBlock>;
  backend: BackendConfig | undefined;
}

function addUnique<T extends { readonly file: string }>(
  into: Map<string, T>,
  key: string,
  block: T,
  what: string,
): void {
  const existing = into.get(key);
  if (existing !== undefined)
    throw new InputError(
      existing.file === block.file
        ? `duplicate ${what}: it is defined twice in the file`
        : `duplicate ${what}: it is also defined in ${existing.file}`,
      block.file,
    );
  into.set(key, block);
}

function resourceAddress(resource: { mode: string; type: string; name: string }): string {
  return resource.mode === "managed"
    ? `${resource.type}.${resource.name}`
    : `data.${resource.type}.${resource.name}`;
}

function mergePrimary(blocks: FileBlocks, into: Merged): void {
  const file = blocks.file;
  into.metadata ??= blocks.metadata;
  for (const provider of blocks.providers) {
    const key = providerKey(provider.name, provider.body);
    addUnique(into.providers, key, provider, `provider configuration "${key}"`);
  }
  for (const resource of blocks.resources) {
    const address = resourceAddress(resource);
    addUnique(into.resources, address, resource, `resource "${address}"`);
  }
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
      ...objectsOf(base.lifecycle, `${what} lifecycle`),
      ...objectsOf(override.lifecycle, `${what} lifecycle`),
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
  for (const resource of blocks.resources) {
    const address = resourceAddress(resource);
    const base = into.resources.get(address);
    if (base === undefined) throw missing(`resource "${address}"`, file);
    if (resource.body.depends_on !== undefined)
      throw new InputError(`resource "${address}": depends_on cannot be overridden`, file);
    into.resources.set(address, { ...base, body: mergeResourceBody(base.body, resource.body, address) });
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
    resources: new Map(),
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
  return { ...merged, metadata: merged.metadata ?? {} };
}
