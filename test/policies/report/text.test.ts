import { renderText } from "../../../policies/report/text";
import { check, terraformJson } from "../fixtures";

const report = {
  ...check([
    terraformJson("home", { resource: { alicloud_vpc: { v: {} } } }),
    terraformJson("dr", {
      provider: { alicloud: [{ region: "cn-hongkong" }] },
      resource: { alicloud_vpc: { v: {} } },
    }),
  ]),
  changes: [
    {
      change: "moved" as const,
      stack: "dr",
      address: "alicloud_vpc.v",
      before: ["cn-hangzhou"],
      after: ["cn-hongkong"],
    },
  ],
};

describe("text report", () => {
  it("lists placement changes first, then findings grouped by pack and stack, then the verdict", () => {
    const lines = renderText(report, { color: false }).split("\n");
    expect(lines[0]).toBe("Placement changes (1):");
    expect(lines[1]).toBe("  moved dr/alicloud_vpc.v: cn-hangzhou -> cn-hongkong");
    expect(lines[3]).toBe("residency pack: 1 findings");
    const stackLines = lines.filter((line) => /^ {2}\w+: /.test(line));
    expect(stackLines).toEqual([
      "  home: 1 resources, all in mainland China",
      "  dr: 1 resources, 1 findings",
    ]);
    expect(lines.find((line) => line.includes("VIOLATION"))).toContain(
      "RES-PROVIDER-REGION provider.alicloud region",
    );
    expect(lines.at(-2)).toMatch(/^FAIL: 1 violations/);
  });

  it("calls a warning a warning, since it never fails the check", () => {
    const credential = ["LTAI", "5tTEST", "0nly0FAKE"].join("");
    const warned = check([
      terraformJson("home", { provider: { alicloud: [{ region: "cn-shanghai", access_key: credential }] } }),
    ]);
    const text = renderText(warned, { color: true });
    expect(text).toContain("\u001b[33mWARNING\u001b[0m SEC-CREDENTIAL-IN-INPUT provider.alicloud access_key");
    expect(text).not.toContain("VIOLATION");
  });

  it("colours only when asked to (on a terminal)", () => {
    expect(renderText(report, { color: false })).not.toContain("\u001b[");
    expect(renderText(report, { color: true })).toContain("\u001b[31mVIOLATION\u001b[0m");
  });
});
