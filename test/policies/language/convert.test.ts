import {
  derivedUnknown,
  describe as describeValue,
  numberFromText,
  sameType,
  textOfNumber,
  toBool,
  toNumber,
  toText,
  unknownIn,
} from "../../../policies/language/convert";
import {
  compareText,
  isSet,
  objectOf,
  PartialText,
  setOf,
  sortedKeys,
  Unknown,
} from "../../../policies/language/value";

describe("numbers are given only where a double holds Terraform's value exactly", () => {
  test.each([
    ["12", 12],
    ["012", 12],
    ["1e2", 100],
    ["1.5", 1.5],
    ["0.10", 0.1],
    ["-7", -7],
    ["+3", 3],
    ["9007199254740991", 9007199254740991],
    [".5", 0.5],
    ["0012", 12],
    ["000.5", 0.5],
    ["5.", 5],
    ["0e999999999", 0],
    ["-0.05", -0.05],
    ["123e-2", 1.23],
  ])("%s is %d", (text, number) => {
    expect(numberFromText(text)).toBe(number);
  });

  test.each([
    "9007199254740993",
    "1e21",
    "1e-7",
    "0.1000000000000000000001",
    "1e400",
    "1e999999999",
    "-1e-999999999",
  ])("%s is refused", (text) => {
    expect(numberFromText(text)).toBeInstanceOf(Unknown);
  });

  test.each(["", "x", "1x", " 3", "1e", "."])("%j is not a number: an error, as in Terraform", (text) => {
    expect(() => numberFromText(text)).toThrow("is not a number");
  });

  test("-0 keeps its sign and its text, as Terraform's", () => {
    expect(Object.is(numberFromText("-0"), -0)).toBe(true);
    expect(textOfNumber(-0)).toBe("-0");
    expect(textOfNumber(0)).toBe("0");
  });

  test("text of numbers: integers and exact decimals; others are refused", () => {
    expect(textOfNumber(1.5)).toBe("1.5");
    expect(textOfNumber(-12)).toBe("-12");
    expect(textOfNumber(2 ** 60)).toBeInstanceOf(Unknown);
    expect(textOfNumber(1e-7)).toBeInstanceOf(Unknown);
    expect(textOfNumber(Infinity)).toBeInstanceOf(Unknown);
    expect(textOfNumber(NaN)).toBeInstanceOf(Unknown);
  });
});

