import { isDeepStrictEqual } from "util";
import { EvaluationError } from "../../../policies/language/convert";
import { convertToType, parseTypeConstraint, type TypeConstraint } from "../../../policies/language/types";
import { isSet, Unknown, type Value } from "../../../policies/language/value";
import { oracleScope } from "./evaluation";
import { askTerraform, terraformAvailable } from "./terraform-oracle";

/** A type constraint as written, and a value given for it (JSON, which HCL reads alike). */
const CASES: readonly (readonly [string, unknown])[] = [
  ["string", 1],
  ["string", true],
  ["string", "x"],
  ["number", "5"],
  ["number", "1.5"],
  ["bool", "true"],
  ["bool", "0"],
  ["list(string)", [1, "a", true]],
  ["list(number)", ["1", 2]],
  ["map(string)", { a: 1, b: "x" }],
  ["map(number)", { a: "1" }],
  ["list(map(string))", [{ a: 1 }, { b: "x", c: true }]],
  ["object({ a = string, b = optional(number, 7) })", { a: 1 }],
  ["object({ a = string, b = optional(number, 7) })", { a: "x", b: null }],
  ["object({ a = string, b = optional(list(string)) })", { a: "x" }],
  ["object({ a = string })", { a: "x", extra: 1 }],
  ['object({ "quoted" = number })', { quoted: "3" }],
  ['list(object({ x = optional(string, "d") }))', [{}, { x: "y" }]],
  ["set(string)", ["b", "a", "b"]],
  ["set(number)", [3, "1", 2]],
  ["tuple([string, number])", [1, "2"]],
  ["list(any)", [1, 2]],
  ["list(any)", [1, "a"]],
  ["map(list(any))", { ssh: [22, 22, "tcp", "SSH"], all: [-1, -1, "all", true] }],
  ["set(any)", [2, "1", false]],
  ["map(any)", { a: 1, b: "x" }],
  ["list(any)", [[1], ["a"]]],
  ["list(any)", [1, true]],
  ["map(any)", { a: [1], b: [2] }],
  ["any", { a: [1], b: "x" }],
  ["string", null],
  // Terraform's errors.
  ["number", "abc"],
  ["bool", "yes"],
  ["string", [1]],
  ["object({ a = string })", {}],
  ["tuple([string])", ["a", "b"]],
  ["list(string)", { a: "x" }],
  ["set(string)", ["a", null]],
  ['object({ "quoted" = number })', { quoted: "3" }],
];

/** The guard's conversion: a value, Terraform's error, or a value it does not compute (Unknown). */
function guard(text: string, value: unknown): Value | EvaluationError {
  const type: TypeConstraint | string = parseTypeConstraint(text);
  if (typeof type === "string") return new Unknown(type);
  try {
    return convertToType(value as Value, type, oracleScope);
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
}

describe("type constraints", () => {
  it("reads the forms a variable's type is written in, in HCL and in Terraform JSON", () => {
    expect(parseTypeConstraint("list(map(string))")).toEqual({
      kind: "list",
      element: { kind: "map", element: { kind: "string" } },
    });
    expect(parseTypeConstraint("${list(map(string))}")).toEqual(parseTypeConstraint("list(map(string))"));
    expect(parseTypeConstraint('${object({ a = optional(string, "d") })}')).toMatchObject({
      kind: "object",
    });
  });

  it("says which text is no type constraint", () => {
    for (const text of [
      "strin",
      "list(string, number)",
      "map()",
      "object({ a = 1 })",
      'object({ "a" = string })',
      "list(",
      "${var.t}",
    ])
      expect(typeof parseTypeConstraint(text)).toBe("string");
  });

  it("converts values as Terraform does", () => {
    expect(guard("string", 1)).toBe("1");
    expect(guard("list(map(string))", [{ a: 1, b: true }])).toEqual([{ a: "1", b: "true" }]);
    expect(guard("object({ a = string, b = optional(number, 7) })", { a: 1, c: 2 })).toEqual({
      a: "1",
      b: 7,
    });
    const set = guard("set(string)", ["b", "a", "b"]);
    expect(set).toEqual(["a", "b"]);
    expect(isSet(set as Value)).toBe(true);
  });

  it("keeps an unknown unknown, and leaves unconverted what it does not unify", () => {
    const unknown = new Unknown("known after apply");
    expect(guard("string", unknown)).toBe(unknown);
    expect(guard("list(string)", [unknown])).toEqual([unknown]);
    expect(guard("list(any)", [1, "a", true])).toEqual(["1", "a", "true"]);
    expect(guard("list(any)", [[1], "a"])).toBeInstanceOf(Unknown);
    expect(guard("set(list(string))", [["a"]])).toBeInstanceOf(Unknown);
    expect(guard("set(string)", ["a", null])).toBeInstanceOf(Unknown);
  });
});

const available = terraformAvailable();
if (!available) console.log("terraform is not on PATH: the type conversions are not compared with Terraform");
const describeWithTerraform = available ? describe : describe.skip;

describeWithTerraform("type conversions against terraform", () => {
  it("gives Terraform's value, or refuses; Terraform's error is never a value", () => {
    const answers = askTerraform(
      CASES.map((_, i) => `var.v${i}`),
      [],
      {},
      CASES.map(
        ([type, value], i) => `variable "v${i}" {\n  type = ${type}\n  default = ${JSON.stringify(value)}\n}`,
      ),
    );
    const differences: string[] = [];
    CASES.forEach(([type, value], i) => {
      const ours = guard(type, value);
      const theirs = answers[i];
      const same =
        theirs?.ok === true
          ? ours instanceof Unknown || isDeepStrictEqual(ours, theirs.value)
          : ours instanceof EvaluationError || ours instanceof Unknown;
      if (!same)
        differences.push(
          `${type} of ${JSON.stringify(value)}: guard ${ours instanceof Error ? `error ${ours.message}` : JSON.stringify(ours)}, terraform ${theirs?.ok === true ? JSON.stringify(theirs.value) : "an error"}`,
        );
    });
    expect(differences).toEqual([]);
    // Most cases are computed here, not refused.
    const refused = CASES.filter(([type, value]) => guard(type, value) instanceof Unknown);
    expect(refused.length).toBeLessThanOrEqual(4);
  });
});
