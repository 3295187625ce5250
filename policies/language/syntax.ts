/**
 * The syntax tree of Terraform's expression and template language (HCL native syntax). Every node has a
 * `kind`; a parser produces it, the evaluator reads it, nothing else interprets expression text.
 */

/** `1`, `1.5e3`: the source text is kept, since Terraform's numbers are arbitrary-precision. */
export interface NumberLiteral {
  readonly kind: "number";
  readonly text: string;
}

/** A quoted string or template without interpolations or directives, escapes already applied. */
export interface StringLiteral {
  readonly kind: "string";
  readonly value: string;
}

export interface BoolLiteral {
  readonly kind: "bool";
  readonly value: boolean;
}

export interface NullLiteral {
  readonly kind: "null";
}

/** A step of a traversal whose key is written literally: `.name`, `[0]`, `["key"]`, the legacy `.0`. */
export type TraversalStep =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "index"; readonly key: string | NumberLiteral };

/** `local.x`, `alicloud_vswitch.x[0].zone_id`, `count.index`: a root name and its literal steps. */
export interface ScopeTraversal {
  readonly kind: "traversal";
  readonly root: string;
  readonly steps: readonly TraversalStep[];
}

/** Literal steps applied to the value of any other expression: `f(x).a[0]`, `(x).y`. */
export interface RelativeTraversal {
  readonly kind: "relative";
  readonly source: Expression;
  readonly steps: readonly TraversalStep[];
}

/** An index whose key is computed: `x[local.i]`. */
export interface IndexExpression {
  readonly kind: "index";
  readonly collection: Expression;
  readonly key: Expression;
}

/**
 * `xs.*.name` (attribute splat) or `xs[*].name` (full splat). `each` is applied to every element; it is
 * written relative to `splatItem` (the element), so `xs[*].a[0]` has `each` = relative(splatItem, a, [0]).
 */
export interface SplatExpression {
  readonly kind: "splat";
  readonly form: "attribute" | "full";
  readonly source: Expression;
  readonly each: Expression;
}

/** The element a splat's `each` is applied to; appears only inside a splat. */
export interface SplatItem {
  readonly kind: "splatItem";
}

/** `f(a, b)`, and `f(a, xs...)` where the final argument's elements become arguments (`expandFinal`). */
export interface FunctionCall {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly Expression[];
  readonly expandFinal: boolean;
}

export interface Conditional {
  readonly kind: "conditional";
  readonly condition: Expression;
  readonly whenTrue: Expression;
  readonly whenFalse: Expression;
}

export type UnaryOperator = "-" | "!";

export interface UnaryOperation {
  readonly kind: "unary";
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

export type BinaryOperator =
  "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryOperation {
  readonly kind: "binary";
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** `(x)`: kept because a parenthesized object key is an expression, an unparenthesized name is not. */
export interface Parentheses {
  readonly kind: "parentheses";
  readonly expression: Expression;
}

export interface TupleConstructor {
  readonly kind: "tuple";
  readonly elements: readonly Expression[];
}

/** One `key = value` (or `key: value`) of an object; a bare name key (`a`, `true`, `null`) is `bareKey`: its text, not a value. */
export interface ObjectItem {
  readonly key: Expression;
  readonly bareKey: boolean;
  readonly value: Expression;
}

export interface ObjectConstructor {
  readonly kind: "object";
  readonly items: readonly ObjectItem[];
}

/**
 * `[for v in xs : f(v) if c]` (`keyExpression` undefined) or `{for k, v in xs : k => v... if c}`;
 * `keyVariable` is the first of two loop variables, `grouping` the `...` that collects values per key.
 */
export interface ForExpression {
  readonly kind: "for";
  readonly keyVariable?: string;
  readonly valueVariable: string;
  readonly collection: Expression;
  readonly keyExpression?: Expression;
  readonly valueExpression: Expression;
  readonly condition?: Expression;
  readonly grouping: boolean;
}

/** A template with interpolations or directives; strip markers have already trimmed its literal parts. */
export interface Template {
  readonly kind: "template";
  readonly parts: readonly TemplatePart[];
}

export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "interpolation"; readonly expression: Expression }
  | {
      readonly kind: "if";
      readonly condition: Expression;
      readonly whenTrue: readonly TemplatePart[];
      readonly whenFalse: readonly TemplatePart[];
    }
  | {
      readonly kind: "for";
      readonly keyVariable?: string;
      readonly valueVariable: string;
      readonly collection: Expression;
      readonly body: readonly TemplatePart[];
    };

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BoolLiteral
  | NullLiteral
  | ScopeTraversal
  | RelativeTraversal
  | IndexExpression
  | SplatExpression
  | SplatItem
  | FunctionCall
  | Conditional
  | UnaryOperation
  | BinaryOperation
  | Parentheses
  | TupleConstructor
  | ObjectConstructor
  | ForExpression
  | Template;
