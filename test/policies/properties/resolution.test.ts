import fc from "fast-check";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";
import { checkStacks } from "../../../policies/engine/check";
import { readStack } from "../../../policies/engine/model";
import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { terraformJson } from "../fixtures";

const FOREIGN = ["cn-hongkong", "ap-southeast-1", "eu-central-1", "us-east-1", "cn-shanghai-evil"];
/** Expressions no check can know before apply: undeclared, outside an instance, undefined, derived from those. */
const UNRESOLVABLE = [
  "var.undeclared",
  "each.value",
  "local.missing",
  "lower(var.undeclared)",
  "alicloud_vpc.missing.id",
];

/** How the chain ends: a literal, a variable (pinned by a validation, bound by tfvars, or free), or an expression. */
type End =
  | { readonly kind: "literal"; readonly region: string }
  | { readonly kind: "pinned-variable"; readonly region: string }
  | { readonly kind: "bound-variable"; readonly region: string }
  | { readonly kind: "free-variable"; readonly region: string }
  | { readonly kind: "expression"; readonly text: string };

/**
 * One hop of the chain, each turning the expression so far into another with the same value: a local, a
 * bucket whose location comes from a provider alias's region, an instance of a counted resource, a
 * conditional, a function, a template, a join.
 */
type Hop =
  "local" | "bucket-behind-alias" | "counted-resource" | "conditional" | "lower" | "template" | "join";
const HOPS: readonly Hop[] = [
  "local",
  "bucket-behind-alias",
  "counted-resource",
  "conditional",
  "lower",
  "template",
  "join",
];

const region = fc.constantFrom(...MAINLAND_REGION_IDS, ...FOREIGN);
const end: fc.Arbitrary<End> = fc.oneof(
  fc.record({ kind: fc.constant("literal" as const), region }),
  fc.record({ kind: fc.constant("pinned-variable" as const), region }),
  fc.record({ kind: fc.constant("bound-variable" as const), region }),
  fc.record({ kind: fc.constant("free-variable" as const), region: fc.constantFrom(...MAINLAND_REGION_IDS) }),
  fc.record({ kind: fc.constant("expression" as const), text: fc.constantFrom(...UNRESOLVABLE) }),
);
const hops = fc.array(fc.constantFrom(...HOPS), { maxLength: 6 });

/** The stack: an HBR policy replicating to the start of the chain, and the blocks each hop needs. */
function stackOf(chain: readonly Hop[], last: End) {
  const locals: Record<string, unknown> = {};
  const variable: Record<string, unknown> = {};
  const providers: Record<string, unknown>[] = [{ region: "cn-shanghai" }];
  const buckets: Record<string, unknown> = {};
  const switches: Record<string, unknown> = {};
  let expression: string;
  if (last.kind === "literal") expression = JSON.stringify(last.region);
  else if (last.kind === "expression") expression = last.text;
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
    expression = "var.region";
  }
  chain.forEach((hop, index) => {
    const template = `\${${expression}}`;
    switch (hop) {
      case "local":
        locals[`l${index}`] = template;
        expression = `local.l${index}`;
        break;
      case "bucket-behind-alias":
        providers.push({ alias: `p${index}`, region: template });
        buckets[`b${index}`] = { bucket: `b${index}`, provider: `alicloud.p${index}` };
        expression = `alicloud_oss_bucket.b${index}.location`;
        break;
      case "counted-resource":
        switches[`s${index}`] = {
          count: 2,
          vpc_id: "vpc-1",
          zone_id: `\${count.index == 1 ? ${expression} : "cn-shanghai-b"}`,
        };
        expression = `alicloud_vswitch.s${index}[1].zone_id`;
        break;
      case "conditional":
        expression = `local.never ? "cn-shanghai" : (${expression})`;
        locals.never = false;
        break;
      case "lower":
        expression = `lower(${expression})`;
        break;
      case "template":
        expression = `"\${${expression}}"`;
        break;
      case "join":
        expression = `join("", [${expression}])`;
        break;
    }
  });
  const document = terraformJson("app", {
    provider: { alicloud: providers },
    locals,
    variable,
    resource: {
      alicloud_oss_bucket: buckets,
      alicloud_vswitch: switches,
      alicloud_hbr_policy: { p: { rules: [{ replication_region_id: `\${${expression}}` }] } },
    },
  });
  const stack = readStack(document, "app.json", "app");
  if (last.kind !== "bound-variable") return stack;
  return {
    ...stack,
    variableValues: new Map([["region", { value: last.region, file: "terraform.tfvars" }]]),
  };
}

/**
 * The verdict of the chain's end; but a function over a bucket's location (known only after apply, placed
 * where the bucket is) gives a plain unknown, which is refused.
 */
function expectedVerdict(chain: readonly Hop[], last: End): "mainland" | "outside" | "unresolved" {
  const bucket = chain.indexOf("bucket-behind-alias");
  if (bucket >= 0 && chain.slice(bucket).some((hop) => hop === "lower" || hop === "join"))
    return "unresolved";
  const isMainland = (id: string) => MAINLAND_REGION_IDS.includes(id);
  switch (last.kind) {
    case "literal":
    case "bound-variable":
      return isMainland(last.region) ? "mainland" : "outside";
    case "pinned-variable":
      return isMainland(last.region) ? "mainland" : "unresolved";
    case "free-variable":
    case "expression":
      return "unresolved";
  }
}

describe("resolution properties", () => {
  it("resolves random chains of locals, references, instances, functions and templates to the verdict of their end", () => {
    fc.assert(
      fc.property(hops, end, (chain, last) => {
        const report = checkStacks([stackOf(chain, last)], { today: "2026-06-01", packs: [RESIDENCY_PACK] });
        const placement = report.resources.find((resource) => resource.address === "alicloud_hbr_policy.p");
        const findings = report.findings.filter((finding) => finding.address === "alicloud_hbr_policy.p");
        const expected = expectedVerdict(chain, last);
        expect(placement?.verdict).toBe(expected);
        expect(findings.map((finding) => finding.verdict)).toEqual(expected === "mainland" ? [] : [expected]);
      }),
      { numRuns: 300 },
    );
  });
});
