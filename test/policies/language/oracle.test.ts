import fc from "fast-check";
import { unknownIn } from "../../../policies/language/convert";
import { applySteps, evaluate, type Scope, type Step } from "../../../policies/language/evaluate";
import { parseExpression, parseTemplate } from "../../../policies/language/parse";
import { Unknown, type Value } from "../../../policies/language/value";
import { expressions, garbledExpressions, garbledTemplates, templates } from "./generators";
import { askTerraform, ORACLE_LOCALS, terraformAvailable } from "./terraform-oracle";

/**
 * Terraform is the oracle: generated expressions and templates are evaluated by terraform and by the
 * guard; the guard's value equals Terraform's, or the guard refuses (Unknown). Never a different value.
 * ORACLE_RUNS (batches of 200 expressions and 200 templates) and ORACLE_SEED make bigger runs.
 */
const BATCHES = Number(process.env.ORACLE_RUNS ?? "3");
const SEED = Number(process.env.ORACLE_SEED ?? "20261201");
const BATCH_SIZE = 200;
/** Per batch, texts a character away from generated ones, which Terraform mostly refuses. */
const GARBLED = 50;

/** Only `local.NAME...` resolves; everything else is unknown, as it would be to the engine. */
const scope: Scope = {
  traverse(root: string, steps: readonly Step[]): Value {
    const [first, ...rest] = steps;
    if (root !== "local" || first?.kind !== "attr" || !Object.hasOwn(ORACLE_LOCALS, first.name)) {
      return new Unknown(`${root} is not a local`);
    }
    return applySteps(ORACLE_LOCALS[first.name] as Value, rest, `local.${first.name}`);
  },
};

/** JSON with object keys sorted: Terraform's output and the guard's value agree up to key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, element]) => `${JSON.stringify(key)}:${canonical(element)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type Verdict = "equal" | "refused" | "different";

function judge(
  parsed: ReturnType<typeof parseExpression>,
  answer: { ok: true; value: unknown } | { ok: false },
): Verdict {
  if (!parsed.ok) return "refused";
  const value = evaluate(parsed.expression, scope);
  if (unknownIn(value) !== undefined) return "refused";
  if (!answer.ok) return "different";
  return canonical(value) === canonical(answer.value) ? "equal" : "different";
}

const available = terraformAvailable();
if (!available) console.log("terraform is not on PATH: the differential tests against Terraform are skipped");
const describeWithTerraform = available ? describe : describe.skip;

describeWithTerraform("the evaluator against terraform", () => {
  const counts: Record<Verdict, number> = { equal: 0, refused: 0, different: 0 };

  for (let batch = 0; batch < BATCHES; batch++) {
    test(`batch ${batch + 1} of ${BATCHES}: ${BATCH_SIZE} expressions and ${BATCH_SIZE} templates, ${GARBLED} garbled of each`, () => {
      const exprs = [
        ...fc.sample(expressions.any, { numRuns: BATCH_SIZE, seed: SEED + batch }),
        ...fc.sample(garbledExpressions, { numRuns: GARBLED, seed: SEED + 2000 + batch }),
      ];
      const temps = [
        ...fc.sample(templates, { numRuns: BATCH_SIZE, seed: SEED + 1000 + batch }),
        ...fc.sample(garbledTemplates, { numRuns: GARBLED, seed: SEED + 3000 + batch }),
      ];
      const answers = askTerraform(exprs, temps);
      const differences: string[] = [];
      const cases = [
        ...exprs.map((text) => ({ text, parsed: parseExpression(text) })),
        ...temps.map((text) => ({ text, parsed: parseTemplate(text) })),
      ];
      cases.forEach(({ text, parsed }, i) => {
        const verdict = judge(parsed, answers[i]);
        counts[verdict]++;
        if (verdict === "different") {
          const ours = parsed.ok ? canonical(evaluate(parsed.expression, scope)) : parsed.error;
          const theirs = answers[i].ok ? JSON.stringify(answers[i].value) : "an error";
          differences.push(`${JSON.stringify(text)}: guard ${ours}, terraform ${theirs}`);
        }
      });
      expect(differences).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(
      `oracle: ${counts.equal} equal, ${counts.refused} refused, ${counts.different} different (seed ${SEED})`,
    );
  });

  test("most generated expressions are evaluated, not refused", () => {
    expect(counts.equal).toBeGreaterThan(counts.refused);
  });
});
