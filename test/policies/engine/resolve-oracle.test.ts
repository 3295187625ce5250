import fc from "fast-check";
import { isDeepStrictEqual } from "util";
import { MAINLAND_REGION_IDS } from "../../../policies/catalog/regions";
import { readStack, type StackModel } from "../../../policies/engine/model";
import { Resolver } from "../../../policies/engine/resolve";
import { unknownIn } from "../../../policies/language/convert";
import type { Value } from "../../../policies/language/value";
import { expressions } from "../language/generators";
import { askTerraform, ORACLE_LOCALS, terraformAvailable } from "../language/terraform-oracle";

/**
 * Terraform is the oracle for resolution: a generated configuration of locals (chains of templates,
 * directives, functions, conditionals, objects and lists over each other) and variables (bound by
 * terraform.tfvars.json, pinned by a validation, or free) is applied by terraform and read by the
 * resolver; for every output, the resolver's value equals Terraform's, or the resolver refuses (Unknown).
 * ORACLE_RUNS (configurations) and ORACLE_SEED make bigger runs.
 */
const RUNS = Number(process.env.ORACLE_RUNS ?? "2");
const SEED = Number(process.env.ORACLE_SEED ?? "20261201");
const CHAIN_LENGTH = 120;
const GENERATED_EXPRESSIONS = 150;

const LITERALS = ["cn-shanghai", "us-west-1", "cn-hongkong-b", "oss-cn-beijing", "b", "", "A-b"];
const MAINLAND_VALIDATION = {
  condition: `\${contains(${JSON.stringify(MAINLAND_REGION_IDS)}, var.pinned)}`,
  error_message: "mainland only",
};

/** Every fifth local of the chain is an object; the others are text. */
const isObjectLocal = (index: number): boolean => index % 5 === 4;

/** A string-valued operand: an earlier text local of the chain, a variable, or a literal. */
function operand(earlier: number): fc.Arbitrary<string> {
  const texts = Array.from({ length: earlier }, (_, i) => i).filter((i) => !isObjectLocal(i));
  const choices: fc.Arbitrary<string>[] = [
    fc.constantFrom(...LITERALS).map((text) => JSON.stringify(text)),
    fc.constantFrom("var.bound", "var.pinned", "var.free", "local.s1", "local.m1.a", "local.l1.1"),
  ];
  if (texts.length > 0) choices.push(fc.constantFrom(...texts).map((i) => `local.c${i}`));
  const objects = Array.from({ length: earlier }, (_, i) => i).filter(isObjectLocal);
  if (objects.length > 0) {
    const path = fc.constantFrom(".a", '["a"]', ".b[0]", ".b.1");
    choices.push(fc.tuple(fc.constantFrom(...objects), path).map(([i, p]) => `local.c${i}${p}`));
  }
  return fc.oneof(...choices);
}

/** One local of the chain, as Terraform JSON: a template over earlier operands, or an object of them. */
function chainLocal(index: number): fc.Arbitrary<unknown> {
  const a = operand(index);
  const pair = fc.tuple(a, a);
  if (isObjectLocal(index)) return pair.map(([x, y]) => ({ a: `\${${x}}`, b: [`\${${y}}`, "z"] }));
  return fc.oneof(
    pair.map(([x, y]) => `\${${x}}-\${${y}}`),
    pair.map(([x, y]) => `\${join("-", [${x}, ${y}])}`),
    pair.map(([x, y]) => `\${format("%s/%s", ${x}, ${y})}`),
    fc.tuple(fc.constantFrom("upper", "lower", "trimspace"), a).map(([f, x]) => `\${${f}(${x})}`),
    a.map((x) => `\${replace(${x}, "cn", "us")}`),
    fc.tuple(a, a, a, a).map(([w, x, y, z]) => `\${${w} == ${x} ? ${y} : ${z}}`),
    fc.tuple(a, a, a).map(([x, y, z]) => `%{if ${x} != ""}\${${y}}%{else}\${${z}}%{endif}.aliyuncs.com`),
    pair.map(([x, y]) => `%{for s in [${x}, ${y}]}\${s},%{endfor}`),
    a.map((x) => `\${coalesce(${x}, "fallback")}`),
    a.map((x) => `\${${x}}`),
  );
}

const chain: fc.Arbitrary<unknown[]> = fc.tuple(
  ...Array.from({ length: CHAIN_LENGTH }, (_, index) => chainLocal(index)),
);

interface Configuration {
  readonly locals: Record<string, unknown>;
  readonly bound: string;
  readonly pinned: string;
  readonly generated: readonly string[];
}

const configurations: fc.Arbitrary<Configuration> = fc.record({
  locals: chain.map((values) => Object.fromEntries(values.map((value, i) => [`c${i}`, value]))),
  bound: fc.constantFrom(...LITERALS),
  pinned: fc.constantFrom(...MAINLAND_REGION_IDS),
  generated: fc.array(expressions.text, {
    minLength: GENERATED_EXPRESSIONS,
    maxLength: GENERATED_EXPRESSIONS,
  }),
});

function variablesOf(configuration: Configuration): Record<string, unknown> {
  return {
    bound: { type: "string", default: "cn-shanghai" },
    pinned: { type: "string", default: configuration.pinned, validation: [MAINLAND_VALIDATION] },
    free: { type: "string", default: "cn-hangzhou" },
  };
}

/** The stack the resolver reads: the same locals and variables, and the tfvars binding. */
function stackOf(configuration: Configuration): StackModel {
  const document = {
    locals: { ...ORACLE_LOCALS, ...configuration.locals },
    variable: variablesOf(configuration),
  };
  return {
    ...readStack(document, "main.tf.json", "oracle"),
    variableValues: new Map([["bound", { value: configuration.bound, file: "terraform.tfvars.json" }]]),
  };
}

type Verdict = "equal" | "refused" | "different";

function judge(value: Value, answer: { ok: true; value: unknown } | { ok: false }): Verdict {
  if (unknownIn(value) !== undefined) return "refused";
  if (!answer.ok) return "different";
  return isDeepStrictEqual(value, answer.value) ? "equal" : "different";
}

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;
if (!terraformAvailable())
  console.log("terraform is not installed: the resolver's differential tests are skipped");

describeWithTerraform("resolution against terraform", () => {
  it("gives Terraform's value for every local of generated configurations, or refuses", () => {
    const samples = fc.sample(configurations, { numRuns: RUNS, seed: SEED });
    const tally: Record<Verdict, number> = { equal: 0, refused: 0, different: 0 };
    const differences: string[] = [];
    for (const configuration of samples) {
      const names = Object.keys(configuration.locals);
      const templates = [
        ...names.map((name) => `\${local.${name}}`),
        ...configuration.generated.map((e) => `\${${e}}`),
      ];
      const answers = askTerraform([], templates, {
        "resolver.tf.json": JSON.stringify({
          locals: configuration.locals,
          variable: variablesOf(configuration),
        }),
        "terraform.tfvars.json": JSON.stringify({ bound: configuration.bound }),
      });
      const stack = stackOf(configuration);
      const resolver = new Resolver(new Map([[stack.name, stack]]));
      templates.forEach((template, i) => {
        const answer = answers[i] ?? { ok: false };
        const verdict = judge(resolver.value(template, stack), answer);
        tally[verdict]++;
        if (verdict === "different")
          differences.push(`${template} = ${JSON.stringify(answer.ok ? answer.value : "error")}`);
      });
    }
    console.log(`resolution oracle: ${JSON.stringify(tally)} over ${RUNS} configurations`);
    expect(differences).toEqual([]);
    expect(tally.equal).toBeGreaterThan(tally.refused);
  });
});
