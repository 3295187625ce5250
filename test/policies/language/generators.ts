import fc from "fast-check";

/**
 * Generators of Terraform expression text over the whole supported language, typed so that most of
 * what they produce evaluates (and some of it is text Terraform or the guard must refuse).
 */
const STRINGS = [
  "cn-shanghai",
  "us-west-1",
  "",
  "a b",
  "Ab-C_d",
  " x ",
  "oss",
  "a,b,c",
  "é",
  "10",
  "true",
  "/a/",
  "<&>",
];

const quoted = (text: string): string => JSON.stringify(text).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");

const call = (name: string, ...args: string[]): string => `${name}(${args.join(", ")})`;

export interface Expressions {
  text: string;
  number: string;
  bool: string;
  list: string;
  object: string;
  any: string;
}

export const expressions = fc.letrec<{ [K in keyof Expressions]: string }>((tie) => {
  const text = tie("text");
  const number = tie("number");
  const bool = tie("bool");
  const list = tie("list");
  const object = tie("object");
  return {
    text: fc.oneof(
      { maxDepth: 3, depthIdentifier: "expression", withCrossShrink: true },
      fc.constantFrom(...STRINGS).map(quoted),
      fc.constantFrom(
        "local.s1",
        "local.s2",
        "local.s3",
        "local.m1.a",
        'local.m1["b"]',
        "local.l1[0]",
        "local.l1.1",
      ),
      fc.tuple(text, number).map(([a, n]) => `"pre-\${${a}}-\${${n}}"`),
      fc.tuple(bool, text, text).map(([c, a, b]) => `"%{if ${c}}\${${a}}%{else}\${${b}}%{endif}"`),
      fc
        .tuple(list, fc.boolean())
        .map(([l, strip]) => `"%{for x in ${l}${strip ? " ~" : ""}} \${x},%{endfor}"`),
      fc
        .tuple(fc.constantFrom("lower", "upper", "title", "trimspace", "tostring"), text)
        .map(([f, a]) => call(f, a)),
      fc.tuple(list, fc.constantFrom('","', '"-"', '""')).map(([l, sep]) => call("join", sep, l)),
      fc.tuple(text, number).map(([a, n]) => call("format", '"%s-%d"', a, n)),
      fc
        .tuple(text, fc.constantFrom('"a"', '"-"', '""', '"/a/"'), text)
        .map(([a, s, r]) => call("replace", a, s, r)),
      fc.tuple(fc.constantFrom("trimprefix", "trimsuffix"), text, text).map(([f, a, b]) => call(f, a, b)),
      fc.tuple(text, number, number).map(([a, o, l]) => call("substr", a, o, l)),
      fc.tuple(list, number).map(([l, n]) => call("element", l, n)),
      fc.tuple(object, text).map(([m, k]) => call("lookup", m, k, '"dflt"')),
      fc.tuple(text, text).map(([a, b]) => call("coalesce", a, b)),
      fc.tuple(list, number).map(([l, n]) => call("try", `${l}[${n}]`, '"z"')),
      fc.tuple(bool, text, text).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
      fc.tuple(bool, text, number).map(([c, a, n]) => `(${c} ? ${a} : ${n})`),
      fc.constantFrom("any").chain(() => tie("any").map((v) => call("jsonencode", v))),
      fc.tuple(text, text).map(([a, b]) => `"\${${a}~}  \${~${b}}"`),
      fc.tuple(object, text).map(([m, k]) => `${m}[${k}]`),
    ),
    number: fc.oneof(
      { maxDepth: 3, depthIdentifier: "expression", withCrossShrink: true },
      fc.integer({ min: -5, max: 20 }).map(String),
      fc.constantFrom("local.n1", "local.n2", "1.5", "0.1", "9007199254740993"),
      list.map((l) => call("length", l)),
      text.map((a) => call("length", a)),
      fc
        .tuple(number, fc.constantFrom("+", "-", "*", "/", "%"), number)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom("min", "max"), number, number).map(([f, a, b]) => call(f, a, b)),
      number.map((a) => call("abs", a)),
      number.map((a) => `-${a}`),
      fc.constantFrom('"12"', '"x"', '"1e2"', '" 3"').map((a) => call("tonumber", a)),
      fc.tuple(bool, number, number).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    ),
    bool: fc.oneof(
      { maxDepth: 3, depthIdentifier: "expression", withCrossShrink: true },
      fc.constantFrom("true", "false", "local.b1", '"true"'),
      fc
        .tuple(number, fc.constantFrom("<", "<=", ">", ">=", "==", "!="), number)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(text, fc.constantFrom("==", "!="), text).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(text, fc.constantFrom("==", "!="), number).map(([a, op, b]) => `(${a} ${op} ${b})`),
      bool.map((a) => `!${a}`),
      fc.tuple(bool, fc.constantFrom("&&", "||"), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(list, text).map(([l, a]) => call("contains", l, a)),
      fc
        .tuple(fc.constantFrom("startswith", "endswith", "strcontains"), text, text)
        .map(([f, a, b]) => call(f, a, b)),
      fc.tuple(list, number).map(([l, n]) => call("can", `${l}[${n}]`)),
    ),
    list: fc.oneof(
      { maxDepth: 3, depthIdentifier: "expression", withCrossShrink: true },
      fc.constantFrom("local.l1", '["x", "y"]', "[]", '["b", "a", "b", ""]'),
      fc.tuple(text, text).map(([a, b]) => `[${a}, ${b}]`),
      fc.tuple(fc.constantFrom('","', '"-"', '""'), text).map(([sep, a]) => call("split", sep, a)),
      fc.tuple(list, list).map(([a, b]) => call("concat", a, b)),
      list.map((l) => `[for x in ${l} : upper(x)]`),
      list.map((l) => `[for i, x in ${l} : "\${i}=\${x}" if x != "a"]`),
      fc
        .tuple(fc.constantFrom("distinct", "compact", "reverse", "sort", "tolist"), list)
        .map(([f, l]) => call(f, l)),
      list.map((l) => call("tolist", call("toset", l))),
      object.map((m) => call("keys", m)),
      object.map((m) => call("values", m)),
      fc.tuple(list, list).map(([a, b]) => call("flatten", `[${a}, [${b}]]`)),
      fc.tuple(number, number).map(([a, b]) => `[for n in range(${a}, ${b}) : tostring(n)]`),
      fc.constantFrom("local.l1[*]", '[{a = "p"}, {a = "q"}][*].a', '{a = "p"}.*.a', "null[*]"),
      fc.tuple(list, number, number).map(([l, a, b]) => call("slice", l, a, b)),
      fc.tuple(fc.constantFrom("formatlist"), list).map(([f, l]) => call(f, '"<%s>"', l)),
    ),
    object: fc.oneof(
      { maxDepth: 3, depthIdentifier: "expression", withCrossShrink: true },
      fc.constantFrom("local.m1", "{}", '{ "k" = "v", c = "w" }'),
      fc.tuple(text, text).map(([a, b]) => `{ a = ${a}, "b" = ${b} }`),
      fc.tuple(text, text).map(([k, v]) => `{ (${k}) = ${v} }`),
      fc.tuple(object, object).map(([a, b]) => call("merge", a, b)),
      object.map((m) => `{ for k, v in ${m} : k => upper(v) }`),
      list.map((l) => `{ for x in ${l} : x => x... }`),
      list.map((l) => `{ for x in ${l} : x => 1 }`),
      fc.tuple(list, list).map(([k, v]) => call("zipmap", k, v)),
      object.map((m) => call("tomap", m)),
      text.map((a) => call("jsondecode", call("jsonencode", `{ k = ${a} }`))),
    ),
    any: fc.oneof(text, number, bool, list, object),
  };
});

