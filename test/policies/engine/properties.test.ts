import fc from "fast-check";
import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { checkStacks } from "../../../policies/engine/check";
import { InputError, readStack } from "../../../policies/engine/model";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";
import { terraformJson } from "../fixtures";

const FOREIGN = ["cn-hongkong", "ap-southeast-1", "us-west-1", "cn-shanghai-evil"];

describe("engine properties", () => {
  it("never throws on arbitrary JSON except to refuse it as bad input", () => {
    const blocks = fc.dictionary(
      fc.constantFrom(
        "resource",
        "provider",
        "data",
        "variable",
        "locals",
        "output",
        "terraform",
        "module",
        "//",
      ),
      fc.jsonValue({ maxDepth: 5 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), blocks), (document) => {
        try {
          checkStacks([readStack(document, "x.json", "x")], { packs: [RESIDENCY_PACK] });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }),
    );
  });

  it("resolves random chains of locals, resource references and aliases to the right verdict", () => {
    // A chain: the zone is `${local.l0}`, each local points to the next, the last names a bucket's
    // location, and the bucket sits behind a provider alias in the final region.
    const chain = fc.record({
      length: fc.integer({ min: 0, max: 6 }),
      region: fc.constantFrom(...MAINLAND_REGION_IDS, ...FOREIGN),
      viaBucket: fc.boolean(),
    });
    fc.assert(
      fc.property(chain, ({ length, region, viaBucket }) => {
        const end = viaBucket ? "${alicloud_oss_bucket.target.location}" : region;
        const locals = Object.fromEntries(
          Array.from({ length }, (_, index) => [
            `l${index}`,
            index === length - 1 ? end : `\${local.l${index + 1}}`,
          ]),
        );
        const start = length === 0 ? end : "${local.l0}";
        const document = terraformJson("app", {
          provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "far", region }] },
          locals,
          resource: {
            alicloud_oss_bucket: { target: { bucket: "t", provider: "alicloud.far" } },
            alicloud_hbr_policy: { p: { rules: [{ replication_region_id: start }] } },
          },
        });
        const findings = checkStacks([readStack(document, "x.json", "x")], {
          packs: [RESIDENCY_PACK],
        }).findings.filter((finding) => finding.rule === "RES-LOCATION-ATTRIBUTE");
        return MAINLAND_REGION_IDS.includes(region) ? findings.length === 0 : findings.length === 1;
      }),
    );
  });

  it("always refuses expressions it cannot evaluate", () => {
    const expression = fc.constantFrom(
      "${var.undeclared}",
      "${each.value}",
      "${count.index}",
      '${upper("cn-shanghai")}',
      "${alicloud_vpc.missing.region}",
      "${local.missing}",
      "${self.region}",
      "${module.m.region}",
      "${terraform.workspace}",
    );
    fc.assert(
      fc.property(expression, fc.constantFrom("", "-b", "prefix-"), (text, affix) => {
        const document = terraformJson("app", {
          resource: { alicloud_vswitch: { s: { zone_id: `${text}${affix}` } } },
        });
        const [finding] = checkStacks([readStack(document, "x.json", "x")], {
          packs: [RESIDENCY_PACK],
        }).findings;
        return finding?.verdict === "unresolved";
      }),
    );
  });
});
