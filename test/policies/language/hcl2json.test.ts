import { getExpressionAst } from "@cdktn/hcl2json";
import fc from "fast-check";
import { parseTemplate } from "../../../policies/language/parse";
import type { Expression, TemplatePart, TraversalStep } from "../../../policies/language/syntax";
import { expressions } from "./generators";

/**
 * Our parser against HashiCorp's (`getExpressionAst` of @cdktn/hcl2json): on generated templates, both
 * trees reduce to the same fingerprint. The fingerprint is the pre-order sequence of node kinds with
 * operators, function names (and `...` expansion), traversal steps, number and bool literals, object
 * keys (bare, quoted or parenthesized) and for-loop variables. Literal text is left out: HashiCorp's
 * tree holds it as source slices (escapes and strip markers not applied), ours as values.
 * HCL2JSON_RUNS and HCL2JSON_SEED make bigger runs.
 * A template is written twice from the same parts: as the Terraform JSON string our parseTemplate reads,
 * and as the HCL quoted string getExpressionAst reads (literal text escaped for HCL).
 */
const RUNS = Number(process.env.HCL2JSON_RUNS ?? "200");

const OPERATORS: Record<string, string> = {
  "||": "logicalOr",
  "&&": "logicalAnd",
  "==": "equal",
  "!=": "notEqual",
  "<": "lessThan",
  "<=": "lessThanOrEqual",
  ">": "greaterThan",
  ">=": "greaterThanOrEqual",
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "%": "modulo",
};

function steps(list: readonly TraversalStep[]): string {
  return list
    .map((step) =>
      step.kind === "attr"
        ? `n${step.name}`
        : typeof step.key === "string"
          ? `i${JSON.stringify(step.key)}`
          : `i${step.key.text}`,
    )
    .join(",");
}

function ours(expression: Expression): string[] {
  switch (expression.kind) {
    case "string":
      return ["S"];
    case "number":
      return [`N:${expression.text}`];
    case "bool":
      return [`B:${expression.value}`];
    case "null":
      return ["NULL"];
    case "traversal":
      return [`T:n${expression.root}${expression.steps.length > 0 ? "," : ""}${steps(expression.steps)}`];
    case "relative":
      return [`R:${steps(expression.steps)}`, ...ours(expression.source)];
    case "index":
      return ["IDX", ...ours(expression.collection), ...ours(expression.key)];
    case "splat":
      return ["SPLAT", ...ours(expression.source), ...ours(expression.each)];
    case "splatItem":
      return ["ANON"];
    case "call":
      return [`F:${expression.name}${expression.expandFinal ? "..." : ""}`, ...expression.args.flatMap(ours)];
    case "conditional":
      return [
        "COND",
        ...ours(expression.condition),
        ...ours(expression.whenTrue),
        ...ours(expression.whenFalse),
      ];
    case "unary":
      return [`U:${expression.operator === "-" ? "negate" : "logicalNot"}`, ...ours(expression.operand)];
    case "binary":
      return [`OP:${OPERATORS[expression.operator]}`, ...ours(expression.left), ...ours(expression.right)];
    case "parentheses":
      return ["PAREN", ...ours(expression.expression)];
    case "tuple":
      return ["TUPLE", ...expression.elements.flatMap(ours)];
    case "object":
      return [
        "OBJ",
        ...expression.items.flatMap((item) => [
          "KEY",
          ...(item.bareKey ? [] : ours(item.key)),
          ...ours(item.value),
        ]),
      ];
    case "for":
      return [
        `FOR:${expression.keyVariable ?? ""},${expression.valueVariable}`,
        ...ours(expression.collection),
        ...(expression.keyExpression === undefined ? [] : ours(expression.keyExpression)),
        ...ours(expression.valueExpression),
        ...(expression.condition === undefined ? [] : ours(expression.condition)),
      ];
    case "template":
      return templateParts(expression.parts);
  }
}

function templateParts(parts: readonly TemplatePart[]): string[] {
  if (parts.every((part) => part.kind === "text")) return ["S"];
  return [
    "TPL",
    ...parts.flatMap((part): string[] => {
      if (part.kind === "text") return [];
      if (part.kind === "interpolation") return ours(part.expression);
      if (part.kind === "if")
        return [
          "COND",
          ...ours(part.condition),
          ...templateParts(part.whenTrue),
          ...templateParts(part.whenFalse),
        ];
      return [
        "JOIN",
        `FOR:${part.keyVariable ?? ""},${part.valueVariable}`,
        ...ours(part.collection),
        ...templateParts(part.body),
      ];
    }),
  ];
}

interface AstNode {
  type: string;
  children: AstNode[];
  meta?: {
    operator?: string;
    name?: string;
    type?: string;
    value?: string;
    expandedFinalArgument?: boolean;
    traversal?: { type: string; segment: string }[];
    keyVar?: string;
    valVar?: string;
  };
}

function segments(node: AstNode): string {
  return (node.meta?.traversal ?? [])
    .map((step) => `${step.type === "nameTraversal" ? "n" : "i"}${step.segment}`)
    .join(",");
}

