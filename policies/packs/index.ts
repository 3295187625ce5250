import type { RulePack } from "../engine/rule";
import { RESIDENCY_PACK } from "./residency";
import { SECURITY_PACK } from "./security";

/** Rule packs by the name `--rules` takes; `all` runs every pack. */
export const PACKS: Readonly<Record<string, readonly RulePack[]>> = {
  residency: [RESIDENCY_PACK],
  security: [SECURITY_PACK],
  all: [RESIDENCY_PACK, SECURITY_PACK],
};
