import type { parse as ParseYaml } from "yaml";
import providerRegions from "./provider-regions.json";
import { isMainlandRegion, MAINLAND_REGION_IDS } from "./regions";

/**
 * Understands the forms in which a literal value names a place, and says whether that place is in
 * mainland China. Only exact matches against the region catalog make a value mainland: a case change,
 * whitespace, a prefix or a suffix (`cn-shanghai-evil`, `xcn-shanghai`) makes it outside or unresolved.
 * The principles are in docs/places.md.
 */

/**
 * How an attribute names its place.
 * - `place`: a place position (a location attribute): a region ID, a zone ID, an OSS location, an endpoint
 *   or URL, or an ACS ARN; anything else, a URL that is not an Alibaba Cloud endpoint included, is refused;
 * - `value`: any other argument, which names a place only by its shape: an exact region or zone ID of the
 *   known regions, an OSS location, an Alibaba Cloud endpoint or URL with a region label, an ACS ARN with a
 *   region, or JSON holding any of these. Other text names no place (the verdict is `unresolved`, and the
 *   rules reading this form report only `mainland` and `outside`);
 * - `geo`: a CEN / Global Accelerator geographic region (`China` versus `Asia-Pacific`, `Europe`...);
 * - `cdn-scope`: a CDN / DCDN acceleration scope (`domestic` versus `overseas`, `global`);
 * - `oss-bucket`: a bucket name, which names no place: only a reference to the bucket resource resolves;
 * - `account-type`: the provider's `account_type`, which picks the site whose central endpoints it calls;
 * - `remote-write-yaml`: a Prometheus `remote_write` YAML document, each of whose `url`s is a destination.
 */
export type PlaceForm =
  "place" | "value" | "geo" | "cdn-scope" | "oss-bucket" | "account-type" | "remote-write-yaml";

export interface PlaceVerdict {
  readonly verdict: "mainland" | "outside" | "unresolved";
  /** The region (or scope) the value names, or why it names none. */
  readonly place: string;
}

const MAINLAND_GEOGRAPHIC_REGIONS: ReadonlySet<string> = new Set(["China", "China-mainland"]);
const MAINLAND_CDN_SCOPES: ReadonlySet<string> = new Set(["domestic"]);
/**
 * Every region ID Alibaba Cloud is known to have, foreign ones included (the provider's list and the mainland
 * catalog): in a value that is not a place position, only these IDs are read as regions, so that a name such
 * as `us-east-team` is not.
 */
const KNOWN_REGIONS: ReadonlySet<string> = new Set([...providerRegions.regions, ...MAINLAND_REGION_IDS]);

