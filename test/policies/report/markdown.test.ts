import { MAX_TABLE_ROWS, codeCell, escapeCell, renderMarkdown } from "../../../policies/report/markdown";
import { APPROVED, HOSTILE, finding, mixedReport, placement, report, coveredFinding } from "./fixtures";

/** Cells of a table row, split on the pipes GitHub treats as cell borders (not escaped ones). */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The rows of the table under a heading that starts with `heading`. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(lines.findIndex((l, i) => i > start && l.startsWith("|")))) {
    if (!line.startsWith("|")) break;
    rows.push(cells(line));
  }
  return rows;
}

/** Text outside code spans, where Markdown and HTML would be live. */
const outsideCodeSpans = (text: string): string => text.replace(/(?<![\\`])(`+) .*? \1(?!`)/g, "");

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(mixedReport());

  it("opens with the verdict", () => {
    expect(markdown.split("\n")[0]).toBe("## ❌ Residency check failed: 3 violations");
    const clean = renderMarkdown(report({ resources: [placement({ address: "alicloud_kms_key.data" })] }));
    expect(clean.split("\n")[0]).toBe("## ✅ Residency check passed: everything resolves to mainland China");
    const excepted = renderMarkdown(report({ findings: [coveredFinding()] }));
    expect(excepted.split("\n")[0]).toBe("## ✅ Residency check passed: no unapproved violation");
  });

  it("lists every uncovered finding, under its pack, with stack, address, attribute, value, place, rule and fix", () => {
    const [header, separator, ...rows] = tableAfter(markdown, "### Residency findings");
    expect(header).toEqual(["stack", "address", "attribute", "value", "resolved place", "rule", "fix"]);
    expect(separator).toEqual(Array(7).fill("---"));
    expect(rows.map((row) => row[1])).toEqual([
      "` alicloud_oss_bucket.logs `",
      "` alicloud_oss_bucket.old `",
      "` provider.alicloud.dr `",
    ]);
    expect(rows[0]).toEqual([
      "` storage `",
      "` alicloud_oss_bucket.logs `",
      "` region `",
      "` cn-hongkong `",
      "cn-hongkong (outside mainland China)",
      "` RES1 `",
      "Use a mainland region such as cn-shanghai.",
    ]);
    expect(rows[1]?.[5]).toContain("**exception expired**");
    expect(rows[2]?.[3]).toBe('` {"region":"${var.region}"} `');
  });

  it("leads with each violation and its fix, right under the verdict", () => {
    const lines = markdown.split("\n");
    expect(lines[4]).toBe("### To fix");
    expect(lines[6]).toBe(
      "- ` storage ` ` alicloud_oss_bucket.logs ` ` region ` → cn-hongkong (outside mainland China) (` RES1 `): Use a mainland region such as cn-shanghai.",
    );
    expect(lines.filter((line) => line.startsWith("- "))).toHaveLength(3);
  });

  it("lists exceptions with basis, reference, destinations, approval and expiry, flagging expired ones", () => {
    const [header, , active, expired] = tableAfter(markdown, "### Exceptions");
    expect(header).toEqual([
      "status",
      "pack",
      "stack",
      "address",
      "rule",
      "resolved place",
      "basis",
      "reference",
      "destinations",
      "approved by",
      "approved on",
      "expires",
      "reason",
    ]);
    expect(active?.[0]).toBe("covered");
    expect(active?.slice(6)).toEqual([
      "security-assessment",
      "CAC-2026-0042",
      "` cn-hongkong `",
      "Wang Li (DPO)",
      "2026-01-01",
      "2028-12-31",
      "The archive is an approved export under the 2026 assessment.",
    ]);
    expect(expired?.[0]).toContain("**expired**");
    expect(expired?.[11]).toBe("2026-01-31");
  });

  it("warns about unused exceptions", () => {
    const unused = renderMarkdown(report({ unusedExceptions: [APPROVED] }));
    const [, , row] = tableAfter(unused, "### ⚠️ Unused exceptions (1)");
    expect(row?.slice(0, 4)).toEqual([
      "` (every stack) `",
      "` alicloud_oss_bucket.archive `",
      "` RES1 `",
      "security-assessment",
    ]);
  });

  it("shows every resource of every stack and where it resolves, after the findings", () => {
    for (const address of ["alicloud_oss_bucket.logs", "alicloud_kms_key.data", "alicloud_vswitch.a"]) {
      expect(markdown.lastIndexOf(`| \` ${address} \` |`)).toBeGreaterThan(
        markdown.indexOf("### Exceptions"),
      );
    }
    expect(markdown).toContain("<summary>storage: 4 resources</summary>");
    expect(markdown).toContain("<summary>network: 2 resources</summary>");
    const network = tableAfter(markdown, "<summary>network");
    expect(network[0]).toEqual(["address", "provider", "resolves to", "verdict"]);
    expect(network[2]).toEqual(["` alicloud_vpc.main `", "` alicloud `", "` cn-shanghai `", "mainland"]);
  });

  it("lists placement changes first, with the plan action, when a base was given", () => {
    const withChanges = renderMarkdown(
      mixedReport({
        changes: [
          {
            change: "added",
            stack: "storage",
            address: "alicloud_oss_bucket.logs",
            after: ["cn-hongkong"],
            action: "create",
          },
          { change: "removed", stack: "network", address: "alicloud_vpc.old", before: ["cn-shanghai"] },
          {
            change: "moved",
            stack: "storage",
            address: "alicloud_oss_bucket.archive",
            before: ["cn-shanghai"],
            after: ["cn-hongkong"],
            action: "replace",
          },
        ],
      }),
    );
    expect(withChanges.indexOf("### Placement changes (3)")).toBeLessThan(
      withChanges.indexOf("### Residency findings"),
    );
    const [header, , added, removed, moved] = tableAfter(withChanges, "### Placement changes");
    expect(header).toEqual(["change", "stack", "address", "before", "after", "plan action"]);
    expect(added).toEqual([
      "added",
      "` storage `",
      "` alicloud_oss_bucket.logs `",
      "",
      "` cn-hongkong `",
      "create",
    ]);
    expect(removed?.[0]).toBe("removed");
    expect(moved?.slice(3)).toEqual(["` cn-shanghai `", "` cn-hongkong `", "replace"]);
    expect(markdown).not.toContain("Placement changes");
    expect(renderMarkdown(report({ changes: [] }))).toContain("No resource added, removed or moved.");
  });

  it("adds a plan action column to the placement table for plan input", () => {
    const plan = renderMarkdown(
      report({
        kind: "plan",
        resources: [placement({ address: "alicloud_kms_key.data", action: "update" })],
      }),
    );
    const [header, , row] = tableAfter(plan, "<summary>storage");
    expect(header?.at(-1)).toBe("plan action");
    expect(row?.at(-1)).toBe("update");
  });

  it("writes a stack name into the raw HTML summary with HTML escapes only", () => {
    const named = renderMarkdown(
      report({ resources: [placement({ stack: "dr_storage</summary><b>", address: "alicloud_kms_key.k" })] }),
    );
    expect(named).toContain("<summary>dr_storage&lt;/summary&gt;&lt;b&gt;: 1 resource</summary>");
  });

  it("caps each table and says how many rows it left out", () => {
    const many = Array.from({ length: MAX_TABLE_ROWS + 7 }, (_, i) =>
      placement({ address: `alicloud_kms_key.k${i}` }),
    );
    const capped = renderMarkdown(report({ resources: many }));
    expect(tableAfter(capped, "<summary>storage")).toHaveLength(MAX_TABLE_ROWS + 2);
    expect(capped).toContain("<summary>storage: 257 resources</summary>");
    expect(capped).toContain(
      "**7 more rows not shown here**: the JSON, SARIF and JUnit reports list every one.",
    );
  });

  describe("escaping values from untrusted input", () => {
    const hostile = renderMarkdown(
      report({
        resources: [placement({ address: "alicloud_oss_bucket.x", places: [HOSTILE], verdict: "outside" })],
        findings: [
          finding({
            address: "alicloud_oss_bucket.x",
            attribute: HOSTILE,
            value: HOSTILE,
            resolved: HOSTILE,
            message: HOSTILE,
          }),
          coveredFinding(false, {
            exception: { ...APPROVED, expired: false, reason: HOSTILE, approvedBy: HOSTILE },
          }),
        ],
      }),
    );

    it("keeps every row on one line with its own number of cells", () => {
      const findings = tableAfter(hostile, "### Residency findings");
      expect(findings.every((row) => row.length === 7)).toBe(true);
      const exceptions = tableAfter(hostile, "### Exceptions");
      expect(exceptions.every((row) => row.length === 13)).toBe(true);
      const placements = tableAfter(hostile, "<summary>storage");
      expect(placements.every((row) => row.length === 4)).toBe(true);
      expect(hostile).not.toMatch(/^# heading/m);
      expect(hostile).not.toMatch(/^\s*heading/m);
    });

    it("leaves no live HTML, link or backtick outside code spans", () => {
      const live = outsideCodeSpans(hostile);
      expect(live).not.toContain("<img");
      expect(live).not.toMatch(/(?<!\\)\[link/);
      expect(live).not.toMatch(/(?<!\\)@org/);
      expect(live).not.toMatch(/(?<!\\)`/);
      expect(live).toContain("&lt;img src=x onerror=alert(1)&gt;");
    });
  });

  it("escapes prose cells and fences code cells longer than any backtick run", () => {
    expect(escapeCell("a|b\n<i>*x*</i> [l](u) `c` & \\")).toBe(
      "a\\|b ⏎ &lt;i&gt;\\*x\\*&lt;/i&gt; \\[l\\](u) \\`c\\` &amp; \\\\",
    );
    expect(codeCell("a``b|c\nd")).toBe("``` a``b\\|c⏎d ```");
    expect(codeCell("")).toBe("");
  });
});
