import { LOCATION_FREE_PROVIDERS } from "../catalog/providers";
import type { PlaceVerdict } from "../catalog/places";
import { providerConfigOf, providerOwner, type ResourceBlock, type StackModel } from "./model";
import { Resolver } from "./resolve";
import { withDynamicBlocksExpanded } from "./dynamic";
import type { PackedRule, RulePack } from "./rule";
import { matchException } from "./exceptions";
import type {
  CheckInput,
  CheckReport,
  Exception,
  Finding,
  Mutable,
  ResourcePlacement,
  SourceLocation,
  Verdict,
} from "./types";

export interface CheckOptions {
  /** Approved exceptions, validated by `validateExceptions`. */
  readonly exceptions?: readonly Exception[];
  /** `YYYY-MM-DD`; exceptions that expired before it no longer cover. Defaults to today (UTC). */
  readonly today?: string;
  /** Rule packs to run: the engine knows no rule of its own. */
  readonly packs: readonly RulePack[];
}

const SEVERITY_OF_VERDICT: Readonly<Record<Verdict, number>> = {
  "location-free": 0,
  mainland: 1,
  unresolved: 2,
  outside: 3,
};

/** The worst verdict among places: outside beats unresolved beats mainland. */
export function worstVerdict(places: readonly PlaceVerdict[]): Verdict {
  let worst: Verdict = "location-free";
  for (const { verdict } of places)
    if (SEVERITY_OF_VERDICT[verdict] > SEVERITY_OF_VERDICT[worst]) worst = verdict;
  return worst;
}

function describePlaces(places: readonly PlaceVerdict[], verdict: Verdict): string {
  return [...new Set(places.filter((place) => place.verdict === verdict).map((place) => place.place))].join(
    ", ",
  );
}

function sourceOf(file: string, constructPath: string | undefined, block?: string): SourceLocation {
  const source: Mutable<SourceLocation> = constructPath === undefined ? { file } : { file, constructPath };
  if (block !== undefined) source.block = block;
  return source;
}

function allName(places: readonly PlaceVerdict[], name: string): boolean {
  for (const { place } of places) if (place !== name) return false;
  return true;
}

/**
 * The distinct place names of a resource's provider and its own attributes, in order. In the common case,
 * where they all name one place, the names are one shared array per place: 10,000 resources allocate none.
 */
function placeNames(
  providerPlaces: readonly PlaceVerdict[],
  own: readonly PlaceVerdict[],
  oneName: Map<string, readonly string[]>,
): readonly string[] {
  const first = providerPlaces[0] ?? own[0];
  if (first === undefined) return [];
  if (allName(providerPlaces, first.place) && allName(own, first.place)) {
    const shared = oneName.get(first.place) ?? [first.place];
    oneName.set(first.place, shared);
    return shared;
  }
  return [...new Set([...providerPlaces, ...own].map((place) => place.place))];
}

function worseVerdict(one: Verdict, other: Verdict): Verdict {
  return SEVERITY_OF_VERDICT[other] > SEVERITY_OF_VERDICT[one] ? other : one;
}

interface StackCheck {
  readonly stack: StackModel;
  readonly resolver: Resolver;
  readonly exceptions: readonly Exception[];
  readonly today: string;
  /** The exceptions that named a finding, so that the others are reported as unused. */
  readonly used: Set<Exception>;
}

/** Runs one rule over one stack: a finding per value that is not mainland or has a problem, and the places per address. */
function runRule(
  pack: RulePack,
  rule: PackedRule,
  { stack, resolver, exceptions, today, used }: StackCheck,
  placesByAddress: Map<string, readonly PlaceVerdict[]>,
  findings: Finding[],
): void {
  for (const observation of rule.check({ stack, resolver })) {
    if (observation.places.length > 0) {
      const known = placesByAddress.get(observation.address);
      placesByAddress.set(
        observation.address,
        known === undefined ? observation.places : known.concat(observation.places),
      );
    }
    const verdict = worstVerdict(observation.places);
    if (observation.problem === undefined && verdict !== "outside" && verdict !== "unresolved") continue;
    const resolved = observation.problem ?? describePlaces(observation.places, verdict);
    const where = { rule: rule.id, stack: stack.name, address: observation.address };
    const match = matchException(exceptions, { ...where, places: observation.places }, today);
    if (match !== undefined) used.add(match.matched);
    const exception = match?.exception;
    const problem =
      observation.problem ??
      (verdict === "outside"
        ? `resolves to ${resolved}, outside mainland China`
        : `cannot be resolved: ${resolved}`);
    const finding: Mutable<Finding> = {
      ...where,
      pack: pack.name,
      severity: rule.severity,
      attribute: observation.attribute,
      value: observation.value,
      resolved,
      verdict,
      message: `${observation.attribute} ${problem}. ${rule.help}`,
      covered: exception !== undefined && !exception.expired && exception.refused === undefined,
      source: sourceOf(
        stack.blockFiles?.get(observation.block ?? observation.address) ?? stack.file,
        observation.constructPath,
        observation.block,
      ),
    };
    if (exception !== undefined) finding.exception = exception;
    findings.push(finding);
  }
}

