import { settingRule } from "./setting";
import { blocksOf, toText } from "./read";

const WEAK_VERSIONS: ReadonlySet<string> = new Set(["TLSv1.0", "TLSv1.1"]);

/** An SLB TLS cipher policy offers no TLS version older than 1.2. */
export const tlsPolicy = settingRule({
  types: ["alicloud_slb_tls_cipher_policy"],
  path: ["tls_versions"],
  check: (value) => {
    const weak: string[] = [];
    for (const item of blocksOf(value)) {
      const version = toText(item);
      if (typeof version !== "string") return version.problem;
      if (WEAK_VERSIONS.has(version)) weak.push(version);
    }
    return weak.length === 0 ? undefined : `offers ${weak.join(" and ")}: only TLSv1.2 and later are secure`;
  },
  missing: "is not set: the policy names no TLS version",
});
