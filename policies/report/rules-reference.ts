import type { RulePack } from "../engine/rule";

/** Where the reference is kept, relative to the repository root. */
export const RULES_REFERENCE_FILE = "docs/rules.md";

/** The `--rules` names that run a pack, in the order the packs are registered. */
function selectorsOf(pack: RulePack, packs: Readonly<Record<string, readonly RulePack[]>>): string[] {
  return Object.entries(packs)
    .filter(([, selected]) => selected.includes(pack))
    .map(([name]) => `\`${name}\``);
}

/** The rules reference (docs/rules.md) of the packs that `--rules` can select, as Markdown. */
export function renderRulesReference(packs: Readonly<Record<string, readonly RulePack[]>>): string {
  const distinct = [...new Set(Object.values(packs).flat())];
  const lines = [
    "# Rules reference",
    "",
    "Generated from the rule packs (`policies/packs/`) by `npm run docs:rules`. A test fails when this file",
    "is not what the packs generate: edit the packs, then run the script.",
    "",
    `\`residency check --rules NAME\` runs the packs of that name (${Object.keys(packs)
      .map((name) => `\`${name}\``)
      .join(", ")}); the synth-time guard runs the residency pack.`,
    "An error fails the check and the synth; a warning is reported and fails neither.",
  ];
  for (const pack of distinct) {
    lines.push(
      "",
      `## Pack \`${pack.name}\``,
      "",
      `Selected by \`--rules\` ${selectorsOf(pack, packs).join(", ")}.`,
    );
    for (const rule of pack.rules) {
      lines.push("", `### ${rule.id}`, "", `**${rule.severity}**: ${rule.title}.`, "", rule.help);
    }
  }
  return `${lines.join("\n")}\n`;
}
