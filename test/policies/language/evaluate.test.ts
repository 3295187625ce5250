import { applySteps, evaluate, WORK_EXCEEDED, type Scope } from "../../../policies/language/evaluate";
import { parseExpression, parseTemplate } from "../../../policies/language/parse";
import { PartialText, Unknown, type Value } from "../../../policies/language/value";
import { ORACLE_LOCALS } from "./terraform-oracle";

/** Resolves `local.NAME` from the oracle's locals; any other name is unknown, with an origin. */
const scope: Scope = {
  traverse(root, steps) {
    const [first, ...rest] = steps;
    if (root === "local" && first?.kind === "attr" && Object.hasOwn(ORACLE_LOCALS, first.name)) {
      return applySteps(ORACLE_LOCALS[first.name] as Value, rest, `local.${first.name}`);
    }
    return new Unknown(`${root} is known only after apply`, { root, steps });
  },
};

function run(kind: "expression" | "template", text: string): Value {
  const parsed = kind === "expression" ? parseExpression(text) : parseTemplate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluate(parsed.expression, scope);
}

/**
 * Each construct with the value terraform 1.11 computed for it (`"error"`: terraform refused it, so the
 * guard must refuse too). Regenerate by evaluating the texts with terraform, never by belief.
 */
const TERRAFORM_VALUES: readonly [kind: "expression" | "template", text: string, value: unknown][] = [
  ["expression", '"a${local.s1}b"', "acn-shanghaib"],
  ["expression", "local.l1.1", "b"],
  ["expression", 'local.m1["a"]', "x"],
  ["expression", '[for i, v in local.l1 : "${i}${v}" if v != "b"]', ["0a", "2c"]],
  ["expression", "{for v in local.l1 : v => upper(v)}", { a: "A", b: "B", c: "C" }],
  ["expression", '{for v in ["a", "b", "a"] : v => 1...}', { a: [1, 1], b: [1] }],
  ["expression", "[{a = 1}, {a = 2}][*].a", [1, 2]],
  ["expression", "{a = 1}.*.a", [1]],
  ["expression", "null[*]", []],
  ["expression", "local.l1[*]", ["a", "b", "c"]],
  ["expression", '"x"[*]', ["x"]],
  ["expression", "1 + 2 * 3 - 4 / 2", 5],
  ["expression", "7 % 3", 1],
  ["expression", "-7 % 3", -1],
  ["expression", "7 % 0", 7],
  ["expression", '"2" + 3', 5],
  ["expression", "1 < 2 == true", true],
  ["expression", "!true || false && true", false],
  ["expression", 'true ? 1 : "a"', "1"],
  ["expression", 'false ? null : "b"', "b"],
  ["expression", '1 == "1"', false],
  ["expression", "null == null", true],
  ["expression", "(1)", 1],
  ["expression", '{ "a" = 1, b : 2, (local.s1) = 3 }', { a: 1, b: 2, "cn-shanghai": 3 }],
  ["expression", 'format("%s-%d-%v-%t-%%", "a", 5, "v", true)', "a-5-v-true-%"],
  ["expression", 'formatlist("<%s>", ["a", "b"])', ["<a>", "<b>"]],
  ["expression", 'join(",", ["a", 1, true])', "a,1,true"],
  ["expression", 'split(",", "a,,b")', ["a", "", "b"]],
  ["expression", 'split("", "abc")', ["a", "b", "c"]],
  ["expression", 'lower("ABC")', "abc"],
  ["expression", 'upper("abc")', "ABC"],
  ["expression", 'title("hello world-x_y")', "Hello World-X_y"],
  ["expression", 'replace("aaa", "a", "bb")', "bbbbbb"],
  ["expression", 'replace("abc", "", "-")', "-a-b-c-"],
  ["expression", 'trimprefix("abc", "ab")', "c"],
  ["expression", 'trimsuffix("abc", "bc")', "a"],
  ["expression", 'trimspace(" \\t x \\n")', "x"],
  ["expression", 'trim("xxaxx", "x")', "a"],
  ["expression", 'substr("abcdef", 1, 3)', "bcd"],
  ["expression", 'substr("abcdef", -2, -1)', "ef"],
  ["expression", 'substr("abcdef", -1, 0)', "f"],
  ["expression", 'substr("abc", 5, 1)', ""],
  ["expression", 'concat(["a"], ["b", "c"])', ["a", "b", "c"]],
  ["expression", "element([1, 2, 3], 4)", 2],
  ["expression", "element([1, 2, 3], -1)", "error"],
  ["expression", 'lookup({a = 1}, "a")', 1],
  ["expression", 'lookup({a = 1}, "b", 2)', 2],
  ["expression", 'coalesce("", "b")', "b"],
  ["expression", 'coalesce(1, "x")', "1"],
  ["expression", "coalescelist([], [1])", [1]],
  ["expression", "tostring(5)", "5"],
  ["expression", 'tonumber("12")', 12],
  ["expression", 'tobool("true")', true],
  ["expression", 'tobool("0")', false],
  ["expression", 'tolist(["a", 1])', ["a", "1"]],
  ["expression", 'toset(["b", "a", "b"])', ["a", "b"]],
  ["expression", 'tomap({a = 1, b = "x"})', { a: "1", b: "x" }],
  ["expression", "merge({a = 1}, {b = 2}, {a = 3})", { a: 3, b: 2 }],
  ["expression", "flatten([[1], [[2, 3]], 4])", [1, 2, 3, 4]],
  ["expression", "one([])", null],
  ["expression", "one([5])", 5],
  ["expression", 'length("abc")', 3],
  ["expression", "length([1, 2])", 2],
  ["expression", "length({a = 1})", 1],
  ["expression", "keys({b = 1, a = 2})", ["a", "b"]],
  ["expression", "values({b = 1, a = 2})", [2, 1]],
  ["expression", 'contains(["a"], "a")', true],
  ["expression", "distinct([1, 2, 1])", [1, 2]],
  ["expression", 'compact(["a", "", null, "b"])', ["a", "b"]],
  ["expression", "slice([1, 2, 3, 4], 1, 3)", [2, 3]],
  ["expression", "range(3)", [0, 1, 2]],
  ["expression", "range(1, 4)", [1, 2, 3]],
  ["expression", "range(5, 0, -2)", [5, 3, 1]],
  ["expression", 'zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  [
    "expression",
    'jsonencode({b = "<&>", a = [1, true, null], c = 1.5})',
    '{"a":[1,true,null],"b":"\\u003c\\u0026\\u003e","c":1.5}',
  ],
  ["expression", 'jsondecode("{\\"a\\": [1, \\"x\\"]}")', { a: [1, "x"] }],
  ["expression", 'startswith("abc", "ab")', true],
  ["expression", 'endswith("abc", "bc")', true],
  ["expression", 'strcontains("abc", "d")', false],
  ["expression", "min(3, 1, 2)", 1],
  ["expression", "max(3, 1, 2)", 3],
  ["expression", "abs(-4)", 4],
  ["expression", "reverse([1, 2, 3])", [3, 2, 1]],
  ["expression", 'sort(["b", "a", "10", "9"])', ["10", "9", "a", "b"]],
  ["expression", 'try(local.l1[5], "fallback")', "fallback"],
  ["expression", "can(local.l1[5])", false],
  ["expression", "can(local.l1[0])", true],
  ["expression", "-0", 0],
  ["expression", '"${-0}x"', "-0x"],
  ["expression", "max(-0, 0)", 0],
  ["expression", "1.5", 1.5],
  ["expression", '"${1.5}"', 1.5],
  ["expression", "0.1 == 0.1", true],
  ["expression", '{for k, v in {"10" = 1, "9" = 2, "a" = 3} : k => v}', { "9": 2, "10": 1, a: 3 }],
  ["expression", '[for k, v in {"10" = 1, "9" = 2} : k]', ["10", "9"]],
  ["expression", "toset([3, 1, 2])", [1, 2, 3]],
  ["expression", '[for k, v in toset(["b", "a"]) : k]', ["a", "b"]],
  ["template", "plain", "plain"],
  ["template", "${local.s1}", "cn-shanghai"],
  ["template", "a${local.n1}b", "a3b"],
  ["template", "$${x}", "${x}"],
  ["template", "%%{x}", "%{x}"],
  ["template", "$$$${x}", "$$${x}"],
  ["template", "a $ b % c", "a $ b % c"],
  ["template", "%{if local.b1}yes%{else}no%{endif}", "yes"],
  ["template", "%{if false}yes%{endif}end", "end"],
  ["template", "%{for v in local.l1}[${v}]%{endfor}", "[a][b][c]"],
  ["template", "%{for k, v in local.m1}${k}=${v};%{endfor}", "a=x;b=y;"],
  ["template", 'a ${~ "b" ~} c', "abc"],
  ["template", 'a\n\n${~ "x"}', "a\nx"],
  ["template", '${"x" ~}\n\n  y', "x\n  y"],
  ["template", "%{ for k, v in {a=1,b=2} ~}\n ${k}=${v}\n%{~ endfor }", " a=1 b=2"],
  ["template", '${"x"~}  ', "x"],
  ["template", "${~true~}", true],
  ["template", "${true}x", "truex"],
  ["template", "${[1, 2]}", [1, 2]],
  ["template", "${null}", null],
  [
    "template",
    "oss-cn-beijing.%{if(true)}oss-us-west-1%{endif}.aliyuncs.com",
    "oss-cn-beijing.oss-us-west-1.aliyuncs.com",
  ],
  ["template", '${"a\\"b\\n"}', 'a"b\n'],
  ["template", '${"\\u00e9\\U0001F600"}', "\u00e9\ud83d\ude00"],
];

