import type { RulePack } from "../engine/rule";
import { controlPlane } from "../rules/provider/control-plane";
import { endpointOverrides } from "../rules/provider/endpoint-overrides";
import { providerRegion } from "../rules/provider/provider-region";
import { locationAttributes } from "../rules/resource/location-attributes";
import { otherProviders } from "../rules/resource/other-providers";
import { placesInValues } from "../rules/resource/places-in-values";
import { credentialInInput } from "../rules/secrets/credential-in-input";
import { backend } from "../rules/terraform/backend";
import { modules } from "../rules/terraform/modules";

const STAY =
  "Data generated in mainland China must stay there unless a data-export security assessment approves it.";

/** The residency pack: everything that places data or a network path must resolve to mainland China. */
export const RESIDENCY_PACK: RulePack = {
  name: "residency",
  rules: [
    {
      id: "RES-PROVIDER-REGION",
      severity: "error",
      title: "Provider configuration outside mainland China or without a region",
      help: `${STAY} Set \`region\` on every alicloud provider, default and alias, to a mainland region (e.g. cn-shanghai), as a literal or a MainlandRegionVariable.`,
      check: providerRegion,
    },
    {
      id: "RES-ENDPOINT-OVERRIDE",
      severity: "error",
      title: "Provider endpoint override outside mainland China",
      help: `${STAY} Remove the endpoint override or point it at the mainland regional endpoint (e.g. oss-cn-shanghai-internal.aliyuncs.com); acceleration endpoints route abroad.`,
      check: endpointOverrides,
    },
    {
      id: "RES-PROVIDER-CONTROL-PLANE",
      severity: "error",
      title: "Provider setting that sends API calls outside mainland China",
      help: `${STAY} Remove \`account_type = "International"\` (or set "Domestic"): with it the provider calls the international site's central endpoints, outside mainland China, for Cloud Config, Cloud Firewall, ESA and BSS (ap-southeast-1) and ROS and Resource Center (-intl), and sends them the configuration it manages.`,
      check: controlPlane,
    },
    {
      id: "RES-BACKEND",
      severity: "error",
      title: "Terraform state kept outside mainland China",
      help: `${STAY} State holds every attribute of every resource: use an OSS backend with a mainland \`region\`, or local state.`,
      check: backend,
    },
    {
      id: "RES-LOCATION-ATTRIBUTE",
      severity: "error",
      title: "Resource places data or a network path outside mainland China",
      help: `${STAY} Set the attribute (replication, backup copy, peer, delivery target, zone...) to a mainland place, as a literal, a local, a reference to a mainland resource, or a MainlandRegionVariable.`,
      check: locationAttributes,
    },
    {
      id: "RES-PLACE-IN-VALUE",
      severity: "error",
      title: "Argument whose value names a place outside mainland China",
      help: `${STAY} A value shaped as a place (a region or zone ID, an OSS location, an Alibaba Cloud endpoint or URL, an ACS ARN, or JSON holding one) names that place under any attribute name: replace it with the mainland place, or rename a value that only looks like a place.`,
      check: placesInValues,
    },
    {
      id: "RES-OTHER-PROVIDER",
      severity: "error",
      title: "Resource of a provider whose location cannot be checked",
      help: `${STAY} Only alicloud and location-free utility providers (random, null, time, tls, local, archive) are checked; remove the resource, or record an exception in residency-exceptions.json (an approved export, or mainland-verified once a reviewer has verified where it is).`,
      check: otherProviders,
    },
    {
      id: "RES-MODULE",
      severity: "error",
      title: "Module whose resources cannot be seen before plan",
      help: `${STAY} Vendor the module into the repository and call it by a relative path (./modules/...), so that its resources are checked, or check the plan of this stack (terraform show -json) with residency check.`,
      check: modules,
    },
    {
      id: "SEC-CREDENTIAL-IN-INPUT",
      severity: "warning",
      title: "Credential written in the input",
      help: "Remove the credential and rotate it: the alicloud provider and the OSS backend read ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY and ALICLOUD_SECURITY_TOKEN from the environment, and anything written in Terraform JSON ends up in the repository, the state and the CI logs.",
      check: credentialInInput,
    },
  ],
};
