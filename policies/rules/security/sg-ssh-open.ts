import type { Observation, RuleContext } from "../../engine/rule";
import { worldIngressToPort } from "./security-group";

/** No security group rule lets the internet reach SSH (port 22). */
export function sgSshOpen(context: RuleContext): Observation[] {
  return worldIngressToPort(context, 22, "SSH");
}
