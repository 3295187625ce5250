import { applySteps, evaluate, type Scope } from "../../../policies/language/evaluate";
import { parseTemplate } from "../../../policies/language/parse";
import type { Expression } from "../../../policies/language/syntax";
import { LazyObject, PartialText, Unknown } from "../../../policies/language/value";
import { oracleScope, terraformError, valueOf, valueOfTemplate } from "./evaluation";

/**
 * Operators, indexing, attributes, conditionals, for expressions, splats and templates, case by case: each
 * value is the one terraform 1.11 computed for the text (a config of only locals and outputs, as
 * terraform-oracle.ts runs it), each error one that terraform reported too. Regenerate with terraform.
 */
/** Terraform's value, which the guard gives too. */
const VALUES: readonly [text: string, value: unknown][] = [
  ['"${jsondecode("1e20")}"', 100000000000000000000],
  ["100000000000000000000", 100000000000000000000],
  ['"${100000000000000000000}"', 100000000000000000000],
  ['local.l1["1"]', "b"],
  ['true ? true : "a"', "true"],
  ['false ? 1 : "a"', "a"],
  ["true ? null : 1", null],
  // Two tuples unify element by element when of one length, else into a list of one type (terraform 1.11).
  ["true ? [50] : []", [50]],
  ["true ? [] : [1]", []],
  ["true ? [1, 2] : [3]", [1, 2]],
  ['true ? [1] : ["a"]', ["1"]],
  ['true ? [1, "a"] : []', ["1", "a"]],
  ['true ? ["a", 1] : [true]', ["a", "1"]],
  ["true ? [{a = 1}] : []", [{ a: 1 }]],
  ["true ? [[1]] : [[1], [2]]", [[1]]],
  ['true ? [true] : ["a"]', ["true"]],
  ["false ? null : 1", 1],
  ["true ? 1 : 2", 1],
  ['true ? "1" : 2', "1"],
  ["2 > 1", true],
  ["1 > 1", false],
  ["1 >= 1", true],
  ["0 >= 1", false],
  ["1 <= 1", true],
  ["2 <= 1", false],
  ["1 < 1", false],
  ["-6 % 3", 0],
  ["6 % 3", 0],
  ["-7 % -3", -1],
  ["7 % -3", 1],
  ["6 / 3", 2],
  ["-6 / 3", -2],
  ["5 - 7", -2],
  ["2 * -3", -6],
  ["1 == [1]", false],
  ["[1] == {a = 1}", false],
  ['"a" == 1', false],
  ['true == "true"', false],
  ["null == 1", false],
  ["1 != 1", false],
  ["1 != 2", true],
  ["true && false", false],
  ["false || true", true],
  ['-"2"', -2],
  ["true ? 1 : local.l1[5]", 1],
  ["false ? local.l1[5] : 1", 1],
  ['"true" ? 1 : 2', 1],
  ['[for v in local.l1 : v if "true"]', ["a", "b", "c"]],
  ['{for v in local.l1 : v => v if v != "a"}', { b: "b", c: "c" }],
  ["{for k, v in local.m1 : v => k}", { x: "a", y: "b" }],
  ["{for v in local.l1 : 1 => v...}", { "1": ["a", "b", "c"] }],
  ["{for v in [1, 1, 2] : v => v...}", { "1": [1, 1], "2": [2] }],
  ['[for k, v in local.m1 : "${k}=${v}"]', ["a=x", "b=y"]],
  ["[for k, v in local.l1 : k]", [0, 1, 2]],
  ["{ (1) = 1 }", { "1": 1 }],
  ["{ (true) = 1 }", { true: 1 }],
  ["{ a = 1, a = 2 }", { a: 2 }],
  ["{ local = 1 }", { local: 1 }],
  ['"x${1.5}"', "x1.5"],
  ['"x${true}"', "xtrue"],
  ['"%{if "false"}a%{else}b%{endif}"', "b"],
  ['"%{for v in toset(["b", "a"])}${v}%{endfor}"', "ab"],
  ['"%{for i, v in ["x", "y"]}${i}${v}%{endfor}"', "0x1y"],
  ["[{a = 1}, {a = 2}].*.a", [1, 2]],
  ["[{a = {b = 1}}, {a = {b = 2}}].*.a.b", [1, 2]],
  ["[{a = [1]}, {a = [2]}][*].a[0]", [1, 2]],
  ["null.*.a", []],
  ['"x".*', ["x"]],
  ["local.m1.*", [{ a: "x", b: "y" }]],
  ["1[*]", [1]],
  ["[[1, 2], [3]][*][0]", [1, 3]],
  ["length([for v in [] : v])", 0],
  // Text with no ASCII character at all is brought to NFC too.
  ['"\\u1100\\u1161" == "\\uac00"', true],
  ['"${"\\u1100\\u1161"}" == "\\uac00"', true],
  ['keys({"\\u1100\\u1161" = 1})', ["\uac00"]],
  // A bare keyword is its own name as a key, `true`, `false` and `null` too.
  ["{ a = 1 }", { a: 1 }],
  ['{ "a" = 1 }', { a: 1 }],
  ["{ if = 1 }", { if: 1 }],
  ["{ a-b = 1 }", { "a-b": 1 }],
  ["{ true = 1 }", { true: 1 }],
  ["{ false = 1 }", { false: 1 }],
  ["{ null = 1 }", { null: 1 }],
  ["{ (local.s1) = 1 }", { "cn-shanghai": 1 }],
  // A key that is a longer reference is an error that try() and can() see.
  ['try({ local.s1 = 1 }, "x")', "x"],
  ["can({ local.s1 = 1 })", false],
  ['true ? "a" : { local.s1 = 1 }', "a"],
  ['try(true ? true : 1, "x")', "x"],
  // The literal null has no type, so nothing beside it converts; text is text beside any null.
  ["true ? 1 : null", 1],
  ['true ? "a" : tostring(null)', "a"],
  // A bare key is no reference, which try() would have to leave to Terraform.
  ['try({ a = local.l1[5] }, "x")', "x"],
  ['try({ local.s1 = local.l1[5] }, "x")', "x"],
  // Keys and joined text are NFC: an accent after an interpolation joins its letter.
  ['{ "e\u0301" = 1, "\u00e9" = 2 }', { "\u00e9": 2 }],
  ['"${"e"}\u0301" == "\u00e9"', true],
  // So are names written decomposed: a bare key, an attribute, an index.
  ["keys({ e\u0301 = 1 })", ["\u00e9"]],
  ['{ "\\u00e9" = 1 }.e\u0301', 1],
  ['{ "\\u00e9" = 1 }["e\\u0301"]', 1],
  ["{a = 1} == 1", false],
  ["1 == {a = 1}", false],
  ["[1] == 1", false],
  ['"a" == [1]', false],
];

