import type { Observation, RuleContext } from "../../engine/rule";
import { worldIngressToPort } from "./security-group";

/** No security group rule lets the internet reach Remote Desktop (port 3389). */
export function sgRdpOpen(context: RuleContext): Observation[] {
  return worldIngressToPort(context, 3389, "RDP");
}
