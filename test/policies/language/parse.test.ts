import fc from "fast-check";
import { evaluate } from "../../../policies/language/evaluate";
import {
  holdsNode,
  loneReferenceRoot,
  parseExpression,
  parseTemplate,
  readShortWay,
} from "../../../policies/language/parse";
import type { Expression } from "../../../policies/language/syntax";
import { garbledExpressions, garbledTemplates } from "./generators";

function parsed(result: ReturnType<typeof parseExpression>): Expression {
  if (!result.ok) throw new Error(result.error);
  return result.expression;
}

describe("parseTemplate", () => {
  test("text without ${ or %{ is one literal", () => {
    expect(parseTemplate("oss-cn-shanghai.aliyuncs.com")).toEqual({
      ok: true,
      expression: { kind: "string", value: "oss-cn-shanghai.aliyuncs.com" },
    });
  });

  test("a lone interpolation is the expression itself, not a template", () => {
    expect(parsed(parseTemplate("${local.x}"))).toEqual({
      kind: "traversal",
      root: "local",
      steps: [{ kind: "attr", name: "x" }],
    });
    expect(parsed(parseTemplate("${~ local.x ~}")).kind).toBe("traversal");
    expect(parsed(parseTemplate("${local.x} ")).kind).toBe("template");
  });

  test("a lone reference is read as the full parser reads it, whether or not it takes the short way", () => {
    // A space before the closing brace changes nothing in Terraform but sends the text through the full parser.
    const piece = fc.constantFrom(
      "a",
      "b_1",
      "x-y",
      "0",
      "01",
      "7",
      ".",
      "[",
      "]",
      "*",
      "e",
      "-",
      "true",
      "(",
      ")",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const inner = pieces.join("");
        const short = parseTemplate(`\${${inner}}`);
        const full = parseTemplate(`\${${inner} }`);
        expect(short.ok).toBe(full.ok);
        if (short.ok && full.ok) expect(short.expression).toEqual(full.expression);
      }),
      { numRuns: 2_000 },
    );
    expect(parsed(parseTemplate("${alicloud_vswitch.b.0.zone_id}"))).toEqual({
      kind: "traversal",
      root: "alicloud_vswitch",
      steps: [
        { kind: "attr", name: "b" },
        { kind: "index", key: { kind: "number", text: "0" } },
        { kind: "attr", name: "zone_id" },
      ],
    });
    expect(parseTemplate("${a.0.1}")).toEqual({
      ok: false,
      error: 'column 5: expected one legacy index (`.0.1` is not an index; write [0][1]), found "0"',
    });
  });

  test("the short way reads literal text around lone references as the full parser reads it", () => {
    // The text around the references holds every character that ends a literal run or opens a sequence.
    const text = fc.constantFrom(
      "acs:oss:*:*:",
      '{"a":["',
      "$",
      "%",
      "{",
      "}",
      "$$",
      "%%",
      "\n",
      "\r",
      "~",
      " ",
      "x-y",
    );
    const reference = fc.constantFrom(
      "local.b",
      "alicloud_vpc.v.id",
      "a[0].b",
      "a.0",
      "a.0.1",
      "true",
      "a.",
      "x-y",
    );
    const piece = fc.oneof(
      text.map((literal) => ({ short: literal, full: literal })),
      // A space before the closing brace changes nothing in Terraform but sends the text through the full parser.
      reference.map((inner) => ({ short: `\${${inner}}`, full: `\${${inner} }` })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const short = readShortWay(pieces.map((part) => part.short).join(""));
        // After a lone CR, an escape or a directive opening the space would be literal text or in a directive:
        // the short way declines those, so a reading of one would differ here.
        if (short !== undefined)
          expect(short).toEqual(parsed(parseTemplate(pieces.map((part) => part.full).join(""))));
      }),
      { numRuns: 3_000 },
    );
  });

  test.each([
    ["${alicloud_vpc.v.id}", "${alicloud_vpc.v.id }"],
    ["${data.alicloud_zones.z.zones[0].id}", "${data.alicloud_zones.z.zones[0].id }"],
    ["${alicloud_vswitch.b.0.zone_id}", "${alicloud_vswitch.b.0.zone_id }"],
    [
      '{"Statement":[{"Condition":{"acs:SourceVpc":["${alicloud_vpc.v.id}"]}}],"Resource":["acs:oss:*:*:${local.b}/*"]}',
      '{"Statement":[{"Condition":{"acs:SourceVpc":["${alicloud_vpc.v.id }"]}}],"Resource":["acs:oss:*:*:${local.b }/*"]}',
    ],
    ["${a.b}${c.d}", "${a.b }${c.d }"],
    ["$5 %d a}b\n${c.d} $", "$5 %d a}b\n${c.d } $"],
  ])("the short way reads %j", (text, spaced) => {
    expect(readShortWay(text)).toEqual(parsed(parseTemplate(spaced)));
  });

  test.each([
    "${ a.b }",
    "${true}",
    "${a.0.1}",
    "${a.0.e1}",
    "${a.01.E}",
    "${a.0x}",
    "${a[b]}",
    "${a.b",
    "${f(x)}",
    "${a.b} ${c + 1}",
    "${a.b}%{if c}d%{endif}",
    "$${a.b} ${c.d}",
    "%%{a} ${c.d}",
    "a\r${b.c}",
    "a literal",
    "",
  ])("the short way declines %j", (text) => {
    expect(readShortWay(text)).toBeUndefined();
  });

  test("the root of a lone reference is read without its tree, where the short way reads it", () => {
    expect(
      [
        "${alicloud_vswitch.b.0.zone_id}",
        "${data.x.y[1].id}",
        "${local.z}",
        "${ a.b }",
        "${a.0.1}",
        "x${a.b}",
      ].map(loneReferenceRoot),
    ).toEqual(["alicloud_vswitch", "data", "local", undefined, undefined, undefined]);
  });

  test("after a lone carriage return, the rest of a template is literal text, as HCL's scanner reads it", () => {
    expect(parsed(parseTemplate("a\r${b.c}-${d.e}"))).toEqual({ kind: "string", value: "a\r${b.c}-${d.e}" });
  });

  test("escapes are literal text", () => {
    expect(parsed(parseTemplate("$${x} %%{y}"))).toEqual({ kind: "string", value: "${x} %{y}" });
    expect(parsed(parseTemplate("$${a.b}-${c.d}"))).toEqual({
      kind: "template",
      parts: [
        { kind: "text", text: "${a.b}-" },
        {
          kind: "interpolation",
          expression: { kind: "traversal", root: "c", steps: [{ kind: "attr", name: "d" }] },
        },
      ],
    });
  });

  test("directives nest", () => {
    expect(parsed(parseTemplate("%{if a}x%{else}%{for v in l}${v}%{endfor}%{endif}"))).toEqual({
      kind: "template",
      parts: [
        {
          kind: "if",
          condition: { kind: "traversal", root: "a", steps: [] },
          whenTrue: [{ kind: "text", text: "x" }],
          whenFalse: [
            {
              kind: "for",
              valueVariable: "v",
              collection: { kind: "traversal", root: "l", steps: [] },
              body: [{ kind: "interpolation", expression: { kind: "traversal", root: "v", steps: [] } }],
            },
          ],
        },
      ],
    });
  });

  test.each([
    ["${x", "column 4: expected '}' closing the template sequence, found the end of the text"],
    ["%{if a}", "column 1: %{if} has no %{endif}"],
    ["%{endfor}", "column 1: %{endfor} without its opening directive"],
    ["%{while x}", 'column 3: expected a template directive: if, else, endif, for or endfor, found "w"'],
    ["${a.0.1}", 'column 5: expected one legacy index (`.0.1` is not an index; write [0][1]), found "0"'],
    [
      '${"a\nb"}',
      'column 5: expected \'"\' before the end of the line (a quoted string cannot span lines), found "\\n"',
    ],
    [
      '${"a\rb"}',
      'column 5: expected \'"\' before the end of the line (a quoted string cannot span lines), found "\\r"',
    ],
    ['${"\\q"}', 'column 5: expected an escape: \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN, found "q"'],
    [
      "${provider::p::f(1)}",
      "column 11: expected '(' (provider-defined functions are not evaluated), found \":\"",
    ],
  ])("refuses %j: %s", (text, error) => {
    expect(parseTemplate(text)).toEqual({ ok: false, error });
  });

  test("nesting deeper than any configuration is refused, never a stack overflow", () => {
    const deep = "${" + "(".repeat(10000) + "1" + ")".repeat(10000) + "}";
    const result = parseTemplate(deep);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toContain("levels of nesting");
  });
});