const NO_PLACES: readonly PlaceVerdict[] = [];

/** The places of a provider configuration's region, and their worst verdict. */
interface ProviderRegion {
  readonly places: readonly PlaceVerdict[];
  readonly verdict: Verdict;
}

/** The region of a provider whose resources have no location (`random`, `null`, `time`). */
const LOCATION_FREE: ProviderRegion = { places: NO_PLACES, verdict: "location-free" };

/** Where each managed resource resolves: its provider's region plus every place its attributes name. */
function placements(
  { stack, resolver }: StackCheck,
  placesByAddress: ReadonlyMap<string, readonly PlaceVerdict[]>,
  into: ResourcePlacement[],
): void {
  const oneName = new Map<string, readonly string[]>();
  const fileOnly: SourceLocation = { file: stack.file };
  // 10,000 resources use a few provider configurations: each one's places are looked up once.
  const regions = new Map<string, ProviderRegion>();
  for (let position = 0; position < stack.resources.length; position++) {
    const resource = stack.resources[position] as ResourceBlock;
    if (resource.mode !== "managed") continue;
    let region = LOCATION_FREE_PROVIDERS.has(resource.typeProvider)
      ? LOCATION_FREE
      : regions.get(resource.providerKey);
    if (region === undefined) {
      // A local module's resource uses its caller's configuration, read in the caller's scope.
      const owner = providerOwner(stack, resource.providerKey) ?? {
        stack,
        config: providerConfigOf(stack, resource),
      };
      const places = resolver.providerRegion(owner.stack, owner.config);
      region = { places, verdict: worstVerdict(places) };
      regions.set(resource.providerKey, region);
    }
    const providerPlaces = region.places;
    // No rule that ran placed anything (the security pack's rules place nothing): no address is hashed.
    const own = placesByAddress.size === 0 ? NO_PLACES : (placesByAddress.get(resource.address) ?? NO_PLACES);
    const placement: Mutable<ResourcePlacement> = {
      stack: stack.name,
      address: resource.address,
      type: resource.type,
      provider: resource.providerKey,
      places: placeNames(providerPlaces, own, oneName),
      verdict: worseVerdict(region.verdict, worstVerdict(own)),
      source:
        stack.blockFiles !== undefined
          ? { file: stack.blockFiles.get(resource.address) ?? stack.file }
          : resource.constructPath === undefined
            ? fileOnly
            : sourceOf(stack.file, resource.constructPath),
    };
    if (resource.action !== undefined) placement.action = resource.action;
    into.push(placement);
  }
}

/** A stack and the local modules it calls, expanded, each checked as a model of its own. */
function withExpandedModules(stack: StackModel): StackModel[] {
  return [stack, ...(stack.children ?? []).flatMap(withExpandedModules)];
}

/**
 * Checks stacks (all of one app, so cross-stack references resolve) and returns the report: a finding for
 * every value that does not resolve to mainland China, and where every resource resolves.
 */
export function checkStacks(stacks: readonly StackModel[], options: CheckOptions): CheckReport {
  const { packs } = options;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const exceptions = options.exceptions ?? [];
  const used = new Set<Exception>();
  const resolver = new Resolver(new Map(stacks.map((stack) => [stack.name, stack])));
  const findings: Finding[] = [];
  const resources: ResourcePlacement[] = [];
  for (const stack of stacks.flatMap(withExpandedModules)) {
    const context: StackCheck = {
      stack: withDynamicBlocksExpanded(stack, resolver),
      resolver,
      exceptions,
      today,
      used,
    };
    const placesByAddress = new Map<string, readonly PlaceVerdict[]>();
    for (const pack of packs)
      for (const rule of pack.rules) runRule(pack, rule, context, placesByAddress, findings);
    placements(context, placesByAddress, resources);
  }
  const inputs = new Map<string, CheckInput>();
  for (const { file, kind, variableValues } of stacks) {
    const variables = [...(variableValues ?? [])]
      .map(([variable, bound]) => ({ variable, file: bound.file }))
      .sort((a, b) => (a.variable < b.variable ? -1 : 1));
    inputs.set(file, variables.length === 0 ? { path: file, kind } : { path: file, kind, variables });
  }
  // An exception for a rule of a pack not run could not have matched: it is not called unused.
  const rulesRun = new Set(packs.flatMap((pack) => pack.rules.map((rule) => rule.id)));
  const unusedExceptions = exceptions.filter((e) => rulesRun.has(e.rule) && !used.has(e));
  return {
    inputs: [...inputs.values()],
    rules: packs.flatMap((pack) =>
      pack.rules.map(({ id, severity, title, help }) => ({ id, pack: pack.name, severity, title, help })),
    ),
    findings,
    resources,
    unusedExceptions,
    summary: {
      stacks: stacks.length,
      resources: resources.length,
      violations: findings.filter((finding) => !finding.covered && finding.severity === "error").length,
      covered: findings.filter((finding) => finding.covered).length,
      expiredExceptions: findings.filter((finding) => finding.exception?.expired === true).length,
      unusedExceptions: unusedExceptions.length,
      unresolved: findings.filter((finding) => finding.verdict === "unresolved").length,
    },
  };
}