/**
 * A Terraform JSON string (a bare template) built from literal text, interpolations, directives and
 * strip markers; returned with the HCL expressions it embeds already rendered.
 */
export const templates = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "oss-",
        ".aliyuncs.com",
        " ",
        "\n",
        "  \n ",
        "$${x}",
        "%%{y}",
        "$",
        "%",
        "a\tb",
        "$$${z}",
      ),
      expressions.text.map((a) => `\${${a}}`),
      expressions.number.map((a) => `\${~ ${a} ~}`),
      expressions.any.map((a) => `\${${a}}`),
      fc
        .tuple(expressions.bool, fc.boolean())
        .map(([c, strip]) => `%{ if ${c} ${strip ? "~" : ""}}cn-x\n%{ else }us-y %{~ endif }`),
      expressions.list.map((l) => `%{~ for i, v in ${l} }\${i}:\${v}\n%{ endfor ~}`),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(""));

/** Characters inserted into generated text; the empty one deletes a character instead. */
const GARBLE_CHARACTERS = [
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  '"',
  "$",
  "%",
  "~",
  ":",
  "?",
  ",",
  ".",
  "=",
  "\\",
  "",
];

/**
 * Text a character away from a generated expression or template: mostly what Terraform must refuse.
 * No newline goes into an expression: the oracle writes it as an attribute, where a newline ends it.
 */
const garble = (source: fc.Arbitrary<string>, newline: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(source, fc.nat(), fc.constantFrom(...GARBLE_CHARACTERS, ...(newline ? ["\n"] : [])))
    .map(([text, at, char]) => {
      const position = at % (text.length + 1);
      // An empty replacement deletes the character at the position; any other inserts one.
      return char === ""
        ? text.slice(0, position) + text.slice(position + 1)
        : text.slice(0, position) + char + text.slice(position);
    });

export const garbledExpressions = garble(expressions.any, false);
export const garbledTemplates = garble(templates, true);
