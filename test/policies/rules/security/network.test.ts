import {
  admitsEveryone,
  isWithin,
  parseAddressBlock,
  parsePortRange,
} from "../../../../policies/rules/security/network";

describe("parseAddressBlock", () => {
  it("reads IPv4 addresses and CIDR blocks, masking host bits", () => {
    expect(parseAddressBlock("10.23.12.24/24")).toEqual({
      version: 4,
      first: 0x0a170c00n,
      last: 0x0a170cffn,
      prefix: 24,
    });
    expect(parseAddressBlock("10.1.2.3")).toMatchObject({
      prefix: 32,
      first: 0x0a010203n,
      last: 0x0a010203n,
    });
  });

  it("reads IPv6, compressed or not", () => {
    expect(parseAddressBlock("::/0")).toMatchObject({ version: 6, prefix: 0, first: 0n });
    expect(parseAddressBlock("2408:4000::/32")).toMatchObject({ version: 6, prefix: 32 });
    expect(parseAddressBlock("1:2:3:4:5:6:7:8")).toMatchObject({ version: 6, prefix: 128 });
  });

  it.each([
    "",
    "10.0.0.0/33",
    "10.0.0/8",
    "256.0.0.1",
    "10.0.0.01",
    "10.0.0.0/8/1",
    "10.0.0.0/abc",
    "1::2::3",
    "::/129",
    "1:2:3:4:5:6:7:8:9",
    " /8",
  ])("refuses %j", (text) => {
    expect(parseAddressBlock(text)).toBeUndefined();
  });
});

describe("admitsEveryone and isWithin", () => {
  const block = (text: string) => {
    const parsed = parseAddressBlock(text);
    if (parsed === undefined) throw new Error(`${text} does not parse`);
    return parsed;
  };
  it("knows the blocks that admit everyone", () => {
    expect(["0.0.0.0/0", "0.0.0.0", "::/0"].map((text) => admitsEveryone(block(text)))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["0.0.0.0/8", "10.0.0.0/8", "::1"].map((text) => admitsEveryone(block(text)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("holds a block inside another of its version only", () => {
    expect(isWithin(block("10.20.16.0/20"), block("10.20.0.0/16"))).toBe(true);
    expect(isWithin(block("10.20.0.0/15"), block("10.20.0.0/16"))).toBe(false);
    expect(isWithin(block("10.21.0.1"), block("10.20.0.0/16"))).toBe(false);
    expect(isWithin(block("::/0"), block("0.0.0.0/0"))).toBe(false);
  });
});

describe("parsePortRange", () => {
  it("reads FROM/TO, and -1/-1 as every port", () => {
    expect(parsePortRange("22/22")).toEqual({ from: 22, to: 22 });
    expect(parsePortRange("1/65535")).toEqual({ from: 1, to: 65535 });
    expect(parsePortRange("-1/-1")).toEqual({ from: 1, to: 65535 });
  });

  it.each(["22/abc", "22", "22/21", "0/22", "1/65536", "22/22/22", "-1/22", " 22/22", ""])(
    "refuses %j",
    (text) => {
      expect(parsePortRange(text)).toBeUndefined();
    },
  );
});
