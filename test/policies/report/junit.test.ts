import { DOMParser, type Element } from "@xmldom/xmldom";
import { escapeXml, renderJunit } from "../../../policies/report/junit";
import { HOSTILE, finding, mixedReport, placement, report } from "./fixtures";

/** Parses strictly: any error of the parser fails the test (warnings, e.g. on U+FFFD, do not). */
function parseXml(xml: string): Element {
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "text/xml");
  const root = document.documentElement;
  if (root === null) throw new Error("no root element");
  return root;
}

const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter((node): node is Element => node.nodeName === name);

const attrs = (element: Element | undefined, ...names: string[]): Record<string, string | null> =>
  Object.fromEntries(names.map((name) => [name, element?.getAttribute(name) ?? null]));

describe("renderJunit", () => {
  const root = parseXml(renderJunit(mixedReport()));
  const suites = children(root, "testsuite");
  const storage = suites[0] as Element;
  const cases = children(storage, "testcase");
  const byName = (name: string): Element | undefined => cases.find((c) => c.getAttribute("name") === name);

  it("has a test suite per pack and stack and a test case per resource, plus one per provider with findings", () => {
    expect(root.nodeName).toBe("testsuites");
    expect(suites.map((s) => s.getAttribute("name"))).toEqual(["residency/storage", "residency/network"]);
    expect(cases.map((c) => c.getAttribute("name"))).toEqual([
      "alicloud_oss_bucket.logs",
      "alicloud_oss_bucket.archive",
      "alicloud_kms_key.data",
      "alicloud_oss_bucket.old",
      "provider.alicloud.dr",
    ]);
    expect(attrs(cases[0], "classname", "file")).toEqual({
      classname: "residency.storage",
      file: "cdktf.out/stacks/storage/cdk.tf.json",
    });
    expect(children(suites[1] as Element, "testcase")).toHaveLength(2);
  });

  it("fails a test case per uncovered violation, including one whose exception expired", () => {
    const [logsFailure] = children(byName("alicloud_oss_bucket.logs") as Element, "failure");
    expect(attrs(logsFailure, "type", "message")).toEqual({
      type: "RES1",
      message: "RES1: Use a mainland region such as cn-shanghai.",
    });
    expect(logsFailure?.textContent).toContain("resolves to: cn-hongkong (outside mainland China)");
    expect(logsFailure?.textContent).toContain("construct: storage/logs");
    const [expired] = children(byName("alicloud_oss_bucket.old") as Element, "failure");
    expect(expired?.getAttribute("message")).toContain("(exception expired)");
    expect(children(byName("provider.alicloud.dr") as Element, "failure")).toHaveLength(1);
    expect(children(byName("alicloud_kms_key.data") as Element, "failure")).toHaveLength(0);
  });

  it("gives a resource one failure per violation", () => {
    const twice = parseXml(
      renderJunit(
        report({
          resources: [placement({ address: "alicloud_oss_bucket.logs" })],
          findings: [finding(), finding({ attribute: "lifecycle.destination" })],
        }),
      ),
    );
    const [suite] = children(twice, "testsuite");
    const [testCase] = children(suite as Element, "testcase");
    expect(children(testCase as Element, "failure")).toHaveLength(2);
    expect(attrs(suite, "tests", "failures")).toEqual({ tests: "1", failures: "1" });
  });

  it("skips a test case whose only findings are covered, with the basis and reference", () => {
    const archive = byName("alicloud_oss_bucket.archive") as Element;
    expect(children(archive, "failure")).toHaveLength(0);
    const [skipped] = children(archive, "skipped");
    expect(skipped?.getAttribute("message")).toBe(
      "covered by exception: RES1: security-assessment CAC-2026-0042",
    );
    const properties = children(children(archive, "properties")[0] as Element, "property");
    expect(properties.map((p) => p.getAttribute("name"))).toEqual([
      "type",
      "provider",
      "resolves to",
      "verdict",
      "RES1",
    ]);
    expect(properties[4]?.getAttribute("value")).toContain(
      "security-assessment CAC-2026-0042 to cn-hongkong (important-data), approved by Wang Li (DPO) on 2026-01-01, expires 2028-12-31",
    );
  });

  it("counts tests, failures and skips per suite and in total", () => {
    expect(attrs(storage, "tests", "failures", "errors", "skipped")).toEqual({
      tests: "5",
      failures: "3",
      errors: "0",
      skipped: "1",
    });
    expect(attrs(suites[1], "tests", "failures", "skipped")).toEqual({
      tests: "2",
      failures: "0",
      skipped: "0",
    });
    expect(attrs(root, "tests", "failures", "errors", "skipped")).toEqual({
      tests: "7",
      failures: "3",
      errors: "0",
      skipped: "1",
    });
  });

  it("lists placement changes first, as properties of the stack's suite", () => {
    const withBase = parseXml(
      renderJunit(
        mixedReport({
          changes: [
            {
              change: "moved",
              stack: "network",
              address: "alicloud_vpc.main",
              before: ["cn-shanghai"],
              after: ["cn-hangzhou"],
              action: "replace",
            },
            { change: "removed", stack: "gone", address: "alicloud_kms_key.x", before: ["cn-shanghai"] },
          ],
        }),
      ),
    );
    const [, network, gone] = children(withBase, "testsuite");
    expect(Array.from(network?.childNodes ?? []).find((node) => node.nodeType === 1)?.nodeName).toBe(
      "properties",
    );
    const [moved] = children(children(network as Element, "properties")[0] as Element, "property");
    expect(attrs(moved, "name", "value")).toEqual({
      name: "moved",
      value: "alicloud_vpc.main: cn-shanghai -> cn-hangzhou (replace)",
    });
    expect(attrs(gone, "name", "tests")).toEqual({ name: "residency/gone", tests: "0" });
    const [removed] = children(children(gone as Element, "properties")[0] as Element, "property");
    expect(attrs(removed, "name", "value")).toEqual({
      name: "removed",
      value: "alicloud_kms_key.x: cn-shanghai",
    });
  });

  it("escapes hostile values in attributes and text so the XML stays well-formed and says the same", () => {
    const control = `${HOSTILE}\u0001\u001b]]>`;
    const xml = renderJunit(
      report({
        resources: [placement({ address: control, stack: control, places: [control] })],
        findings: [finding({ address: control, stack: control, value: control, message: control })],
      }),
    );
    // The parser forgives a bare & and control characters; XML 1.0 does not.
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    expect([...xml].filter((c) => c < " " && !"\t\n\r".includes(c))).toEqual([]);
    const hostile = parseXml(xml);
    const [suite] = children(hostile, "testsuite");
    const [testCase] = children(suite as Element, "testcase");
    const expected = `${HOSTILE}\uFFFD\uFFFD]]>`;
    expect(suite?.getAttribute("name")).toBe(`residency/${expected}`);
    expect(testCase?.getAttribute("name")).toBe(expected);
    const [fail] = children(testCase as Element, "failure");
    expect(fail?.getAttribute("message")).toBe(`RES1: ${expected}`);
    expect(fail?.textContent).toContain(`= ${expected}`);
  });

  it("escapes the five XML specials and keeps line breaks in attributes", () => {
    expect(escapeXml(`<a href="x">'&'</a>\n`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;&#10;",
    );
  });
});