/** A region-shaped ID: two or more lower-case letters, then dash-separated lower-case words or numbers. */
const REGION_SHAPE = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** Prefixes of the region IDs Alibaba Cloud uses for its geographies, to spot a region inside a host name. */
const REGION_PREFIX = /^(cn|ap|us|eu|me|na|sa|af|rus|ca|mx|la|uk|jp|kr|in|au)-/;
/** Host name labels that route through acceleration points of presence worldwide. */
const ACCELERATION_LABEL = /^oss-accelerate(-overseas)?$/;
const URL_SHAPE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s@]+@)?([^/:?#\s]+)(?::\d+)?(?:[/?#].*)?$/;
const ALIBABA_DOMAIN = ".aliyuncs.com";
const SERVICE_NAME_PREFIX = "com.aliyun.";
const HOST_LABEL_PREFIXES = ["oss-"] as const;
const HOST_LABEL_SUFFIXES = ["-internal", "-intranet", "-vpc"] as const;
/** JSON in a value deeper than this is hostile or broken; no provider document nests so deep. */
const MAX_JSON_NESTING = 32;
/**
 * With `International`, the provider calls the international site's central endpoints for several services,
 * as alicloud/connectivity/endpoint.go of the provider (v1.247.0) maps them.
 */
const INTERNATIONAL_SITE =
  "International: the provider calls the international site's central endpoints, outside mainland China (Cloud Config, Cloud Firewall, ESA and BSS in ap-southeast-1; ROS and Resource Center on their -intl endpoints)";

const mainland = (place: string): PlaceVerdict => ({ verdict: "mainland", place });
const outside = (place: string): PlaceVerdict => ({ verdict: "outside", place });
const unresolved = (reason: string): PlaceVerdict => ({ verdict: "unresolved", place: reason });
const NO_PLACE = unresolved("names no place");

const ofRegion = (region: string): PlaceVerdict =>
  isMainlandRegion(region) ? mainland(region) : outside(region);

/** The verdict on one literal value in the given form. */
export function classifyPlace(value: string, form: PlaceForm): PlaceVerdict {
  switch (form) {
    case "geo":
      return MAINLAND_GEOGRAPHIC_REGIONS.has(value) ? mainland(value) : outside(value);
    case "cdn-scope":
      return MAINLAND_CDN_SCOPES.has(value) ? mainland(value) : outside(value);
    case "place":
      return classifyAlibabaPlace(value);
    case "value":
      return mayNamePlace(value) ? classifyValue(value, 0) : NO_PLACE;
    case "oss-bucket":
      return unresolved(
        `bucket name "${value}" does not say where the bucket is; reference the alicloud_oss_bucket resource instead`,
      );
    case "account-type":
      return classifyAccountType(value);
    case "remote-write-yaml":
      return classifyRemoteWrite(value);
  }
}

/**
 * A fast reject for the value form: every known region ID holds a dash, so a place-shaped text does too;
 * JSON, and a template that could produce one, hold a brace or bracket. Most names, IDs and flags stop here.
 */
export function mayNamePlace(value: string): boolean {
  return value.includes("-") || value.includes("{") || value.includes("[");
}

/** Starts, after any white space, with `{` or `[`. */
function looksLikeJson(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 123 || code === 91) return true;
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return false;
}

function classifyAlibabaPlace(value: string): PlaceVerdict {
  const region = regionOfIdentifier(value);
  if (region !== undefined && isMainlandRegion(region)) return mainland(region);
  if (value.startsWith("acs:")) return classifyArn(value);
  if (REGION_SHAPE.test(value)) return outside(value);
  const host = hostOf(value);
  if (host !== undefined) return classifyHost(host) ?? unresolved(`endpoint "${host}" names no region`);
  if (URL_SHAPE.exec(value)?.[2]?.includes(".") === true) {
    return unresolved(
      `"${value}" is not an Alibaba Cloud endpoint: data sent there goes to an unknown destination; use a mainland Alibaba Cloud endpoint, or record in residency-exceptions.json a mainland-verified exception (a destination a reviewer verified to be in mainland China)`,
    );
  }
  return unresolved(`"${value}" names no region, zone, OSS location, endpoint or ARN`);
}

/**
 * A value's shape classified without the fast reject: for a text whose unknown parts a placeholder holds,
 * since an unknown part may be a region, whose dash the fast reject looks for.
 */
export function classifyValueShape(value: string): PlaceVerdict {
  return classifyValue(value, 0);
}

/** A value in no place position: only its shape can name a place; JSON is read and each of its strings classified. */
function classifyValue(value: string, nesting: number): PlaceVerdict {
  if (looksLikeJson(value)) {
    const verdict = jsonVerdict(value, nesting);
    if (verdict !== undefined) return verdict;
  }
  const region = regionOfIdentifier(value);
  if (region !== undefined) return ofRegion(region);
  if (value.startsWith("acs:")) {
    const segment = arnRegion(value);
    return segment === "" || segment === "*" ? NO_PLACE : ofRegion(segment);
  }
  const service = regionOfServiceName(value);
  if (service !== undefined) return ofRegion(service);
  const host = hostOf(value);
  return (host === undefined ? undefined : classifyHost(host)) ?? NO_PLACE;
}

/** A VPC gateway or PrivateLink service name, `com.aliyun.<region>.<service>`, names the region it connects to. */
function regionOfServiceName(value: string): string | undefined {
  if (!value.startsWith(SERVICE_NAME_PREFIX)) return undefined;
  const region = value.slice(SERVICE_NAME_PREFIX.length).split(".")[0] ?? "";
  return KNOWN_REGIONS.has(region) ? region : undefined;
}

/** The worst verdict in a JSON text, or undefined when the text is not JSON. */
function jsonVerdict(text: string, nesting: number): PlaceVerdict | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  return worstInJson(document, nesting + 1, asWritten);
}

const asWritten = (text: string): string => text;

/**
 * The verdict on a JSON document already parsed, as the value form gives it for the document's text; each of
 * its strings is first passed through `text` (a reader of a partly known document puts placeholders back).
 */
export function classifyJsonDocument(document: unknown, text: (value: string) => string): PlaceVerdict {
  return worstInJson(document, 1, text);
}

/** The worst verdict among the strings of a JSON document: outside beats mainland beats no place. */
function worstInJson(node: unknown, nesting: number, text: (value: string) => string): PlaceVerdict {
  if (nesting > MAX_JSON_NESTING) return outside(`JSON nested deeper than ${MAX_JSON_NESTING} levels`);
  if (typeof node === "string") {
    const value = text(node);
    return mayNamePlace(value) ? classifyValue(value, nesting) : NO_PLACE;
  }
  if (typeof node !== "object" || node === null) return NO_PLACE;
  let worst = NO_PLACE;
  // By index and key: no array of values is made for each of thousands of policy documents.
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length && worst.verdict !== "outside"; index++)
      worst = worseInJson(worst, node[index], nesting, text);
  } else {
    const object = node as Readonly<Record<string, unknown>>;
    for (const key in object) {
      if (worst.verdict === "outside") break;
      worst = worseInJson(worst, object[key], nesting, text);
    }
  }
  return worst;
}

/** The worse of a verdict and an item's: the first outside one, else the last mainland one, else no place. */
function worseInJson(
  worst: PlaceVerdict,
  item: unknown,
  nesting: number,
  text: (value: string) => string,
): PlaceVerdict {
  const verdict = worstInJson(item, nesting + 1, text);
  return verdict.verdict === "outside" || verdict.verdict === "mainland" ? verdict : worst;
}

