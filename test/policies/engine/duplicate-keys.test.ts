import fc from "fast-check";
import { firstDuplicateKey } from "../../../policies/engine/duplicate-keys";

describe("firstDuplicateKey", () => {
  test("a document without repeated keys has none, whatever its strings hold", () => {
    expect(firstDuplicateKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}')).toBeUndefined();
    expect(firstDuplicateKey('{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": "\\\\", "c": "a"}')).toBeUndefined();
    expect(firstDuplicateKey('["a", "a", {"k": "a"}]')).toBeUndefined();
  });

  test("a block type written twice at the top level is found, with the line of the second", () => {
    const text =
      '{\n  "resource": {"alicloud_vpc": {"a": {}}},\n  "resource": {"alicloud_vpc": {"b": {}}}\n}';
    expect(firstDuplicateKey(text)).toEqual({ key: "resource", line: 3 });
  });

  test("repeats deep inside arrays and objects are found; keys are compared unescaped", () => {
    expect(firstDuplicateKey('{"x": [1, {"rule": {}, "rule": {}}]}')).toEqual({ key: "rule", line: 1 });
    expect(firstDuplicateKey('{"region": "cn-shanghai", "\\u0072egion": "cn-hongkong"}')).toEqual({
      key: "region",
      line: 1,
    });
    expect(firstDuplicateKey('{"a\\\\": 1, "a\\\\" : 2}')).toEqual({ key: "a\\", line: 1 });
  });

  test("objects with many keys are checked as well as small ones", () => {
    const keys = Array.from({ length: 40 }, (_, index) => `"k${index}": ${index}`);
    expect(firstDuplicateKey(`{${keys.join(", ")}}`)).toBeUndefined();
    expect(firstDuplicateKey(`{${keys.join(", ")}, "k3": 0}`)).toEqual({ key: "k3", line: 1 });
  });

  test("any JSON written by JSON.stringify has none; repeating one of its keys is found", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object, null, 1);
        expect(firstDuplicateKey(text)).toBeUndefined();
        const [key] = Object.keys(object);
        const repeated = `${text.slice(0, -1)}, ${JSON.stringify(key)}: null}`;
        expect(firstDuplicateKey(repeated)?.key).toBe(key);
      }),
    );
  });
});
