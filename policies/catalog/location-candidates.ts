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

interface SchemaAttribute {
  readonly type?: unknown;
  readonly computed?: boolean;
  readonly optional?: boolean;
  readonly required?: boolean;
}

interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
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
  "az",
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
/**
 * Name words for an address a service may send data to (a webhook, a callback, a remote-write or backend
 * address, a notification or delivery target): a text attribute so named is a candidate destination.
 */
const DESTINATION_WORDS: ReadonlySet<string> = new Set([
  "url",
  "urls",
  "uri",
  "webhook",
  "hook",
  "callback",
  "addr",
  "address",
  "host",
  "server",
  "arn",
  "destination",
  "sink",
  "notification",
  "remote",
  "target",
  "backend",
]);
/** Last words that make such a name a detail of an address (its ID, name, port, type...), not the address. */
const DETAIL_WORDS: ReadonlySet<string> = new Set([
  "id",
  "ids",
  "name",
  "names",
  "type",
  "types",
  "port",
  "ports",
  "count",
  "enabled",
  "enable",
  "mode",
  "version",
  "description",
  "desc",
  "status",
  "num",
  "protocol",
  "family",
  "code",
  "size",
  "limit",
  "key",
  "cert",
  "certificate",
  "password",
  "user",
  "username",
  "interval",
  "timeout",
  "time",
  "policy",
  "cidr",
  "capacity",
  "value",
  "retention",
  "prefix",
  "path",
  "encoding",
  "range",
  "suggestions",
  "arch",
  "class",
  "record",
  "metadata",
  "condition",
  "info",
  "entity",
  "encryption",
]);

function isText(type: unknown): boolean {
  return type === "string" || (Array.isArray(type) && type[1] === "string");
}

function isCandidate(name: string, attribute: SchemaAttribute): boolean {
  const words = name.split("_");
  if (words.some((word) => PLACE_WORDS.has(word) || /region/.test(word))) return true;
  if (words.some((word) => DIRECTION_WORDS.has(word)) && words.some((word) => ADDRESS_WORDS.has(word)))
    return true;
  const last = words[words.length - 1] ?? "";
  return (
    isText(attribute.type) && !DETAIL_WORDS.has(last) && words.some((word) => DESTINATION_WORDS.has(word))
  );
}

function collect(type: string, block: SchemaBlock, prefix: string, into: LocationCandidate[]): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const settable = attribute.optional === true || attribute.required === true;
    if (settable && isCandidate(name, attribute)) into.push({ type, path: prefix + name, name });
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

const PRINT_WIDTH = 110;

/**
 * The text of `location-blocks.ts` for the derived blocks, laid out as Prettier lays it out, so that the
 * generator's output passes the format check as written and a test can compare the committed file with it.
 */
export function renderLocationBlocks(
  blocks: Readonly<Record<string, readonly string[]>>,
  source: string,
): string {
  const lines = [
    `// Generated from ${source} by \`node scripts/derive-location-attributes.mjs --write\`: do not edit.`,
    "/**",
    " * Nested blocks that hold a place position, per resource type, as `deriveLocationBlocks` derives them from",
    " * the provider schema and location-attributes.ts. In a plan, such a block can be unknown until apply as a",
    " * whole; the attribute inside it is then unresolved, not absent.",
    " */",
    "export const LOCATION_BLOCKS: Readonly<Record<string, readonly string[]>> = {",
  ];
  for (const type of Object.keys(blocks).sort()) {
    const paths = [...(blocks[type] ?? [])].sort().map((path) => JSON.stringify(path));
    const oneLine = `  ${type}: [${paths.join(", ")}],`;
    if (oneLine.length <= PRINT_WIDTH) lines.push(oneLine);
    else lines.push(`  ${type}: [`, ...paths.map((path) => `    ${path},`), "  ],");
  }
  lines.push("};", "");
  return lines.join("\n");
}