/** Terraform stops with an error: the guard refuses, naming the error. */
const ERRORS: readonly [text: string, message: string][] = [
  ["null.a", 'the value is null, which has no attribute "a"'],
  ["(1).a", 'the value is a number, which has no attribute "a"'],
  ["(true).a", 'the value is a boolean, which has no attribute "a"'],
  ["[1].a", 'the value is a list, which has no attribute "a"'],
  ["local.s1.a", 'local.s1 is a string, which has no attribute "a"'],
  ["local.l1.a", 'local.l1 is a list, which has no attribute "a"'],
  ["local.m1.z", 'local.m1 has no attribute "z"'],
  ["{a = 1}.b", 'the value has no attribute "b"'],
  ["local.l1[null]", "an index is null"],
  ["null[0]", "cannot index a null value"],
  ['toset(["a"])[0]', "a set's elements cannot be indexed; convert it with tolist()"],
  ["local.l1[1.5]", "the list index 1.5 is not a whole number ≥ 0"],
  ["local.l1[-1]", "the list index -1 is not a whole number ≥ 0"],
  ["local.m1[1]", 'the object has no element "1"'],
  ["local.s1[0]", "cannot index a string"],
  ["true[0]", "cannot index a boolean"],
  ["(1)[0]", "cannot index a number"],
  ["[for v in null : v]", "a for expression iterates over null"],
  ["[for v in 1 : v]", "a for expression cannot iterate over a number"],
  ['[for v in "a" : v]', "a for expression cannot iterate over a string"],
  ["[for v in true : v]", "a for expression cannot iterate over a boolean"],
  ["true && 1", "the right operand of && must be a bool, not a number"],
  ["1 || true", "the left operand of || must be a bool, not a number"],
  ['true || "x"', 'the right operand of || must be a bool, not "x"'],
  ["-true", "the operand of - must be a number, not a bool"],
  ["-null", "the operand of - is null"],
  ["!null", "the operand of ! is null"],
  ["1 + null", "the right operand of + is null"],
  ["null + 1", "the left operand of + is null"],
  ['1 + "x"', 'the right operand of + must be a number, not "x"'],
  ['"x" + 1', 'the left operand of + must be a number, not "x"'],
  ["[1] + 1", "the left operand of + must be a number, not a list"],
  ['1 < "a"', 'the right operand of < must be a number, not "a"'],
  ["1 < true", "the right operand of < must be a number, not a bool"],
  ["local.l1[5] ? 1 : 2", "the list index 5 is out of range (the list has 3 elements)"],
  ["null ? 1 : 2", "the condition is null"],
  ["1 ? 1 : 2", "the condition must be a bool, not a number"],
  ["[for v in local.l1 : v if v]", 'the condition of a for expression must be a bool, not "a"'],
  ["[for v in local.l1 : v if null]", "the condition of a for expression is null"],
  ["{for v in local.l1 : [v] => v}", "a key of a for expression must be a string, not a list"],
  ["{for v in local.l1 : null => v}", "a key of a for expression is null"],
  ["{ (null) = 1 }", "an object key is null"],
  ...[
    "{ local.s1 = 1 }",
    "{ local.s1 : 1 }",
    "{ local.m1.a = 1 }",
    "{ local.l1[0] = 1 }",
    "{ local.s1 = 1 }.x",
  ].map((text): [string, string] => [
    text,
    "Ambiguous attribute key: wrap a reference in parentheses, or a name containing periods in quotes",
  ]),
  // A number and a bool have no common type; a string beside either would be one.
  [
    "true ? true : 1",
    "Inconsistent conditional result types: the 'true' value is bool, but the 'false' value is number",
  ],
  [
    "false ? true : 1",
    "Inconsistent conditional result types: the 'true' value is bool, but the 'false' value is number",
  ],
  [
    "true ? 1 : false",
    "Inconsistent conditional result types: the 'true' value is number, but the 'false' value is bool",
  ],
  ["{ ([1]) = 1 }", "an object key must be a string, not a list"],
  ['"x${null}"', "an interpolated value is null"],
  ['"x${{a = 1}}"', "an interpolated value must be a string, not an object"],
  ['"%{if null}a%{endif}"', "the condition of %{if} is null"],
  ['"%{if 1}a%{endif}"', "the condition of %{if} must be a bool, not a number"],
  ['"%{for v in null}a%{endfor}"', "a for expression iterates over null"],
  ['"%{for v in 1}a%{endfor}"', "a for expression cannot iterate over a number"],
  ["[{a = 1}][*].b", 'the value has no attribute "b"'],
  ["concat([], [1]...)", "concat(): an argument of concat must be a list, not a number"],
  ["local.m1.toString", 'local.m1 has no attribute "toString"'],
  ['local.m1["toString"]', 'the object has no element "toString"'],
];

