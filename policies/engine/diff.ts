import type { PlacementChange, ResourcePlacement } from "./types";

const key = (placement: ResourcePlacement): string => `${placement.stack}\u0000${placement.address}`;
const samePlaces = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/** Resources added, removed, or moved (resolved places changed) between a base check and this one. */
export function diffPlacements(
  base: readonly ResourcePlacement[],
  head: readonly ResourcePlacement[],
): PlacementChange[] {
  const before = new Map(base.map((placement) => [key(placement), placement]));
  const changes: PlacementChange[] = [];
  for (const placement of head) {
    const old = before.get(key(placement));
    before.delete(key(placement));
    const action = placement.action === undefined ? {} : { action: placement.action };
    const where = { stack: placement.stack, address: placement.address };
    if (old === undefined) changes.push({ change: "added", ...where, after: placement.places, ...action });
    else if (!samePlaces(old.places, placement.places)) {
      changes.push({ change: "moved", ...where, before: old.places, after: placement.places, ...action });
    }
  }
  for (const old of before.values()) {
    changes.push({ change: "removed", stack: old.stack, address: old.address, before: old.places });
  }
  return changes;
}
