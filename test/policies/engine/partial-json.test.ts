import fc from "fast-check";
import { classifyPlace } from "../../../policies/catalog/places";
import { readStack } from "../../../policies/engine/model";
import { markerOf, readPartialJson, withPlaceholders } from "../../../policies/engine/partial-json";
import { placeOfTextWithPlaceholders, Resolver } from "../../../policies/engine/resolve";
import { PartialText, Unknown } from "../../../policies/language/value";
import { terraformJson } from "../fixtures";

const vpc = new Unknown("alicloud_vpc.v.id is known only after apply");
const role = new Unknown("alicloud_ram_role.r.arn is known only after apply");

describe("a partly known text read as JSON", () => {
  it("stands a marker, numbered in the order of the text, for each unknown part inside a string", () => {
    const json = readPartialJson(new PartialText(['{"Vpc": ["', vpc, '"], "Role": "', role, '"}']));
    expect(json).toEqual({ document: { Vpc: [markerOf(0)], Role: markerOf(1) }, unknowns: [vpc, role] });
  });

  it("reads no text whose known part could pass for a marker, nor one that is no JSON with its markers", () => {
    expect(readPartialJson(new PartialText(['{"a": "\u0001ref0\u0001', vpc, '"}']))).toBeUndefined();
    expect(readPartialJson(new PartialText(['{"a": "\\u0001ref0\\u0001', vpc, '"}']))).toBeUndefined();
    // Outside a string a marker is no JSON, as the unknown value would be no JSON text either.
    expect(readPartialJson(new PartialText(['{"a": ', vpc, "}"]))).toBeUndefined();
  });

  it("puts placeholders back for whole markers only, not for one split by a backslash before it", () => {
    expect(withPlaceholders("plain", "…")).toBeUndefined();
    expect(withPlaceholders(`acs:vpc:${markerOf(0)}:${markerOf(12)}`, "…")).toEqual({
      text: "acs:vpc:…:…",
      markers: 2,
    });
    // `"a\` before a marker escapes the backslash: the marker's first character is left as text.
    const [split] = (readPartialJson(new PartialText(['["a\\', vpc, '"]']))?.document ?? []) as string[];
    expect(withPlaceholders(split as string, "…")).toEqual({ text: split, markers: 0 });
  });
});

describe("the value scan reads a partly known document as it reads the text with placeholders", () => {
  // The verdicts on the text with "…" for each unknown part, and on each known part that holds no structure:
  // what the value form gave before the document was shared.
  const SEPARATORS = /^[-_.:/,\s]+|[-_.:/,\s]+$/g;
  const expected = (parts: readonly string[], value: unknown) => [
    placeOfTextWithPlaceholders((value as PartialText).parts),
    ...parts
      .filter((part) => part !== "" && !/["{[]/.test(part))
      .map((part) => classifyPlace(part.replace(SEPARATORS, ""), "value")),
  ];
  const stack = readStack(
    terraformJson("app", {
      provider: { alicloud: [{ region: "cn-shanghai" }] },
      resource: { alicloud_vpc: { v: { cidr_block: "10.0.0.0/8" } } },
    }),
    "app.json",
    "app",
  );
  /** A JSON text as parts: text, and UNKNOWN where a reference goes. */
  const UNKNOWN = Symbol("unknown");
  type Piece = string | typeof UNKNOWN;
  // Pieces of a JSON string's text: escaped literals, unknowns, and a lone backslash before an unknown.
  const stringText: fc.Arbitrary<Piece[]> = fc
    .array(
      fc.oneof(
        fc.constantFrom("cn-hongkong", "cn-shanghai", "acs:oss:", ":*:b/*", "x", "-", " ", "\\\\", '\\"'),
        fc.constantFrom("https://oss-ap-southeast-1.aliyuncs.com/k", "acs:mns:cn-hongkong:"),
        fc.constant(UNKNOWN),
        fc.constant<Piece[]>(["\\", UNKNOWN]),
      ),
      { maxLength: 4 },
    )
    .map((pieces) => ['"', ...pieces.flat(), '"']);
  const { json } = fc.letrec<{ json: Piece[]; array: Piece[]; object: Piece[] }>((tie) => ({
    json: fc.oneof({ depthSize: "small" }, stringText, tie("array"), tie("object")),
    array: fc.array(tie("json"), { maxLength: 3 }).map((items) => ["[", ...joined(items), "]"]),
    object: fc
      .array(fc.tuple(stringText, tie("json")), { maxLength: 3 })
      .map((members) => ["{", ...joined(members.map(([key, value]) => [...key, ":", ...value])), "}"]),
  }));
  const joined = (items: Piece[][]): Piece[] => items.flatMap((item, i) => (i === 0 ? item : [",", ...item]));

  it("gives the same verdicts, markers in strings, keys or split alike", () => {
    let shared = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          json.filter((pieces) => pieces[0] !== '"'),
          json,
        ),
        (pieces) => {
          const parts: string[] = [""];
          for (const piece of pieces)
            if (piece === UNKNOWN) parts.push("");
            else parts[parts.length - 1] += piece;
          fc.pre(parts.length > 1 && parts.some((part) => part !== ""));
          // The unknown parts are lone references to an attribute known only after apply.
          const template = parts.join("${alicloud_vpc.v.id}");
          const resolver = new Resolver(new Map([[stack.name, stack]]));
          const value = resolver.value(template, stack);
          expect(resolver.places(template, "value", stack)).toEqual(expected(parts, value));
          if (value instanceof PartialText && resolver.partialJson(value) !== undefined) shared++;
        },
      ),
      { numRuns: 2_000 },
    );
    // Most runs read the shared document, not the text again.
    expect(shared).toBeGreaterThan(1_000);
  });
});