/** Terraform computes these (or errors), but the guard cannot be exact: it refuses, saying why. */
const REFUSED: readonly [text: string, reason: string][] = [
  ['jsonencode(jsondecode("1e20"))', "the text of the number 100000000000000000000 is not computed here"],
  ['format("%d", jsondecode("1e20"))', "the text of the number 100000000000000000000 is not computed here"],
  ['tostring(jsondecode("1e20"))', "the text of the number 100000000000000000000 is not computed here"],
  [
    "local.m1[100000000000000000000]",
    "an unknown index: the text of the number 100000000000000000000 is not computed here",
  ],
  ['local.l1["9007199254740993"]', "the number 9007199254740993 cannot be held exactly here"],
  // Terraform gives [1] for the first (a literal null has no type) and an error for the others.
  // `[[1]]` beside `[["a"]]` is `[["1"]]`: nested collections of different types are not unified here.
  ...[
    "true ? [1] : [null, 2]",
    "false ? [1, 2] : [true]",
    'false ? [1, 2] : ["x", true]',
    "true ? [true, 1] : []",
    'true ? [[1]] : [["a"]]',
    'true ? [[1]] : ["a"]',
  ].map((text): [string, string] => [
    text,
    "the results of the conditional have different types, which Terraform converts or refuses",
  ]),
  [
    "true ? {a = 1} : 1",
    "the results of the conditional have different types, which Terraform converts or refuses",
  ],
  [
    "true ? [1] : {a = 1}",
    "the results of the conditional have different types, which Terraform converts or refuses",
  ],
  [
    'true ? "a" : [1]',
    "the results of the conditional have different types, which Terraform converts or refuses",
  ],
  // A null with a type (a string's here) converts the other result to its type: Terraform gives "1", ["1"].
  ...[
    "true ? 1 : tostring(null)",
    "false ? tostring(null) : true",
    "true ? [1] : [tostring(null)]",
    "true ? {a = 1} : {a = tostring(null)}",
    "true ? 1 : tonumber(null)",
  ].map((text): [string, string] => [
    text,
    "the conditional's other result holds a null whose type, not known here, may convert this one",
  ]),
  ["0 % 3", "the sign of 0 % 3 is not computed here"],
  ["7 / 2", "7 / 2 has no exact result here (only integer arithmetic is computed)"],
  [
    "9007199254740991 + 1",
    "9007199254740991 + 1 has no exact result here (only integer arithmetic is computed)",
  ],
  ["1.5 + 1", "1.5 + 1 has no exact result here (only integer arithmetic is computed)"],
  ["1 + 1.5", "1 + 1.5 has no exact result here (only integer arithmetic is computed)"],
  [
    "local.l1[5] && true",
    "&& over an operand with an error: the list index 5 is out of range (the list has 3 elements)",
  ],
  [
    "true && local.l1[5]",
    "&& over an operand with an error: the list index 5 is out of range (the list has 3 elements)",
  ],
  [
    "local.l1[5] || true",
    "|| over an operand with an error: the list index 5 is out of range (the list has 3 elements)",
  ],
];

