import { LOCATION_FREE_PROVIDERS } from "../rules/resource/other-providers";
import { RESIDENCY_PACK, type RulePack } from "../packs/residency";
import type { PlaceVerdict } from "../places";
import { providerOfType, type StackModel } from "./model";
import { Resolver } from "./resolve";
import { matchSuppression } from "./suppressions";
import type { CheckReport, Finding, InputKind, ResourcePlacement, Suppression, Verdict } from "./types";

export interface CheckOptions {
  readonly suppressions?: readonly Suppression[];
  /** `YYYY-MM-DD`; suppressions that expired before it no longer suppress. Defaults to today (UTC). */
  readonly today?: string;
  /** Rule packs to run; the residency pack by default. */
  readonly packs?: readonly RulePack[];
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

/**
 * Checks stacks (all of one app, so cross-stack references resolve) and returns the report: a finding for
 * every value that does not resolve to mainland China, and where every resource resolves.
 */
export function checkStacks(stacks: readonly StackModel[], options: CheckOptions = {}): CheckReport {
  const packs = options.packs ?? [RESIDENCY_PACK];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const suppressions = options.suppressions ?? [];
  const resolver = new Resolver(new Map(stacks.map((stack) => [stack.name, stack])));
  const findings: Finding[] = [];
  const resources: ResourcePlacement[] = [];
  for (const stack of stacks) {
    const placesByAddress = new Map<string, PlaceVerdict[]>();
    for (const pack of packs) {
      for (const rule of pack.rules) {
        for (const observation of rule.check({ stack, resolver })) {
          const known = placesByAddress.get(observation.address);
          if (known === undefined) placesByAddress.set(observation.address, [...observation.places]);
          else known.push(...observation.places);
          const verdict = worstVerdict(observation.places);
          if (verdict !== "outside" && verdict !== "unresolved") continue;
          const resolved = describePlaces(observation.places, verdict);
          const finding = { rule: rule.id, stack: stack.name, address: observation.address };
          const suppression = matchSuppression(suppressions, finding, today);
          findings.push({
            ...finding,
            severity: rule.severity,
            attribute: observation.attribute,
            value: observation.value,
            resolved,
            verdict,
            message: `${observation.attribute} ${verdict === "outside" ? `resolves to ${resolved}, outside mainland China` : `cannot be resolved: ${resolved}`}. ${rule.help}`,
            suppressed: suppression !== undefined && !suppression.expired,
            ...(suppression === undefined ? {} : { suppression }),
            source: {
              file: stack.file,
              ...(observation.constructPath === undefined
                ? {}
                : { constructPath: observation.constructPath }),
            },
          });
        }
      }
    }
    for (const resource of stack.resources) {
      if (resource.mode !== "managed") continue;
      const provider = providerOfType(resource.type);
      const config = stack.providers.get(resource.providerKey);
      const places: PlaceVerdict[] = LOCATION_FREE_PROVIDERS.has(provider)
        ? []
        : config === undefined
          ? [{ verdict: "unresolved", place: `provider ${resource.providerKey} is not configured` }]
          : [...resolver.providerRegion(stack, config), ...(placesByAddress.get(resource.address) ?? [])];
      const verdict = worstVerdict(places);
      resources.push({
        stack: stack.name,
        address: resource.address,
        type: resource.type,
        provider: resource.providerKey,
        places: [...new Set(places.map((place) => place.place))],
        verdict,
        ...(resource.action === undefined ? {} : { action: resource.action }),
        source: {
          file: stack.file,
          ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
        },
      });
    }
  }
  const kinds = new Map<string, InputKind>(stacks.map((stack) => [stack.file, stack.kind]));
  return {
    inputs: [...kinds].map(([path, kind]) => ({ path, kind })),
    rules: packs.flatMap((pack) =>
      pack.rules.map(({ id, severity, title, help }) => ({ id, severity, title, help })),
    ),
    findings,
    resources,
    summary: {
      stacks: stacks.length,
      resources: resources.length,
      violations: findings.filter((finding) => !finding.suppressed && finding.severity === "error").length,
      suppressed: findings.filter((finding) => finding.suppressed).length,
      expiredSuppressions: findings.filter((finding) => finding.suppression?.expired === true).length,
      unresolved: findings.filter((finding) => finding.verdict === "unresolved").length,
    },
  };
}