function theirs(node: AstNode): string[] {
  const children = node.children;
  const meta = node.meta ?? {};
  switch (node.type) {
    case "templateWrap":
      return theirs(children[0]);
    case "template":
      if (children.every((child) => child.type === "literalValue" && child.meta?.type === "string"))
        return ["S"];
      return [
        "TPL",
        ...children
          .filter((child) => !(child.type === "literalValue" && child.meta?.type === "string"))
          .flatMap(theirs),
      ];
    case "literalValue":
      if (meta.type === "number") return [`N:${meta.value}`];
      if (meta.type === "bool") return [`B:${meta.value}`];
      if (meta.type === "dynamic") return ["NULL"];
      return ["S"];
    case "scopeTraversal":
      return [`T:${segments(node)}`];
    case "relativeTraversal":
      return [`R:${segments(node)}`, ...children.flatMap(theirs)];
    case "index":
      return ["IDX", ...children.flatMap(theirs)];
    case "splat":
      return ["SPLAT", ...children.flatMap(theirs)];
    case "function":
      return [`F:${meta.name}${meta.expandedFinalArgument ? "..." : ""}`, ...children.flatMap(theirs)];
    case "conditional":
      return ["COND", ...children.flatMap(theirs)];
    case "unaryOp":
      return [`U:${meta.operator}`, ...children.flatMap(theirs)];
    case "binaryOp":
      return [`OP:${meta.operator}`, ...children.flatMap(theirs)];
    case "tuple":
      return ["TUPLE", ...children.flatMap(theirs)];
    case "object":
      // Keys and values alternate; a key is an unnamed node around the key expression (none when bare).
      return [
        "OBJ",
        ...children.flatMap((child, i) =>
          i % 2 === 0 ? ["KEY", ...child.children.flatMap(theirs)] : theirs(child),
        ),
      ];
    case "for":
      return [`FOR:${meta.keyVar ?? ""},${meta.valVar}`, ...children.flatMap(theirs)];
    case "templateJoin":
      return ["JOIN", ...children.flatMap(theirs)];
    case "":
      // An unnamed node is parentheses around one expression, or the element a splat is applied to.
      return children.length === 0 ? ["ANON"] : ["PAREN", ...children.flatMap(theirs)];
    default:
      return [`?${node.type}`];
  }
}

/** A template's parts, each as Terraform JSON text and as HCL quoted-string text. */
type Part = { json: string; hcl: string };

const literal = fc
  .constantFrom("oss-", ".aliyuncs.com", " ", "a\tb", '"q"', "back\\slash", "$${x}", "%%{y}", "$ ", "% ")
  .map((text): Part => ({
    json: text,
    hcl: text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\t/g, "\\t"),
  }));
const same = (text: string): Part => ({ json: text, hcl: text });
const part = fc.oneof(
  literal,
  expressions.any.map((a) => same(`\${${a}}`)),
  expressions.text.map((a) => same(`\${~ ${a} ~}`)),
  fc.tuple(expressions.bool, literal, literal).map(([c, a, b]) => ({
    json: `%{ if ${c} }${a.json}%{ else ~}${b.json}%{ endif }`,
    hcl: `%{ if ${c} }${a.hcl}%{ else ~}${b.hcl}%{ endif }`,
  })),
  fc.tuple(expressions.list, literal).map(([l, a]) => ({
    json: `%{~ for i, v in ${l} }\${v}${a.json}%{ endfor }`,
    hcl: `%{~ for i, v in ${l} }\${v}${a.hcl}%{ endfor }`,
  })),
);
const template = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => ({
  json: parts.map((p) => p.json).join(""),
  hcl: `"${parts.map((p) => p.hcl).join("")}"`,
}));

describe("the parser against HashiCorp's (@cdktn/hcl2json getExpressionAst)", () => {
  test(`${RUNS} generated templates have the same structure in both`, async () => {
    const samples = fc.sample(template, { numRuns: RUNS, seed: Number(process.env.HCL2JSON_SEED ?? "42") });
    const differences: string[] = [];
    let parsedByBoth = 0;
    for (const sample of samples) {
      const mine = parseTemplate(sample.json);
      let reference: string[] | undefined;
      try {
        reference = theirs((await getExpressionAst("main.tf", sample.hcl)) as AstNode);
      } catch {
        reference = undefined;
      }
      const fingerprint = mine.ok ? ours(mine.expression) : undefined;
      if (fingerprint !== undefined && reference !== undefined) parsedByBoth++;
      if (JSON.stringify(fingerprint) !== JSON.stringify(reference)) {
        differences.push(
          `${JSON.stringify(sample.json)}\n  ours   ${fingerprint?.join(" ") ?? (mine.ok ? "" : mine.error)}\n  theirs ${reference?.join(" ") ?? "an error"}`,
        );
      }
    }
    expect(differences).toEqual([]);
    // Nearly all generated templates are valid; the comparison is not vacuous.
    expect(parsedByBoth).toBeGreaterThan(RUNS * 0.9);
  }, 120_000);
});