/** An operand, collection, key or argument known only after apply makes the result unknown, saying why. */
const DERIVED_UNKNOWNS: readonly [text: string, reason: string][] = [
  ['"${data.x.y}a" + 1', "+ over an unknown value: the left operand of +: data is known only after apply"],
  ["data.x.y + 1", "+ over an unknown value: the left operand of +: data is known only after apply"],
  ["1 + data.x.y", "+ over an unknown value: the right operand of +: data is known only after apply"],
  ["data.x.y < 1", "< over an unknown value: the left operand of <: data is known only after apply"],
  ["-data.x.y", "the operand of -: data is known only after apply"],
  ["!data.x.y", "the operand of !: data is known only after apply"],
  ["data.x.y && true", "&& over an unknown value: the left operand of &&: data is known only after apply"],
  ["true && data.x.y", "&& over an unknown value: the right operand of &&: data is known only after apply"],
  ["false || data.x.y", "|| over an unknown value: the right operand of ||: data is known only after apply"],
  ["data.x.y[*].id", "a splat over an unknown value: data is known only after apply"],
  ["data.x.y.*.id", "a splat over an unknown value: data is known only after apply"],
  ["max(data.x.y...)", "max(...): data is known only after apply"],
  ["max([1, data.x.y]...)", "max() of an unknown value: data is known only after apply"],
  ["{(data.x.y) = 1}", "an object with an unknown key: data is known only after apply"],
  ["{(data.x.y) = 1, (data.x.z) = 2}", "an object with an unknown key: data is known only after apply"],
  ["[for v in data.x.y : v]", "a for over an unknown value: data is known only after apply"],
  ["{for v in data.x.y : v => v}", "a for over an unknown value: data is known only after apply"],
  [
    "[for v in local.l1 : v if data.x.y]",
    "the condition of a for expression: data is known only after apply",
  ],
  [
    "{for v in local.l1 : data.x.y => v}",
    "a for expression with an unknown key: data is known only after apply",
  ],
  [
    '{for v in local.l1 : "${data.x.y}${v}" => v}',
    "a for expression with an unknown key: data is known only after apply",
  ],
  ['try(local.l1[5] + data.x.y, "f")', "try() of an argument with the reference data"],
  ["can(local.l1[5] + data.x.y)", "can() of an argument with the reference data"],
  ['try([for v in local.l1 : v.x + data.x.y], "f")', "try() of an argument with the reference data"],
  ["try(data.x.y, local.l1[5])", "try() of an unknown value: data is known only after apply"],
  ['format("${data.x.y}%s", "a")', "the argument is not known"],
  ['format("%d", data.x.y)', "the argument of %d: data is known only after apply"],
  ['format("%t", data.x.y)', "the argument of %t: data is known only after apply"],
  ['format("%v", data.x.y)', "format() of an unknown value: data is known only after apply"],
  ['join("${data.x.y}-", ["a"])', "the separator is not known"],
  ['join(",", data.x.y)', "join() of an unknown list: data is known only after apply"],
  ["concat(data.x.y, [1])", "concat() of an unknown value: data is known only after apply"],
  ["concat([1], [data.x.y])", "concat() of elements of different types is not computed here"],
  ["length(data.x.y)", "length() of an unknown value: data is known only after apply"],
  ["lower(data.x.y)", "lower() of an unknown value: data is known only after apply"],
  ['lookup(data.x.y, "a")', "lookup() of an unknown value: data is known only after apply"],
  ["flatten([[data.x.y]])", "flatten() of a list holding an unknown value: data is known only after apply"],
  ["flatten(data.x.y)", "flatten() of an unknown value: data is known only after apply"],
  ["local.l1[data.x.y]", "an unknown index: data is known only after apply"],
  ['local.m1["${data.x.y}"]', "an unknown index: data is known only after apply"],
  ['"a${data.x.y}" == "b"', "== over an unknown value: data is known only after apply"],
  ["[data.x.y] == [1]", "== over an unknown value: data is known only after apply"],
  ["try(local.l1[5] + nosuch(1) + data.x.y, 1)", "try() of an argument with the function nosuch()"],
  ["1 == data.x.y", "== over an unknown value: data is known only after apply"],
  ["{(data.x.y) = 1, (other.z) = 2}", "an object with an unknown key: data is known only after apply"],
];

