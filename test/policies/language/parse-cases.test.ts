import { parseExpression } from "../../../policies/language/parse";
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

  test("a carriage return without a line feed in a template is refused (Terraform keeps such text literally)", () => {
    expect(() => valueOfTemplate('a\rb${"x"}')).toThrow(
      'column 2: expected a line feed after a carriage return, found "\\r"',
    );
  });
});
