import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKS } from "../../../../policies/packs";
import { CHECKOV_COVERAGE, CHECKOV_REVERSED, SECURITY_PACK } from "../../../../policies/packs/security";

const DOC = readFileSync(join(__dirname, "../../../../docs/security-pack.md"), "utf8");
const ids = SECURITY_PACK.rules.map((rule) => rule.id);

/** The first column of each row of the table that follows a heading line containing `after`. */
function tableRows(after: string): string[][] {
  const start = DOC.indexOf(after);
  const lines = DOC.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("the security pack", () => {
  it("is a pack of its own, named as --rules takes it", () => {
    expect(SECURITY_PACK.name).toBe("security");
    expect(PACKS.security).toEqual([SECURITY_PACK]);
  });

  it("has unique SEC- rules, each an error with a title and help that says how to fix it", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECURITY_PACK.rules) {
      expect(rule.id).toMatch(/^SEC-[A-Z0-9-]+$/);
      expect(rule.severity).toBe("error");
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.help).toMatch(/^[A-Z].{20,}[.)]$/s);
    }
  });

  it("covers every Alibaba Cloud check of Checkov with one of its rules", () => {
    const checks = [...Array(44).keys()]
      .map((index) => `CKV_ALI_${index + 1}`)
      .filter((id) => !["CKV_ALI_34", "CKV_ALI_39", "CKV_ALI_40"].includes(id));
    expect(Object.keys(CHECKOV_COVERAGE).sort()).toEqual(checks.sort());
    for (const rule of Object.values(CHECKOV_COVERAGE)) expect(ids).toContain(rule);
    expect([...CHECKOV_REVERSED].every((id) => id in CHECKOV_COVERAGE)).toBe(true);
  });

  it("is documented: the Checkov table is CHECKOV_COVERAGE, and every other rule has a row", () => {
    const checkov = tableRows("## Checkov's Alibaba Cloud checks").map(([check, , rule]) => [check, rule]);
    expect(Object.fromEntries(checkov)).toEqual(CHECKOV_COVERAGE);
    const others = [...tableRows("Beyond Checkov"), ...tableRows("## Data-class rules")].map(
      ([rule]) => rule,
    );
    const covered = new Set(Object.values(CHECKOV_COVERAGE));
    expect(others.sort()).toEqual(ids.filter((id) => !covered.has(id)).sort());
  });
});