describe("each expression gives Terraform's value", () => {
  test.each(VALUES)("%s", (text, value) => {
    expect(valueOf(text)).toEqual(value);
  });
});

describe("where Terraform reports an error, the guard refuses with the error", () => {
  test.each(ERRORS)("%s", (text, message) => {
    expect(valueOf(text)).toStrictEqual(terraformError(message));
  });
});

describe("where the guard cannot be exact, it refuses, saying why", () => {
  test.each(REFUSED)("%s", (text, reason) => {
    expect(valueOf(text)).toStrictEqual(new Unknown(reason));
  });
});

describe("unknown values", () => {
  test.each(DERIVED_UNKNOWNS)("%s", (text, reason) => {
    expect(valueOf(text)).toStrictEqual(new Unknown(reason));
  });

  it("knows text known in part unequal to a string its known start or end cannot be", () => {
    expect(valueOf('"acs:log:${data.x.y}:p" == ""')).toBe(false);
    expect(valueOf('"" != "acs:log:${data.x.y}"')).toBe(true);
    expect(valueOf('"${data.x.y}.aliyuncs.com" == "oss.aliyuncs.co"')).toBe(false);
    // Whatever the unknown is, these could be equal: unknown.
    expect(valueOf('"acs:log:${data.x.y}" == "acs:log:cn-shanghai"')).toBeInstanceOf(Unknown);
    expect(valueOf('"acs:log:${data.x.y}" == "acs:log:"')).toBeInstanceOf(Unknown);
    expect(valueOf('"acs:log:${data.x.y}" == "acs:lo"')).toBe(false);
    // The last known character before an unknown part may compose with a combining mark that starts it.
    expect(valueOf('"ae${data.x.y}" == "a\u00e9"')).toBeInstanceOf(Unknown);
    expect(valueOf('"é${data.x.y}" == ""')).toBeInstanceOf(Unknown);
  });

  // Terraform 1.11 looks up in, and flattens, a collection known at its top: an unknown inside it stays there.
  it("leaves an unknown where it is inside a known collection that lookup() and flatten() read", () => {
    const unknown = valueOf("data.x.y");
    expect(unknown).toBeInstanceOf(Unknown);
    expect(valueOf('lookup({a = data.x.y}, "a")')).toStrictEqual(unknown);
    expect(valueOf('lookup({a = 1, b = data.x.y}, "a")')).toBe(1);
    expect(valueOf('lookup({a = "x", b = data.x.y}, "c", "d")')).toBe("d");
    expect(valueOf("flatten([{a = data.x.y}, [{b = 1}]])")).toStrictEqual([{ a: unknown }, { b: 1 }]);
  });
});

