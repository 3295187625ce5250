import type { CheckReport, Finding, LineRange, SourceLocation } from "../engine/types";
import { hclBlockLocator } from "./hcl-source-lines";

/**
 * Where each block of a Terraform JSON file or a plan is in its text, for SARIF regions: a JSON tokenizer
 * pass over the text builds the value tree with the line each value starts and ends on.
 */

interface JsonNode {
  readonly startLine: number;
  endLine: number;
  /** Object members, in order. */
  readonly members?: Map<string, JsonNode>;
  readonly items?: JsonNode[];
  /** A string value, decoded. */
  readonly text?: string;
}

/** Nodes deeper than this are scanned but not kept: no block a finding names is deeper. */
const KEPT_DEPTH = 12;

class Tokenizer {
  private position = 0;
  private line = 1;

  constructor(private readonly source: string) {}

  private skipSpace(): void {
    for (;;) {
      const c = this.source.charCodeAt(this.position);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      this.position++;
    }
  }

  private string(): string {
    const start = this.position;
    this.position++;
    for (;;) {
      const c = this.source[this.position++];
      if (c === "\\") this.position++;
      else if (c === '"' || c === undefined) break;
    }
    return JSON.parse(this.source.slice(start, this.position)) as string;
  }

  /** Skips a value without keeping it, iteratively: a value nested 100,000 levels deep is no stack overflow. */
  private skipValue(): void {
    let depth = 0;
    do {
      this.skipSpace();
      const c = this.source[this.position];
      if (c === undefined) return;
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      this.position++;
    } while (depth > 0);
  }

  value(depth: number): JsonNode {
    this.skipSpace();
    const startLine = this.line;
    const c = this.source[this.position];
    if ((c === "{" || c === "[") && depth > KEPT_DEPTH) {
      this.skipValue();
      return { startLine, endLine: this.line };
    }
    if (c === "{" || c === "[") {
      this.position++;
      const members = c === "{" ? new Map<string, JsonNode>() : undefined;
      const items = c === "[" ? ([] as JsonNode[]) : undefined;
      const close = c === "{" ? "}" : "]";
      for (;;) {
        this.skipSpace();
        if (this.source[this.position] === close || this.position >= this.source.length) break;
        if (this.source[this.position] === ",") {
          this.position++;
          continue;
        }
        let key: string | undefined;
        if (members !== undefined) {
          key = this.string();
          this.skipSpace();
          this.position++; // the colon
        }
        const child = this.value(depth + 1);
        if (key !== undefined) members?.set(key, child);
        else items?.push(child);
      }
      this.position++;
      return { startLine, endLine: this.line, ...(members ? { members } : { items }) };
    }
    if (c === '"') return { startLine, endLine: startLine, text: this.string() };
    while (this.position < this.source.length && !/[\s,\]}]/.test(this.source[this.position] ?? ""))
      this.position++;
    return { startLine, endLine: startLine };
  }
}

const at = (node: JsonNode | undefined, ...keys: string[]): JsonNode | undefined =>
  keys.reduce<JsonNode | undefined>((each, key) => each?.members?.get(key), node);

const range = (node: JsonNode | undefined): LineRange | undefined =>
  node === undefined ? undefined : { startLine: node.startLine, endLine: node.endLine };

/** A provider configuration `provider.NAME` or `provider.NAME.ALIAS` of Terraform JSON. */
function providerBlock(root: JsonNode, name: string, alias: string | undefined): JsonNode | undefined {
  const block = at(root, "provider", name);
  const configs = block?.items ?? (block === undefined ? [] : [block]);
  return configs.find((config) => at(config, "alias")?.text === alias);
}

/** The object in a list whose `address` is the given one (a plan's resource_changes, planned values). */
function withAddress(list: JsonNode | undefined, address: string): JsonNode | undefined {
  return list?.items?.find((item) => at(item, "address")?.text === address);
}

function terraformJsonBlock(root: JsonNode, address: string): JsonNode | undefined {
  const [head = "", second = "", third] = address.split(".");
  switch (head) {
    case "provider":
      return providerBlock(root, second, third);
    case "terraform":
      return at(root, "terraform", ...address.split(".").slice(1));
    case "data":
      return at(root, "data", second, third ?? "");
    case "variable":
    case "module":
    case "output":
      return at(root, head, second);
    case "local":
      return at(root, "locals", second);
    default:
      return at(root, "resource", head, second);
  }
}

/** The lines of the block an address names, in a Terraform JSON file or a `terraform show -json` plan. */
export function blockLocator(text: string): (address: string) => LineRange | undefined {
  const root = new Tokenizer(text).value(0);
  const isPlan = at(root, "format_version") !== undefined;
  return (address) =>
    range(
      isPlan
        ? (withAddress(at(root, "resource_changes"), address) ??
            withAddress(at(root, "planned_values", "root_module", "resources"), address) ??
            at(root, "configuration", "provider_config", address.replace(/^provider\./, "")))
        : terraformJsonBlock(root, address),
    );
}

/** A locator for text that may have changed since it was checked: text that no longer tokenizes has no lines. */
function safeLocator(file: string, text: string): ((address: string) => LineRange | undefined) | undefined {
  try {
    return file.endsWith(".tf") ? hclBlockLocator(text) : blockLocator(text);
  } catch {
    return undefined;
  }
}

/**
 * The report with each finding's source located to the lines of its block, reading each file with findings
 * once; a file that cannot be read or tokenized again leaves its findings without lines.
 */
export function locateFindings(
  report: CheckReport,
  readText: (file: string) => string | undefined,
): CheckReport {
  const locators = new Map<string, ((address: string) => LineRange | undefined) | undefined>();
  const locate = (finding: Finding): Finding => {
    const file = finding.source.file;
    if (!locators.has(file)) {
      const text = readText(file);
      locators.set(file, text === undefined ? undefined : safeLocator(file, text));
    }
    const region = locators.get(file)?.(finding.source.block ?? finding.address);
    const source: SourceLocation = region === undefined ? finding.source : { ...finding.source, region };
    return { ...finding, source };
  };
  return { ...report, findings: report.findings.map(locate) };
}
