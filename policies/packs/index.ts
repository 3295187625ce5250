import type { RulePack } from "../engine/rule";
import { RESIDENCY_PACK } from "./residency";

/** Rule packs by the name `--rules` takes; `all` runs every pack. */
export const PACKS: Readonly<Record<string, readonly RulePack[]>> = {
  residency: [RESIDENCY_PACK],
  all: [RESIDENCY_PACK],
};