describe("conversions", () => {
  test("to text: numbers and bools convert, null and collections are errors", () => {
    expect(toText(3, "x")).toBe("3");
    expect(toText(false, "x")).toBe("false");
    expect(() => toText(null, "the value")).toThrow("the value is null");
    expect(() => toText([1], "the value")).toThrow("the value must be a string, not a list");
  });

  test("to number: strings convert, bools do not", () => {
    expect(toNumber("12", "x")).toBe(12);
    expect(() => toNumber("x", "the operand")).toThrow('the operand must be a number, not "x"');
    expect(() => toNumber(true, "the operand")).toThrow("the operand must be a number, not a bool");
  });

  test('to bool: "true", "false", "1" and "0"; nothing else', () => {
    expect(toBool("true", "x")).toBe(true);
    expect(toBool("0", "x")).toBe(false);
    expect(toBool("1", "x")).toBe(true);
    expect(() => toBool("yes", "the condition")).toThrow('the condition must be a bool, not "yes"');
    expect(toBool(new Unknown("later"), "the condition")).toEqual(new Unknown("the condition: later"));
  });

  test("unknownIn finds an unknown at any depth, and in partial text", () => {
    const unknown = new Unknown("later");
    expect(unknownIn([1, { a: [unknown] }])).toBe(unknown);
    expect(unknownIn(new PartialText(["a", unknown]))).toBe(unknown);
    expect(unknownIn({ a: [1, "b"] })).toBeUndefined();
    expect(unknownIn({ a: 1, b: unknown })).toBe(unknown);
  });

  test("sameType: structure and primitive kinds; null fits anything, an unknown only text", () => {
    expect(sameType({ a: [1, "x"] }, { a: [2, "y"] })).toBe(true);
    expect(sameType([1], [1, 2])).toBe(false);
    expect(sameType({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameType(1, "1")).toBe(false);
    expect(sameType(null, [1])).toBe(true);
    expect(sameType("a", new Unknown("x"))).toBe(true);
    expect(sameType(1, new Unknown("x"))).toBe(false);
    expect(sameType(new PartialText(["a"]), "b")).toBe(true);
  });
});

describe("values", () => {
  test("keys sort by code point, as Terraform sorts UTF-8 bytes", () => {
    expect(
      sortedKeys(
        objectOf([
          ["b", 1],
          ["10", 2],
          ["9", 3],
          ["\u{1F600}", 4],
          ["\uFF5E", 5],
        ]),
      ),
    ).toEqual(["10", "9", "b", "\uFF5E", "\u{1F600}"]);
    expect(compareText("a", "ab")).toBeLessThan(0);
    expect(compareText("ab", "ab")).toBe(0);
  });

  test("an object's keys are ordinary data properties, as in an object literal", () => {
    expect(Object.getOwnPropertyDescriptor(objectOf([["a", 1]]), "a")).toEqual(
      Object.getOwnPropertyDescriptor({ a: 1 }, "a"),
    );
  });

  test("a set is remembered as a set", () => {
    expect(isSet(setOf(["a"]))).toBe(true);
    expect(isSet(["a"])).toBe(false);
  });
});

describe("descriptions and derived unknowns, as refusals word them", () => {
  test.each([
    [null, "null"],
    [new Unknown("later"), "an unknown value"],
    [new PartialText(["a", new Unknown("later")]), "an unknown value"],
    [setOf(["a"]), "a set"],
    [["a"], "a list"],
    [{ a: 1 }, "an object"],
    ["a", "a string"],
    [1, "a number"],
    [true, "a bool"],
  ])("%j is %s", (value, description) => {
    expect(describeValue(value)).toBe(description);
  });

  test("a derived unknown names what it computed and the cause; text known in part gives its unknown part", () => {
    expect(derivedUnknown(new Unknown("later", { root: "data" }), "x")).toStrictEqual(
      new Unknown("x: later"),
    );
    expect(derivedUnknown(new PartialText(["a", new Unknown("later")]), "x")).toStrictEqual(
      new Unknown("x: later"),
    );
    expect(derivedUnknown(new PartialText(["a"]), "x")).toStrictEqual(new Unknown("x"));
    expect(derivedUnknown(undefined, "x")).toStrictEqual(new Unknown("x"));
  });

  test("to number and to bool: unknowns stay unknown, with what was converted", () => {
    expect(toNumber(new Unknown("later"), "the operand")).toStrictEqual(new Unknown("the operand: later"));
    expect(() => toBool(1, "the condition")).toThrow("the condition must be a bool, not a number");
    expect(() => toBool(null, "the condition")).toThrow("the condition is null");
    expect(() => toNumber(null, "the operand")).toThrow("the operand is null");
  });

  test("sameType: two unknowns may share a type; an object and a primitive do not", () => {
    expect(sameType(new Unknown("x"), new Unknown("y"))).toBe(true);
    expect(sameType(new Unknown("x"), 1)).toBe(false);
    expect(sameType({ a: 1 }, 1)).toBe(false);
    expect(sameType(1, { a: 1 })).toBe(false);
    expect(sameType([1], 1)).toBe(false);
    expect(sameType(true, false)).toBe(true);
    expect(sameType(true, 1)).toBe(false);
    expect(sameType([1, "x"], [2, 3])).toBe(false);
    expect(sameType({ a: 1 }, { a: "x" })).toBe(false);
    expect(sameType({ a: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(sameType({ a: 1, b: 1 }, { a: 1, c: 1 })).toBe(false);
    expect(sameType({ a: null }, { b: 1 })).toBe(false);
    expect(sameType([], { length: 0 })).toBe(false);
    expect(sameType(1, [1])).toBe(false);
    expect(sameType({}, 1)).toBe(false);
    expect(sameType(true, {})).toBe(false);
  });
});
