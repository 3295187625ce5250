import { isMainlandRegion } from "./regions";

/**
 * Understands the forms in which a literal value names a place, and says whether that place is in
 * mainland China. Only exact matches against the region catalog make a value mainland: a case change,
 * whitespace, a prefix or a suffix (`cn-shanghai-evil`, `xcn-shanghai`) makes it outside or unresolved.
 */

/**
 * How a location attribute names its place.
 * - `place`: a region ID, a zone ID, an OSS location, an endpoint or hostname, or an ACS ARN;
 * - `geo`: a CEN / Global Accelerator geographic region (`China` versus `Asia-Pacific`, `Europe`...);
 * - `cdn-scope`: a CDN / DCDN acceleration scope (`domestic` versus `overseas`, `global`);
 * - `oss-bucket`: a bucket name, which names no place: only a reference to the bucket resource resolves.
 */
export type PlaceForm = "place" | "geo" | "cdn-scope" | "oss-bucket";

export interface PlaceVerdict {
  readonly verdict: "mainland" | "outside" | "unresolved";
  /** The region (or scope) the value names, or why it names none. */
  readonly place: string;
}

const MAINLAND_GEOGRAPHIC_REGIONS: ReadonlySet<string> = new Set(["China", "China-mainland"]);
const MAINLAND_CDN_SCOPES: ReadonlySet<string> = new Set(["domestic"]);

/** A region-shaped ID: two or more lower-case letters, then dash-separated lower-case words or numbers. */
const REGION_SHAPE = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** Prefixes of the region IDs Alibaba Cloud uses for its geographies, to spot a region inside a host name. */
const REGION_PREFIX = /^(cn|ap|us|eu|me|na|sa|af|rus|ca|mx|la|uk|jp|kr|in|au)-/;
/** Host name labels that route through acceleration points of presence worldwide. */
const ACCELERATION_LABEL = /^oss-accelerate(-overseas)?$/;
const URL_SHAPE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)(?::\d+)?(?:[/?#].*)?$/;
const ALIBABA_DOMAIN = ".aliyuncs.com";
const HOST_LABEL_PREFIXES = ["oss-"] as const;
const HOST_LABEL_SUFFIXES = ["-internal", "-intranet", "-vpc"] as const;

const mainland = (place: string): PlaceVerdict => ({ verdict: "mainland", place });
const outside = (place: string): PlaceVerdict => ({ verdict: "outside", place });
const unresolved = (reason: string): PlaceVerdict => ({ verdict: "unresolved", place: reason });

/** The verdict on one literal value in the given form. */
export function classifyPlace(value: string, form: PlaceForm): PlaceVerdict {
  switch (form) {
    case "geo":
      return MAINLAND_GEOGRAPHIC_REGIONS.has(value) ? mainland(value) : outside(value);
    case "cdn-scope":
      return MAINLAND_CDN_SCOPES.has(value) ? mainland(value) : outside(value);
    case "place":
      return classifyAlibabaPlace(value);
    case "oss-bucket":
      return unresolved(
        `bucket name "${value}" does not say where the bucket is; reference the alicloud_oss_bucket resource instead`,
      );
  }
}

function classifyAlibabaPlace(value: string): PlaceVerdict {
  const region = regionOfIdentifier(value);
  if (region !== undefined) return isMainlandRegion(region) ? mainland(region) : outside(region);
  if (value.startsWith("acs:")) return classifyArn(value);
  if (REGION_SHAPE.test(value)) return outside(value);
  const host = URL_SHAPE.exec(value)?.[1];
  if (host !== undefined && host.includes(".")) return classifyHost(host);
  return unresolved(`"${value}" names no region, zone, OSS location, endpoint or ARN`);
}

/**
 * The mainland region a bare identifier names: a region ID, a zone ID (`cn-shanghai-b`,
 * `cn-shanghai-finance-1z`) or an OSS location (`oss-cn-hangzhou`); undefined when it names no mainland region.
 */
function regionOfIdentifier(value: string): string | undefined {
  if (isMainlandRegion(value)) return value;
  const withoutOss = value.startsWith("oss-") ? value.slice(4) : value;
  if (isMainlandRegion(withoutOss)) return withoutOss;
  return regionOfZone(value);
}

function regionOfZone(value: string): string | undefined {
  const last = value.charCodeAt(value.length - 1);
  const endsWithLetter = last >= 97 && last <= 122;
  if (!endsWithLetter) return undefined;
  const dashed = value.slice(0, -2);
  if (value[value.length - 2] === "-" && isMainlandRegion(dashed)) return dashed;
  const joined = value.slice(0, -1);
  return /\d$/.test(joined) && isMainlandRegion(joined) ? joined : undefined;
}

function classifyArn(value: string): PlaceVerdict {
  const region = value.split(":")[2] ?? "";
  if (region === "") return unresolved(`ARN "${value}" names no region`);
  return isMainlandRegion(region) ? mainland(region) : outside(region);
}

function classifyHost(host: string): PlaceVerdict {
  if (!host.endsWith(ALIBABA_DOMAIN)) {
    return unresolved(`"${host}" is not an Alibaba Cloud endpoint; where it keeps data is unknown`);
  }
  const labels = host.slice(0, -ALIBABA_DOMAIN.length).split(".");
  let found: string | undefined;
  for (const label of labels) {
    if (ACCELERATION_LABEL.test(label))
      return outside(`${label} (acceleration through points of presence abroad)`);
    const core = stripHostAffixes(label);
    if (isMainlandRegion(core)) found = core;
    else if (REGION_PREFIX.test(core) && REGION_SHAPE.test(core)) return outside(core);
  }
  return found === undefined ? unresolved(`endpoint "${host}" names no region`) : mainland(found);
}

function stripHostAffixes(label: string): string {
  let core = label;
  for (const prefix of HOST_LABEL_PREFIXES) if (core.startsWith(prefix)) core = core.slice(prefix.length);
  for (const suffix of HOST_LABEL_SUFFIXES) if (core.endsWith(suffix)) core = core.slice(0, -suffix.length);
  return core;
}