describe("parseExpression", () => {
  test("traversals: attributes, indices, the legacy .0 form", () => {
    expect(parsed(parseExpression('data.alicloud_zones.x.zones.0["id"]'))).toEqual({
      kind: "traversal",
      root: "data",
      steps: [
        { kind: "attr", name: "alicloud_zones" },
        { kind: "attr", name: "x" },
        { kind: "attr", name: "zones" },
        { kind: "index", key: { kind: "number", text: "0" } },
        { kind: "index", key: "id" },
      ],
    });
  });

  test("a computed index, a relative traversal, splats", () => {
    expect(parsed(parseExpression("a[b].c")).kind).toBe("relative");
    expect(parsed(parseExpression("xs[*].a[0]"))).toMatchObject({ kind: "splat", form: "full" });
    // An attribute splat ends at the first index: xs.*.a[0] is (xs.*.a)[0].
    expect(parsed(parseExpression("xs.*.a[0]"))).toMatchObject({
      kind: "relative",
      source: { kind: "splat", form: "attribute" },
    });
  });

  test("operators bind as HCL's precedence levels say, left to right within a level", () => {
    const tree = parsed(parseExpression("a || b && c == d < e + f * -g"));
    expect(tree).toMatchObject({
      operator: "||",
      right: {
        operator: "&&",
        right: {
          operator: "==",
          right: {
            operator: "<",
            right: { operator: "+", right: { operator: "*", right: { kind: "unary" } } },
          },
        },
      },
    });
    expect(parsed(parseExpression("a - b - c"))).toMatchObject({ operator: "-", left: { operator: "-" } });
  });

  test("objects: bare names, quoted and parenthesized keys, = and :, commas or newlines", () => {
    const tree = parsed(parseExpression('{\n  a = 1\n  "b": 2, (c) = 3\n}'));
    expect(tree).toMatchObject({
      kind: "object",
      items: [
        { bareKey: true, key: { kind: "traversal", root: "a" } },
        { bareKey: false, key: { kind: "string", value: "b" } },
        { bareKey: false, key: { kind: "parentheses" } },
      ],
    });
  });

  test("for expressions: tuple and object forms, a condition, grouping", () => {
    expect(parsed(parseExpression("{for k, v in m : v => k... if k != 1}"))).toMatchObject({
      kind: "for",
      keyVariable: "k",
      valueVariable: "v",
      grouping: true,
      condition: { kind: "binary" },
    });
  });

  test("a call that expands its final argument", () => {
    expect(parsed(parseExpression("concat(a, bs...)"))).toMatchObject({
      kind: "call",
      name: "concat",
      expandFinal: true,
    });
  });

  test.each([
    ["1 +", "column 4: expected an expression, found the end of the text"],
    ["a b", 'column 3: expected the end of the expression, found "b"'],
    ["<<EOT\nx\nEOT", 'column 1: expected an expression (heredocs are not read), found "<"'],
    ["{a = 1 b = 2}", "column 8: expected ',', a newline or '}' after an object item, found \"b\""],
  ])("refuses %j: %s", (text, error) => {
    expect(parseExpression(text)).toEqual({ ok: false, error });
  });
});