describe("each construct evaluates to Terraform's value", () => {
  test.each(TERRAFORM_VALUES)("%s %s", (kind, text, expected) => {
    const value = run(kind, text);
    if (expected === "error") expect(value).toBeInstanceOf(Unknown);
    else expect(JSON.parse(JSON.stringify(value))).toEqual(expected);
  });
});

/** Terraform computes these, but the guard cannot be sure of the value (a list vs a tuple, inexact numbers). */
const REFUSED: readonly [text: string, reason: string][] = [
  ["[1, 2] == [1, 2]", "== between collections depends on their exact types"],
  ["0.1 + 0.2", "has no exact result here"],
  ["1 / 3", "has no exact result here"],
  ["9007199254740993", "cannot be held exactly"],
  ['upper("é")', "non-ASCII"],
  ['replace("abc", "/b/", "x")', "regular expression"],
  ['format("%5s", "a")', "the verb %5"],
  ['sha256("x")', "sha256() is not evaluated here"],
  ["local.l1[data.x.y]", "unknown index"],
];

describe("what the guard cannot be exact about is refused, with the reason", () => {
  test.each(REFUSED)("%s", (text, reason) => {
    const value = run("expression", text);
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).reason).toContain(reason);
  });
});

describe("unknown values", () => {
  test("a template keeps the known text and each unknown part with its origin", () => {
    const value = run("template", "acs:log:${local.s1}:${data.alicloud_account.x.id}:project/p");
    expect(value).toBeInstanceOf(PartialText);
    const parts = (value as PartialText).parts;
    expect(parts[0]).toBe("acs:log:cn-shanghai:");
    expect(parts[2]).toBe(":project/p");
    expect(parts[1]).toBeInstanceOf(Unknown);
    expect((parts[1] as Unknown).origin).toEqual({
      root: "data",
      steps: [
        { kind: "attr", name: "alicloud_account" },
        { kind: "attr", name: "x" },
        { kind: "attr", name: "id" },
      ],
    });
  });

  test("a lone interpolation is the value itself, origin kept", () => {
    const value = run("template", "${aws_instance.x.region}");
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).origin).toEqual({ root: "aws_instance", steps: expect.any(Array) });
  });

  test("a function or operator over an unknown gives a plain unknown, without origin", () => {
    for (const text of ["lower(data.x.y)", "data.x.y == 1", '"${data.x.y}" == "a"', "!data.x.y"]) {
      const value = run("expression", text);
      expect(value).toBeInstanceOf(Unknown);
      expect((value as Unknown).origin).toBeUndefined();
    }
  });

  test("an unknown condition makes the conditional unknown, in an expression and in a directive", () => {
    expect(run("expression", 'data.x.y ? "cn-shanghai" : "cn-beijing"')).toBeInstanceOf(Unknown);
    const text = run("template", "oss-%{if data.x.y}cn-shanghai%{endif}.aliyuncs.com") as PartialText;
    expect(text.parts[0]).toBe("oss-");
    expect(text.parts[1]).toBeInstanceOf(Unknown);
    expect(text.parts[2]).toBe(".aliyuncs.com");
  });

  test("try() and can() cannot choose while a value is unknown", () => {
    expect(run("expression", 'try(data.x.y, "z")')).toBeInstanceOf(Unknown);
    expect(run("expression", "can(data.x.y)")).toBeInstanceOf(Unknown);
  });

  test("a collection keeps its unknown elements and its known ones", () => {
    const value = run("expression", '["cn-shanghai", data.x.y]') as Value[];
    expect(value[0]).toBe("cn-shanghai");
    expect(value[1]).toBeInstanceOf(Unknown);
    expect(run("expression", "length([1, data.x.y])")).toBe(2);
  });

  test("a string known to be text is the result of a conditional whose other arm is unknown", () => {
    expect(run("expression", 'true ? "cn-shanghai" : data.x.y')).toBe("cn-shanghai");
    expect(run("expression", "true ? 1 : data.x.y")).toBeInstanceOf(Unknown);
  });

  test("an object key named __proto__ is data", () => {
    const value = run("expression", '{ "__proto__" = "x" }') as Record<string, Value>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe("a refusal names what it refuses", () => {
  test.each([
    ["nosuch(1)", "the function nosuch() is not evaluated here"],
    ['lower("a", "b")', "Terraform reports an error: lower() takes 1 arguments, not 2"],
    ['join(",", [null])', "Terraform reports an error: join(): an element to join is null"],
    ['lookup({a = 1}, "b")', 'Terraform reports an error: lookup(): the map has no key "b"'],
    ["local.l1[3]", "Terraform reports an error: the list index 3 is out of range (the list has 3 elements)"],
    ["local.m1.z", 'Terraform reports an error: local.m1 has no attribute "z"'],
    [
      '{for v in ["a", "a"] : v => 1}',
      'Terraform reports an error: the for expression produces the key "a" twice (use ... to group)',
    ],
    ['"x${local.l1}"', "Terraform reports an error: an interpolated value must be a string, not a list"],
    ["1 / 0", "1 / 0 is an infinity"],
    [
      "range(2000)",
      "Terraform reports an error: range(): more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
    ],
  ])("%s", (text, reason) => {
    expect(run("expression", text)).toEqual(new Unknown(reason));
  });
});

describe("an expression built to multiply is refused within a bounded amount of work", () => {
  const cube = "[for x in range(1000) : [for y in range(1000) : [for z in range(1000) : x]]]";
  const exceeded = new Unknown(WORK_EXCEEDED);

  test("three nested for expressions over range(1000) stop at the bound, not after 10^9 iterations", () => {
    expect(run("expression", `length(flatten(${cube}))`)).toEqual(exceeded);
  });

  test("try() and can() do not catch it: it is no error of Terraform's", () => {
    expect(run("expression", `try(${cube}, "fallback")`)).toEqual(exceeded);
    expect(run("expression", `can(${cube})`)).toEqual(exceeded);
  });

  test("a for directive of a template counts too", () => {
    const directives =
      "%{for x in range(1000)}%{for y in range(1000)}%{for z in range(1000)}.%{endfor}%{endfor}%{endfor}";
    expect(run("template", directives)).toEqual(exceeded);
  });

  test("the bound holds for an evaluation and all it reaches through its scope together", () => {
    // Each half alone is under the bound; the scope evaluates them as separate expressions, as locals are.
    const half = "[for x in range(1000) : [for y in range(200) : y]]";
    const scope: Scope = {
      traverse: (_root, steps) => {
        const parsed = parseExpression(half);
        if (!parsed.ok || steps.length !== 1) throw new Error("unexpected");
        return evaluate(parsed.expression, scope);
      },
    };
    expect(valueWith("length(flatten(local.a))", scope)).toBe(200_000);
    expect(valueWith("length(flatten(local.a)) + length(flatten(local.b))", scope)).toEqual(exceeded);
  });

  test("real work stays far below it", () => {
    expect(run("expression", "length(flatten([for x in range(1000) : [for y in range(200) : y]]))")).toBe(
      200_000,
    );
  });
});

function valueWith(text: string, scope: Scope): Value {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluate(parsed.expression, scope);
}