/**
 * The known region a bare identifier names: a region ID, a zone ID (`cn-shanghai-b`, `us-east-1a`,
 * `cn-shanghai-finance-1z`) or an OSS location (`oss-cn-hangzhou`); undefined when it names none.
 */
function regionOfIdentifier(value: string): string | undefined {
  if (KNOWN_REGIONS.has(value)) return value;
  const withoutOss = value.startsWith("oss-") ? value.slice(4) : value;
  if (KNOWN_REGIONS.has(withoutOss)) return withoutOss;
  return regionOfZone(value);
}

/** A zone ID is its region's ID and a letter: `cn-shanghai-b`, or `us-east-1a` after a region ending in a digit. */
function regionOfZone(value: string): string | undefined {
  const last = value.charCodeAt(value.length - 1);
  const endsWithLetter = last >= 97 && last <= 122;
  if (!endsWithLetter) return undefined;
  const dashed = value.slice(0, -2);
  if (value[value.length - 2] === "-" && KNOWN_REGIONS.has(dashed)) return dashed;
  const joined = value.slice(0, -1);
  return /\d$/.test(joined) && KNOWN_REGIONS.has(joined) ? joined : undefined;
}

function classifyArn(value: string): PlaceVerdict {
  const region = arnRegion(value);
  if (region === "") return unresolved(`ARN "${value}" names no region`);
  return ofRegion(region);
}

/** An ARN's region, its third colon-separated segment (`acs:oss:REGION:…`); empty when it has none. */
function arnRegion(value: string): string {
  const service = value.indexOf(":") + 1;
  const region = service === 0 ? -1 : value.indexOf(":", service) + 1;
  if (region <= 0) return "";
  const end = value.indexOf(":", region);
  return value.slice(region, end < 0 ? value.length : end);
}

/** The host of an Alibaba Cloud endpoint or URL (`oss://bucket.oss-cn-beijing.aliyuncs.com/key` too). */
function hostOf(value: string): string | undefined {
  // Most text names no Alibaba Cloud host: a substring test spares it the regular expression.
  if (!value.includes(ALIBABA_DOMAIN)) return undefined;
  const host = URL_SHAPE.exec(value)?.[2];
  return host?.endsWith(ALIBABA_DOMAIN) === true ? host : undefined;
}

/** The place an Alibaba Cloud host names by its labels; undefined when no label names a region. */
function classifyHost(host: string): PlaceVerdict | undefined {
  const labels = host.slice(0, -ALIBABA_DOMAIN.length).split(".");
  let found: string | undefined;
  for (const label of labels) {
    if (ACCELERATION_LABEL.test(label))
      return outside(`${label} (acceleration through points of presence abroad)`);
    const core = stripHostAffixes(label);
    // A zone in a label names its region: Hangzhou finance OSS is `oss-cn-hzjbp-a(-internal)`.
    const region = regionOfZone(core) ?? core;
    if (isMainlandRegion(region)) found = region;
    else if (REGION_PREFIX.test(core) && REGION_SHAPE.test(core)) return outside(core);
  }
  return found === undefined ? undefined : mainland(found);
}

function stripHostAffixes(label: string): string {
  let core = label;
  for (const prefix of HOST_LABEL_PREFIXES) if (core.startsWith(prefix)) core = core.slice(prefix.length);
  for (const suffix of HOST_LABEL_SUFFIXES) if (core.endsWith(suffix)) core = core.slice(0, -suffix.length);
  return core;
}

/** The provider accepts either value in any case; any case of `International` is the international site. */
function classifyAccountType(value: string): PlaceVerdict {
  const lower = value.toLowerCase();
  if (lower === "domestic") return mainland("Domestic (the China site)");
  if (lower === "international") return outside(INTERNATIONAL_SITE);
  return unresolved(`account_type "${value}" is neither Domestic nor International`);
}

/**
 * The YAML parser, loaded on first use: loading it is a third of the CLI's start-up (2026-12-01, the 2-core
 * machine), and only a Prometheus remote_write document needs it.
 */
function yamlParser(): typeof ParseYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous, and only on first use
  return (require("yaml") as typeof import("yaml")).parse;
}

/** Prometheus sends every sample to each `remote_write[].url`: each must be a mainland endpoint. */
function classifyRemoteWrite(document: string): PlaceVerdict {
  let parsed: unknown;
  try {
    parsed = yamlParser()(document) as unknown;
  } catch {
    return unresolved("the remote_write YAML does not parse");
  }
  const targets = isRecord(parsed) ? parsed.remote_write : undefined;
  if (!Array.isArray(targets) || targets.length === 0)
    return unresolved("the YAML has no remote_write list of targets");
  let worst: PlaceVerdict | undefined;
  for (const target of targets) {
    const url = isRecord(target) ? target.url : undefined;
    const verdict =
      typeof url === "string" ? classifyAlibabaPlace(url) : unresolved("a remote_write target has no url");
    if (verdict.verdict !== "mainland") return verdict;
    worst ??= verdict;
  }
  return worst ?? unresolved("the YAML has no remote_write list of targets");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
