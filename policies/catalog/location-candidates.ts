/**
 * Derives, from a provider schema (`terraform providers schema -json`), every attribute whose name
 * suggests it places data or a network path somewhere: the candidates that `location-attributes.ts`
 * must either cover or exclude with a reason. The test re-derives them, so a new provider version
 * with a new location attribute fails the build until someone classifies it.
 */

/** One attribute of one resource type, by its dotted path through nested blocks. */
export interface LocationCandidate {
  readonly type: string;
  readonly path: string;
  readonly name: string;
}

interface SchemaBlock {
  readonly attributes?: Record<
    string,
    { readonly computed?: boolean; readonly optional?: boolean; readonly required?: boolean }
  >;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}

interface ProviderSchemaFile {
  readonly provider_schemas: Record<
    string,
    {
      readonly provider: { readonly block: SchemaBlock };
      readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
    }
  >;
}

/** Name words that say "this value is a place": a region, zone, location, endpoint or geography. */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  "region",
  "regions",
  "zone",
  "zones",
  "location",
  "locations",
  "endpoint",
  "endpoints",
  "geo",
  "geographic",
  "area",
  "scope",
]);
/** Name words that say "data goes there", and the words for an address that can be anywhere. */
const DIRECTION_WORDS: ReadonlySet<string> = new Set([
  "dest",
  "destination",
  "target",
  "delivery",
  "sink",
  "replica",
  "mirror",
]);
const ADDRESS_WORDS: ReadonlySet<string> = new Set(["arn", "url", "uri", "host"]);

function isCandidateName(name: string): boolean {
  const words = name.split("_");
  if (words.some((word) => PLACE_WORDS.has(word) || /region/.test(word))) return true;
  return words.some((word) => DIRECTION_WORDS.has(word)) && words.some((word) => ADDRESS_WORDS.has(word));
}

function collect(type: string, block: SchemaBlock, prefix: string, into: LocationCandidate[]): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const settable = attribute.optional === true || attribute.required === true;
    if (settable && isCandidateName(name)) into.push({ type, path: prefix + name, name });
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {}))
    collect(type, nested.block, `${prefix}${name}.`, into);
}

/** Every settable attribute of every resource type (and of the provider itself, as type `provider`) whose name suggests a place. */
export function deriveLocationCandidates(
  schema: ProviderSchemaFile,
  providerSource: string,
): LocationCandidate[] {
  const provider = schema.provider_schemas[providerSource];
  if (provider === undefined) throw new Error(`the schema has no provider ${providerSource}`);
  const candidates: LocationCandidate[] = [];
  collect("provider", provider.provider.block, "", candidates);
  for (const [type, resource] of Object.entries(provider.resource_schemas))
    collect(type, resource.block, "", candidates);
  return candidates;
}

/**
 * Every nested block (by dotted path, per resource type) that holds a location attribute `isCovered`
 * accepts. A plan may mark such a block wholly unknown until apply, hiding the attribute inside it.
 */
export function deriveLocationBlocks(
  schema: ProviderSchemaFile,
  providerSource: string,
  isCovered: (type: string, path: string, name: string) => boolean,
): Record<string, string[]> {
  const provider = schema.provider_schemas[providerSource];
  if (provider === undefined) throw new Error(`the schema has no provider ${providerSource}`);
  const blocks: Record<string, string[]> = {};
  const holdsLocation = (type: string, block: SchemaBlock, prefix: string): boolean => {
    let holds = Object.keys(block.attributes ?? {}).some((name) => isCovered(type, prefix + name, name));
    for (const [name, nested] of Object.entries(block.block_types ?? {})) {
      if (holdsLocation(type, nested.block, `${prefix}${name}.`)) {
        (blocks[type] ??= []).push(prefix + name);
        holds = true;
      }
    }
    return holds;
  };
  for (const [type, resource] of Object.entries(provider.resource_schemas))
    holdsLocation(type, resource.block, "");
  return blocks;
}
