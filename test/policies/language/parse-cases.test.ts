import { parseExpression, parseTemplate } from "../../../policies/language/parse";
import { terraformError, valueOf, valueOfTemplate } from "./evaluation";

/**
 * The parser, case by case: numbers, names, escapes, comments, line ends, splats and directives. Each value
 * is the one terraform 1.11 computed for the text (a config of only locals and outputs, as
 * terraform-oracle.ts runs it); each text refused here is one terraform refused too.
 */
const VALUES: readonly [text: string, value: unknown][] = [
  ["1e+2", 100],
  ["1E-2", 0.01],
  ["1.5e3", 1500],
  ["{ 𝑥 = 1 }.𝑥", 1],
  ["{ é = 1 }.é", 1],
  ["{ a𝑥b = 1 }", { "a𝑥b": 1 }],
  ['"\\U0001F600"', "😀"],
  ['"\\u00E9"', "é"],
  ["1 # comment", 1],
  ["1 // comment", 1],
  ["1 /* c */ + 2", 3],
  ["[1, /* x */ 2]", [1, 2]],
  ['"${local.m1}".a', "x"],
  ['"${local.l1}"[1]', "b"],
  ['"${1 ~}"', 1],
  ["[[1]][*][0]", [1]],
  ["[1,2][*]", [1, 2]],
  ["local.m1.a.*", ["x"]],
  ["1 - 2 - 3", -4],
  ["8 / 4 / 2", 1],
  ["2 * 3 % 4", 2],
  ["10 - 2 + 3", 11],
  ["false && true || true", true],
  ["true || false && false", true],
  ["1 < 2 == 2 > 1", true],
  ['[format("%s", "a")]', ["a"]],
  ["{ A = 1, Z = 2, a_z-09 = 3 }", { A: 1, Z: 2, "a_z-09": 3 }],
  ["{ z = 1 }.z", 1],
  ['"\\U0010FFFF"', "􏿿"],
  ['"\\uD7FF"', "퟿"],
  ['"\\uE000"', ""],
  ['"\\u0041\\U00000042"', "AB"],
  ['""', ""],
  ['"${""}"', ""],
  ['"${~ "a" ~}"', "a"],
  ['[for v in local.l1 : v if v == "b"]', ["b"]],
  ['{for v in local.l1 : v => 1... if v != "a"}', { b: [1], c: [1] }],
  ["1.25", 1.25],
  ["1e10", 10000000000],
  ['"a\\r\\t\\\\b"', "a\r\t\\b"],
];

/** Terraform JSON strings (templates), with Terraform's value. */
const TEMPLATE_VALUES: readonly [text: string, value: unknown][] = [
  ['a\r\n${"b"}', "a\r\nb"],
  ['a\r\n\r\n${~ "x"}', "a\r\nx"],
  ['${"x" ~}\r\n\r\n  y', "x\r\n  y"],
  ["%{for v in local.l1}\r\n${v}%{endfor}", "\r\na\r\nb\r\nc"],
  ["${[\r\n1,\r\n2][1]}", 2],
  ["${1 /* c */ + 1}", 2],
  ["${1 # c\n}", 1],
  ["a%{ if true ~}\r\n  b%{ endif }", "a  b"],
  ["a\rb", "a\rb"],
  ["${{a = [1]\nb = 2}}", { a: [1], b: 2 }],
  ["${{a = 1\r\nb = 2}}", { a: 1, b: 2 }],
  ["${{a = (1\n+ 2)\nb = {c = 3}\nd = 4}}", { a: 3, b: { c: 3 }, d: 4 }],
  ["${{a = local.l1[\n1]\nb = 2}}", { a: "b", b: 2 }],
  ["${{a = max(1,\n2)\nb = 2}}", { a: 2, b: 2 }],
  ["${{\n}}", {}],
  ["${{a = 1,\n}}", { a: 1 }],
  ["${{a = 1 # c\nb = 2}}", { a: 1, b: 2 }],
  ["${{a = 1 // c\r\nb = 2}}", { a: 1, b: 2 }],
  ['say "hi" ${"x"}', 'say "hi" x'],
  ["$%{if true}x%{endif}", "$x"],
  ['%${"x"}', "%x"],
  ['${{a = "${[\n1][0]}"\nb = 2}}', { a: 1, b: 2 }],
  ["${{a = {for v in local.l1 :\nv => v}\nb = 1}}", { a: { a: "a", b: "b", c: "c" }, b: 1 }],
  ['${{a = "%{if\ntrue}x%{endif}"\nb = 2}}', { a: "x", b: 2 }],
];

