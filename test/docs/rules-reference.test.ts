import * as fs from "fs";
import * as path from "path";
import { PACKS } from "../../policies/packs";
import { RULES_REFERENCE_FILE, renderRulesReference } from "../../policies/report/rules-reference";

describe("the rules reference", () => {
  const generated = renderRulesReference(PACKS);

  it(`${RULES_REFERENCE_FILE} is what npm run docs:rules generates from the packs`, () => {
    const committed = fs.readFileSync(path.join(__dirname, "../..", RULES_REFERENCE_FILE), "utf8");
    expect(committed).toBe(generated);
  });

  it("lists every rule of every pack once, with its severity and help", () => {
    for (const rule of Object.values(PACKS)
      .flat()
      .flatMap((pack) => pack.rules)) {
      expect(generated.split(`\n### ${rule.id}\n`)).toHaveLength(2);
      expect(generated).toContain(`**${rule.severity}**: ${rule.title}.`);
      expect(generated).toContain(`\n${rule.help}\n`);
    }
  });

  it("changes when a pack changes, so a stale file is caught", () => {
    const [pack] = PACKS.residency ?? [];
    if (pack === undefined) throw new Error("no residency pack");
    const [first, ...rest] = pack.rules;
    if (first === undefined) throw new Error("an empty residency pack");
    const renamed = { ...pack, rules: [{ ...first, title: `${first.title} (renamed)` }, ...rest] };
    expect(renderRulesReference({ residency: [renamed] })).not.toBe(generated);
  });
});
