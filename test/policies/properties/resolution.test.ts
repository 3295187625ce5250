import fc from "fast-check";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";
import { check, terraformJson } from "../fixtures";

const FOREIGN = ["cn-hongkong", "ap-southeast-1", "eu-central-1", "us-east-1", "cn-shanghai-evil"];
const UNRESOLVABLE = ["${var.undeclared}", "${each.value}", '${lower("CN-SHANGHAI")}', "${local.missing}"];

/** How the chain ends: a literal, a variable (pinned by a validation or not), or an expression. */
type End =
  | { readonly kind: "literal"; readonly region: string }
  | { readonly kind: "pinned-variable"; readonly region: string }
  | { readonly kind: "free-variable"; readonly region: string }
  | { readonly kind: "expression"; readonly text: string };

/** One hop of the chain: a local, or a bucket whose location comes from a provider alias's region. */
type Hop = "local" | "bucket-behind-alias";

const end: fc.Arbitrary<End> = fc.oneof(
  fc.record({
    kind: fc.constant("literal" as const),
    region: fc.constantFrom(...MAINLAND_REGION_IDS, ...FOREIGN),
  }),
  fc.record({
    kind: fc.constant("pinned-variable" as const),
    region: fc.constantFrom(...MAINLAND_REGION_IDS, ...FOREIGN),
  }),
  fc.record({ kind: fc.constant("free-variable" as const), region: fc.constantFrom(...MAINLAND_REGION_IDS) }),
  fc.record({ kind: fc.constant("expression" as const), text: fc.constantFrom(...UNRESOLVABLE) }),
);
const hops = fc.array(fc.constantFrom<Hop>("local", "bucket-behind-alias"), { maxLength: 6 });

/** The stack: an HBR policy replicating to the start of the chain, and the blocks each hop needs. */
function stackOf(chain: readonly Hop[], last: End): Record<string, unknown> {
  const locals: Record<string, unknown> = {};
  const variable: Record<string, unknown> = {};
  const providers: Record<string, unknown>[] = [{ region: "cn-shanghai" }];
  const buckets: Record<string, unknown> = {};
  let value: string;
  if (last.kind === "literal") value = last.region;
  else if (last.kind === "expression") value = last.text;
  else {
    // A validation that admits the region: it lists the mainland catalog, plus the region when it is foreign.
    const admitted = [...new Set([...MAINLAND_REGION_IDS, last.region])];
    const validation = {
      condition: `\${contains(${JSON.stringify(admitted)}, var.region)}`,
      error_message: "x",
    };
    variable.region =
      last.kind === "pinned-variable"
        ? { default: last.region, validation: [validation] }
        : { default: last.region };
    value = "${var.region}";
  }
  chain.forEach((hop, index) => {
    if (hop === "local") {
      locals[`l${index}`] = value;
      value = `\${local.l${index}}`;
    } else {
      providers.push({ alias: `p${index}`, region: value });
      buckets[`b${index}`] = { bucket: `b${index}`, provider: `alicloud.p${index}` };
      value = `\${alicloud_oss_bucket.b${index}.location}`;
    }
  });
  return terraformJson("app", {
    provider: { alicloud: providers },
    locals,
    variable,
    resource: {
      alicloud_oss_bucket: buckets,
      alicloud_hbr_policy: { p: { rules: [{ replication_region_id: value }] } },
    },
  });
}

function expectedVerdict(last: End): "mainland" | "outside" | "unresolved" {
  switch (last.kind) {
    case "literal":
      return MAINLAND_REGION_IDS.includes(last.region) ? "mainland" : "outside";
    case "pinned-variable":
      return MAINLAND_REGION_IDS.includes(last.region) ? "mainland" : "unresolved";
    case "free-variable":
    case "expression":
      return "unresolved";
  }
}

describe("resolution properties", () => {
  it("resolves random chains of locals, bucket references and provider aliases to the verdict of their end", () => {
    fc.assert(
      fc.property(hops, end, (chain, last) => {
        const report = check([stackOf(chain, last)]);
        const placement = report.resources.find((resource) => resource.address === "alicloud_hbr_policy.p");
        const findings = report.findings.filter((finding) => finding.address === "alicloud_hbr_policy.p");
        const expected = expectedVerdict(last);
        expect(placement?.verdict).toBe(expected);
        expect(findings.map((finding) => finding.verdict)).toEqual(expected === "mainland" ? [] : [expected]);
      }),
      { numRuns: 300 },
    );
  });
});