/** Terraform refuses to parse these; the guard refuses too, with the column and what it expected there. */
const PARSE_ERRORS: readonly [text: string, error: string][] = [
  ["1e+x", 'column 2: expected the end of the expression, found "e"'],
  ["1e", 'column 2: expected the end of the expression, found "e"'],
  [
    "[{a = 1}].*.*",
    'column 13: expected an attribute name (a splat cannot be nested in an attribute splat), found "*"',
  ],
  [
    "[{a = {b = 1}}].*.a.*",
    'column 21: expected an attribute name (a splat cannot be nested in an attribute splat), found "*"',
  ],
  ['"\\u00zz"', 'column 3: expected 4 hexadecimal digits of a Unicode character, found "u"'],
  ['"\\uD800"', 'column 3: expected 4 hexadecimal digits of a Unicode character, found "u"'],
  ['"\\U00110000"', 'column 3: expected 8 hexadecimal digits of a Unicode character, found "U"'],
  ['"\\q"', 'column 3: expected an escape: \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN, found "q"'],
  ["{a == 1}", "column 8: expected '=' or ':' after an object key, found \"}\""],
  ["{a => 1}", "column 4: expected '=' or ':' after an object key, found \"=\""],
  ["1 /* c", "column 3: expected '*/' closing the comment, found \"/\""],
  ['"a%{for v in local.l1}x"', "column 3: %{for} has no %{endfor}"],
  ['"%{if true}x"', "column 2: %{if} has no %{endif}"],
  ['"%{if true}x%{else}y"', "column 2: %{if} has no %{endif}"],
  ['"%{endif}"', "column 2: %{endif} without its opening directive"],
  ['"%{else}"', "column 2: %{else} without its opening directive"],
  ['"%{endfor}"', "column 2: %{endfor} without its opening directive"],
  ['"%{foo}"', 'column 4: expected a template directive: if, else, endif, for or endfor, found "f"'],
  ['"${1 ~ }"', "column 8: expected '}' after '~', found \"}\""],
  ['"${1"', 'column 5: expected \'}\' closing the template sequence, found "\\""'],
  ['"%{if true ~"', "column 13: expected '}' after '~', found \"\\\"\""],
  ["1 +\t)", 'column 5: expected an expression, found ")"'],
  ["1 += 2", 'column 3: expected the end of the expression, found "+"'],
  ["1 = 2", 'column 3: expected the end of the expression, found "="'],
  ["true | false", 'column 6: expected the end of the expression, found "|"'],
  ["true & false", 'column 6: expected the end of the expression, found "&"'],
  ["1.2.3", 'column 1: expected a number, found "1"'],
  ["1.", "column 3: expected an attribute name after '.', found the end of the text"],
  ["provider::x::f(1)", "column 9: expected '(' (provider-defined functions are not evaluated), found \":\""],
  ["max(1..., 2)", "column 9: expected ')' after '...', found \",\""],
  ["max(1 2)", "column 7: expected ',' or ')' in the arguments of max, found \"2\""],
  ["max(1,", "column 7: expected an expression, found the end of the text"],
  ["a[*", "column 4: expected ']' after '[*', found the end of the text"],
  ["a.", "column 3: expected an attribute name after '.', found the end of the text"],
  ["[1 2]", "column 4: expected ',' or ']', found \"2\""],
  ["[for v in local.l1 v]", "column 20: expected ':' after the collection of a for expression, found \"v\""],
  ["{for v in local.l1 : v}", "column 23: expected '=>' in an object for expression, found \"}\""],
  [
    "[for v in local.l1 : v",
    "column 23: expected ']' at the end of a for expression, found the end of the text",
  ],
  ["[for in local.l1 : 1]", "column 9: expected 'in' after the variables of a for, found \"l\""],
  ["[for k, in local.l1 : 1]", "column 12: expected 'in' after the variables of a for, found \"l\""],
  ["[for v local.l1 : 1]", "column 8: expected 'in' after the variables of a for, found \"l\""],
  ["{for v in local.l1 : v => v if}", 'column 31: expected an expression, found "}"'],
  ['"abc', "column 5: expected '\"' closing the string, found the end of the text"],
  ['"\\u12', 'column 3: expected 4 hexadecimal digits of a Unicode character, found "u"'],
  [
    '"\\',
    'column 3: expected an escape: \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN, found the end of the text',
  ],
  ['"\\uDFFF"', 'column 3: expected 4 hexadecimal digits of a Unicode character, found "u"'],
  ["<1", 'column 1: expected an expression, found "<"'],
  ["1x2", 'column 2: expected the end of the expression, found "x"'],
  ["[for 1 in local.l1 : 1]", "column 6: expected a variable name after 'for', found \"1\""],
  ['"\\u41zz"', 'column 3: expected 4 hexadecimal digits of a Unicode character, found "u"'],
  ["[for -a in local.l1 : 1]", "column 6: expected a variable name after 'for', found \"-\""],
];

describe("texts are read as Terraform reads them", () => {
  test.each(VALUES)("%s", (text, value) => {
    expect(valueOf(text)).toEqual(value);
  });

  test.each(TEMPLATE_VALUES)("template %j", (text, value) => {
    expect(valueOfTemplate(text)).toEqual(value);
  });

  test.each([['"${local.m1.a}".b', 'local.m1.a is a string, which has no attribute "b"']])(
    "%s is read, and its error is Terraform's",
    (text, message) => {
      expect(valueOf(text)).toStrictEqual(terraformError(message));
    },
  );
});

