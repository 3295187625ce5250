import { isDeepStrictEqual } from "util";
import { EvaluationError } from "../../../policies/language/convert";
import { convertToType, parseTypeConstraint, type TypeConstraint } from "../../../policies/language/types";
import { isSet, PartialText, Unknown, type Value } from "../../../policies/language/value";
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

  it("reads every kind of type, and optional attributes with and without a default", () => {
    expect(parseTypeConstraint("${string}")).toEqual({ kind: "string" });
    expect(parseTypeConstraint("any")).toEqual({ kind: "any" });
    expect(parseTypeConstraint("set(number)")).toEqual({ kind: "set", element: { kind: "number" } });
    expect(parseTypeConstraint("map(bool)")).toEqual({ kind: "map", element: { kind: "bool" } });
    expect(parseTypeConstraint("tuple([string, number])")).toEqual({
      kind: "tuple",
      elements: [{ kind: "string" }, { kind: "number" }],
    });
    const object = parseTypeConstraint(
      'object({ a = string, b = optional(number), c = optional(string, "d") })',
    );
    expect(typeof object === "object" && object.kind === "object" && [...object.attributes]).toStrictEqual([
      ["a", { type: { kind: "string" }, optional: false }],
      ["b", { type: { kind: "number" }, optional: true }],
      ["c", { type: { kind: "string" }, optional: true, default: { kind: "string", value: "d" } }],
    ]);
  });

  it("reads an attribute's type as required unless optional() says otherwise", () => {
    const object = parseTypeConstraint("object({ a = list(string) })");
    expect(
      typeof object === "object" && object.kind === "object" && object.attributes.get("a"),
    ).toStrictEqual({
      type: { kind: "list", element: { kind: "string" } },
      optional: false,
    });
  });

  it("says which text is no type constraint", () => {
    expect(parseTypeConstraint("strin")).toBe('"strin" is not a type constraint');
    expect(parseTypeConstraint("list(")).toMatch(/^"list\(" is not a type constraint: ./);
    for (const text of [
      "strin",
      "list(string, number)",
      "map()",
      "object({ a = 1 })",
      'object({ "a" = string })',
      "list(",
      "${var.t}",
      "${string} ",
      "string.x",
      "list(strin)",
      "tuple(string)",
      "tuple([string, strin])",
      "object(string)",
      "object({ a = strin })",
      "object({ a = optional(string, 1, 2) })",
      "object({ a = optional(strin) })",
      "optional(string)",
      "list(string...)",
      "foo([string])",
      "foo({ a = string })",
      "object({ a = optional() })",
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

  it("gives Terraform's errors, saying what was required", () => {
    const message = (type: string, value: unknown): string => {
      const result = guard(type, value);
      return result instanceof EvaluationError ? result.message : `no error: ${JSON.stringify(result)}`;
    };
    expect(message("number", "abc")).toBe('the value must be a number, not "abc"');
    expect(message("bool", "yes")).toBe('the value must be a bool, not "yes"');
    expect(message("string", [1])).toBe("the value must be a string, not a list");
    expect(message("list(string)", { a: "x" })).toBe("a list is required, not an object");
    expect(message("set(string)", "x")).toBe("a set is required, not a string");
    expect(message("map(string)", [1])).toBe("a map is required, not a list");
    expect(message("object({ a = string })", 1)).toBe("an object is required, not a number");
    expect(message("tuple([string])", ["a", "b"])).toBe("a tuple of 1 elements is required, not 2");
    expect(message("tuple([string])", {})).toBe("a tuple is required, not an object");
    expect(message("object({ a = string })", {})).toBe('attribute "a" is required');
    expect(message("list(any)", [null, 1, true])).toBe("the elements of a list(any) must have one type");
    const partial = new PartialText(["x", new Unknown("later")]);
    expect(message("list(string)", partial)).toBe("a list is required, not a string");
    expect(message("map(string)", partial)).toBe("a map is required, not a string");
  });

  it("orders a set as Terraform does, by code point, and unifies around nulls", () => {
    expect(guard("set(string)", ["\u{1F600}", "\uFF5E", "a"])).toEqual(["a", "\uFF5E", "\u{1F600}"]);
    expect(guard("set(number)", [10, 9, "1"])).toEqual([1, 9, 10]);
    expect(guard("list(any)", [null, 1, "a"])).toEqual([null, "1", "a"]);
    expect(guard("map(any)", { a: null, b: 1 })).toEqual({ a: null, b: 1 });
    expect(guard("list(any)", [null, null])).toEqual([null, null]);
  });

  it("keeps an unknown unknown, and leaves unconverted what it does not unify", () => {
    const unknown = new Unknown("known after apply");
    expect(guard("string", unknown)).toBe(unknown);
    expect(guard("list(string)", [unknown])).toEqual([unknown]);
    expect(guard("list(any)", [1, "a", true])).toEqual(["1", "a", "true"]);
    expect(guard("list(any)", [[1], "a"])).toBeInstanceOf(Unknown);
    expect(guard("set(list(string))", [["a"]])).toBeInstanceOf(Unknown);
    expect(guard("set(string)", ["a", null])).toEqual(
      new Unknown("a set of null, collections or unknown values is not converted here"),
    );
    expect(guard("list(any)", [[1], "a"])).toEqual(
      new Unknown("a list(any) of elements of different types is not converted here"),
    );
    expect(guard("map(any)", { a: [1], b: "x" })).toEqual(
      new Unknown("a map(any) of elements of different types is not converted here"),
    );
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