const DATA_X_Y = {
  root: "data",
  steps: [
    { kind: "attr", name: "x" },
    { kind: "attr", name: "y" },
  ],
};

describe("an unknown reference passed on as it is keeps its origin", () => {
  test.each([
    ["true ? data.x.y : data.c.d", DATA_X_Y],
    ['true ? data.x.y : "b"', DATA_X_Y],
    // The other result's type does not matter: Terraform's result is unknown before apply either way.
    ["true ? data.x.y : 0", DATA_X_Y],
    ["false ? [1] : data.x.y", DATA_X_Y],
    // A list known whole keeps its unknown elements through concat(), as Terraform's does.
    ['concat([data.x.y], [""])[0]', DATA_X_Y],
    ["(data.x.y).z", DATA_X_Y],
    ["data.x.y[local.n1]", DATA_X_Y],
    ['"${data.x.y}"', DATA_X_Y],
    [
      "data.x[0]",
      {
        root: "data",
        steps: [
          { kind: "attr", name: "x" },
          { kind: "index", key: 0 },
        ],
      },
    ],
  ])("%s", (text, origin) => {
    expect(valueOf(text)).toStrictEqual(new Unknown("data is known only after apply", origin));
  });

  test("an object keeps an unknown attribute value as it is", () => {
    expect(valueOf("{a = data.x.y}")).toEqual({
      a: new Unknown("data is known only after apply", DATA_X_Y),
    });
  });

  test("the chosen known result of a conditional is the value, whatever the other", () => {
    expect(valueOf('true ? "a" : data.x.y')).toBe("a");
    expect(valueOf('false ? "a${data.x.y}" : "b"')).toBe("b");
    expect(valueOf("length([data.x.y])")).toBe(1);
  });

  test("the chosen unknown result of a conditional says why it is unknown, not that the types differ", () => {
    expect(valueOf("true ? length(data.x.y) : 0")).toStrictEqual(
      new Unknown("length() of an unknown value: data is known only after apply"),
    );
  });

  test("format() with an unknown format string is unknown: the string's own unknown, or not known", () => {
    expect((valueOf("format(data.x.y, 1)") as Unknown).reason).toBe("data is known only after apply");
    expect(valueOf('format("${data.x.y}%s", "a")')).toStrictEqual(new Unknown("the argument is not known"));
    expect((valueOf('join(data.x.y, ["a"])') as Unknown).reason).toBe("data is known only after apply");
    expect(valueOf('join("${data.x.y}-", ["a"])')).toStrictEqual(new Unknown("the separator is not known"));
  });
});