describe("texts Terraform refuses to read are refused, with the column and what was expected", () => {
  test.each(PARSE_ERRORS)("%s", (text, error) => {
    expect(parseExpression(text)).toEqual({ ok: false, error });
  });

  test("a carriage return without a line feed ends the line of a quoted string, which Terraform refuses", () => {
    expect(parseExpression('"a\rb"')).toEqual({
      ok: false,
      error:
        'column 3: expected \'"\' before the end of the line (a quoted string cannot span lines), found "\\r"',
    });
  });
});

describe("nesting is read up to 256 levels and refused beyond, never a stack overflow", () => {
  test.each([
    ["parentheses", (n: number) => `${"(".repeat(n)}1${")".repeat(n)}`, 255],
    ["unary operators", (n: number) => `${"-".repeat(n)}1`, 255],
    ["splats", (n: number) => `[1]${"[*]".repeat(n)}`, 255],
    ["tuples", (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`, 128],
    ["templates", (n: number) => `${'"${'.repeat(n)}1${'}"'.repeat(n)}`, 127],
  ])("%s: %d levels", (_, nested, deepest) => {
    expect(parseExpression(nested(deepest)).ok).toBe(true);
    expect(parseExpression(nested(deepest + 1))).toEqual({
      ok: false,
      error: expect.stringMatching(/^column \d+: expected at most 256 levels of nesting, found /),
    });
  });

  test("after a deep part, the rest of the text has all its levels again", () => {
    const deep = `${"(".repeat(250)}1${")".repeat(250)}`;
    expect(valueOf(`[${Array(10).fill(deep).join(", ")}]`)).toEqual(Array(10).fill(1));
    expect(valueOf(`${"-".repeat(250)}1 + ${deep}`)).toBe(2);
  });
});

describe("a for expression's syntax has only the parts written", () => {
  test.each([
    [
      "[for v in l : v]",
      {
        kind: "for",
        valueVariable: "v",
        collection: { kind: "traversal", root: "l", steps: [] },
        valueExpression: { kind: "traversal", root: "v", steps: [] },
        grouping: false,
      },
    ],
    [
      "{for k, v in l : k => v... if v}",
      {
        kind: "for",
        keyVariable: "k",
        valueVariable: "v",
        collection: { kind: "traversal", root: "l", steps: [] },
        keyExpression: { kind: "traversal", root: "k", steps: [] },
        valueExpression: { kind: "traversal", root: "v", steps: [] },
        condition: { kind: "traversal", root: "v", steps: [] },
        grouping: true,
      },
    ],
  ])("%s", (text, expression) => {
    expect(parseExpression(text)).toStrictEqual({ ok: true, expression });
  });

  test("a template for directive likewise", () => {
    expect(parseTemplate("%{for v in l}x%{endfor}")).toStrictEqual({
      ok: true,
      expression: {
        kind: "template",
        parts: [
          {
            kind: "for",
            valueVariable: "v",
            collection: { kind: "traversal", root: "l", steps: [] },
            body: [{ kind: "text", text: "x" }],
          },
        ],
      },
    });
  });
});

describe("a lone reference is read as the full parser reads it, at the edges of names and digits", () => {
  // Each character next to the ASCII ranges of names and digits, and the characters traversals use.
  const edges = Array.from("@AZ[`az{/09:_-.]*é𝑥");
  test("every text of up to two of these after a name, then an ending that closes an index or goes on", () => {
    const texts = ["", ...edges, ...edges.flatMap((first) => edges.map((second) => first + second))].flatMap(
      (text) => ["", "]", "0]", ".0", "x"].map((ending) => text + ending),
    );
    const differing = [...new Set(texts)].filter((text) => {
      const short = parseTemplate(`\${a${text}}`);
      const full = parseTemplate(`\${a${text} }`);
      return short.ok || full.ok ? JSON.stringify(short) !== JSON.stringify(full) : false;
    });
    expect(differing).toEqual([]);
  });
});

describe("the syntax of a text has only the parts it needs", () => {
  const reference = (root: string) => ({ kind: "traversal", root, steps: [] });
  test.each([
    ['""', { kind: "string", value: "" }],
    [
      '"${(a).b}".c',
      {
        kind: "relative",
        source: { kind: "parentheses", expression: reference("a") },
        steps: [
          { kind: "attr", name: "b" },
          { kind: "attr", name: "c" },
        ],
      },
    ],
  ])("expression %s", (text, expression) => {
    expect(parseExpression(text)).toStrictEqual({ ok: true, expression });
  });

  test("a strip marker that empties the text beside it leaves no empty text", () => {
    expect(parseTemplate('${"x" ~}  ${"y"}')).toStrictEqual({
      ok: true,
      expression: {
        kind: "template",
        parts: [
          { kind: "interpolation", expression: { kind: "string", value: "x" } },
          { kind: "interpolation", expression: { kind: "string", value: "y" } },
        ],
      },
    });
  });
});
