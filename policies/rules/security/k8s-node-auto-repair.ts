import { isBool, settingRule } from "./setting";

/** A Kubernetes node pool repairs failed nodes automatically (`management.auto_repair = true`). */
export const k8sNodeAutoRepair = settingRule({
  types: ["alicloud_cs_kubernetes_node_pool"],
  path: ["management", "auto_repair"],
  check: isBool(true),
  missing: "is not set: failed nodes stay failed (the default is false)",
});