describe("text known in part keeps its known pieces around each unknown one", () => {
  const later = (what: string): Unknown => new Unknown(`${what}: data is known only after apply`);
  // %s and join() write the unknown text as it is, as a template does: it keeps its origin.
  const data = new Unknown("data is known only after apply", DATA_X_Y);
  test.each([
    ['format("%s", data.x.y)', [data]],
    ['format("a%sb", data.x.y)', ["a", data, "b"]],
    ['format("%s!", "x${data.x.y}")', ["x", data, "!"]],
    ['join(",", ["a", data.x.y])', ["a,", data]],
    ['join(",", ["a", "b${data.x.y}c", "d"])', ["a,b", data, "c,d"]],
    ['"%{for v in data.x.y}x%{endfor}"', [later("a for over an unknown value")]],
    ['"%{if data.x.y}x%{endif}"', [later("the condition of %{if}")]],
    ['"a${"${data.x.y}b"}c"', ["a", new Unknown("data is known only after apply", DATA_X_Y), "bc"]],
  ])("%s", (text, parts) => {
    expect(valueOf(text)).toStrictEqual(new PartialText(parts));
  });

  test("a template of only an unknown directive is that unknown alone", () => {
    expect(valueOfTemplate("%{if data.x.y}x%{endif}")).toStrictEqual(
      new PartialText([later("the condition of %{if}")]),
    );
  });
});

/**
 * HCL's scanner stops at a carriage return without a line feed in a bare template (a Terraform JSON string):
 * the rest is literal text, only `$${` and `%%{` unescaped from the left. Checked through `.tf.json` files.
 */
describe("a bare template keeps its text from a lone carriage return on as literal text", () => {
  test.each([
    ["a\rb", "a\rb"],
    ['${"x"}\ry', "x\ry"],
    ['a\r${"x"}', 'a\r${"x"}'],
    ["a\r${", "a\r${"],
    ["a\r$", "a\r$"],
    ["a\r$${x}", "a\r${x}"],
    ["a\r%%{x}", "a\r%{x}"],
    ["a\r$$${x}", "a\r$$${x}"],
    ["a\r$$$${x}", "a\r$$${x}"],
    ['a\rb\n${"x"}', 'a\rb\n${"x"}'],
    ["\\\r", "\\\r"],
    ['${"x"}\r\n${"y"}', "x\r\ny"],
    // A strip marker takes the whitespace of the literal next to it, which ends before the carriage return.
    ['${"x" ~}  \rb', "x\rb"],
    ['${"x" ~}\r b', "xb"],
    ['${"x"}~\r b', "x~\r b"],
  ])("%j", (text, value) => {
    expect(valueOfTemplate(text)).toBe(value);
  });

  test.each([
    ["%{if true}\r%{endif}", "column 1: %{if} has no %{endif}"],
    ["%{for v in [1]}\r%{endfor}", "column 1: %{for} has no %{endfor}"],
  ])("a directive left open by it is an error: %j", (text, error) => {
    expect(parseTemplate(text)).toStrictEqual({ ok: false, error });
  });
});

describe("syntax the parser never produces is still refused, not evaluated", () => {
  test.each([
    [{ kind: "splatItem" }, "a splat item outside a splat"],
    [{ kind: "call", name: "max", args: [], expandFinal: true }, "max(...) expands no argument"],
  ] as [Expression, string][])("%j", (expression, message) => {
    expect(evaluate(expression, oracleScope)).toStrictEqual(terraformError(message));
  });
});