describe("bad input is refused with a reason, never a crash", () => {
  test("any text: the parser answers ok or an error naming a column, and evaluation returns a value", () => {
    const scope = { traverse: () => null };
    fc.assert(
      fc.property(fc.oneof(fc.string(), garbledTemplates, garbledExpressions), (text) => {
        for (const result of [parseTemplate(text), parseExpression(text)]) {
          if (!result.ok) expect(result.error).toMatch(/^column \d+: /);
          else expect(() => evaluate(result.expression, scope)).not.toThrow();
        }
      }),
      { numRuns: Number(process.env.PARSE_PROPERTY_RUNS ?? "300") },
    );
  });
});

describe("holdsNode", () => {
  const tree = (text: string) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.expression;
  };
  const calls = (node: { readonly [key: string]: unknown }) => node.kind === "call";
  it("finds a node at any depth: in a template, a conditional, a for, an object's key", () => {
    for (const text of ['"a${upper(b)}"', "c ? [1, f(x)] : 2", "[for v in x : g(v)]", "{ (h()) = 1 }"])
      expect(holdsNode(tree(text), calls)).toBe(true);
  });
  it("finds none where there is none", () => {
    for (const text of ["a.b[0]", '"${x}-${y}"', "1 + 2"]) expect(holdsNode(tree(text), calls)).toBe(false);
  });
});