describe("a failure of the scope itself is thrown, never taken for Terraform's error", () => {
  /** `boom.x` fails as a broken scope would; everything else resolves as in the oracle. */
  const brokenScope: Scope = {
    traverse(root, steps) {
      if (root === "boom") throw new Error("the scope broke");
      return oracleScope.traverse(root, steps);
    },
  };
  test.each([
    "boom.x",
    "try(boom.x, 1)",
    "try(local.l1[5] + boom.x, 1)",
    "true ? 1 : boom.x",
    "true && boom.x",
    "false || boom.x",
  ])("%s", (text) => {
    expect(() => valueOf(text, brokenScope)).toThrow("the scope broke");
  });

  test("so is an exhausted stack inside a function (JSON nested deeper than the stack)", () => {
    const depth = 200_000;
    const deep = `jsondecode("${"[".repeat(depth)}${"]".repeat(depth)}")`;
    expect(() => valueOf(deep)).toThrow(RangeError);
  });
});

describe("text known only in part is still a string", () => {
  test.each([
    ['"a${data.x.y}".b', 'the value is a string, which has no attribute "b"'],
    ['"a${data.x.y}"[0]', "cannot index a string"],
  ])("%s", (text, message) => {
    expect(valueOf(text)).toStrictEqual(terraformError(message));
  });
});

test("applySteps names where it starts in its errors, 'the value' unless told", () => {
  expect(() => applySteps({ a: 1 }, [{ kind: "attr", name: "b" }])).toThrow(
    new Error('the value has no attribute "b"'),
  );
  expect(() => applySteps({ a: 1 }, [{ kind: "attr", name: "b" }], "local.x")).toThrow(
    new Error('local.x has no attribute "b"'),
  );
  expect(() =>
    applySteps({ a: [1] }, [
      { kind: "attr", name: "a" },
      { kind: "index", key: 0 },
      { kind: "attr", name: "c" },
    ]),
  ).toThrow(new Error('the value.a[…] is a number, which has no attribute "c"'));
});

describe("an object read attribute by attribute (a resource instance referred to whole)", () => {
  /** `res` is a list of two such objects whose `zone` is written and whose `id` is known after apply. */
  const instance = (index: number) =>
    new LazyObject(`res[${index}] names a whole resource`, (name) =>
      name === "zone"
        ? `cn-shanghai-${"bg"[index]}`
        : new Unknown(`res[${index}].${name} is known after apply`),
    );
  const scope: Scope = {
    traverse: (root, steps) =>
      root === "res" ? applySteps([instance(0), instance(1)], steps) : oracleScope.traverse(root, steps),
  };

  test.each([
    ["res[*].zone", ["cn-shanghai-b", "cn-shanghai-g"]],
    ["res.*.zone", ["cn-shanghai-b", "cn-shanghai-g"]],
    ["res[1].zone", "cn-shanghai-g"],
    ['res[0]["zone"]', "cn-shanghai-b"],
    ["[for r in res : r.zone]", ["cn-shanghai-b", "cn-shanghai-g"]],
    ["(true ? res[0] : null).zone", "cn-shanghai-b"],
    ["length(res)", 2],
  ])("%s gives each attribute it reads", (text, value) => {
    expect(valueOf(text, scope)).toEqual(value);
  });

  test.each([
    ["res[0]", "res[0] names a whole resource"],
    ["res[0][0]", "res[0] names a whole resource"],
    ["res[0][0].zone", "res[0] names a whole resource"],
    ["res[0].id", "res[0].id is known after apply"],
    ["upper(res[0])", "upper() of an unknown value: res[0] names a whole resource"],
  ])("%s is unknown, saying why", (text, reason) => {
    const value = valueOf(text, scope);
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).reason).toBe(reason);
  });
});
