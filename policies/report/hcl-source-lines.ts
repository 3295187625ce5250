import type { LineRange } from "../engine/types";

/**
 * Where each block of an HCL file (`.tf`) is in its text, for SARIF regions. HashiCorp's parser, which the
 * guard reads HCL with, gives no positions; this pass reads only the structure of the native syntax —
 * comments, quoted templates with their `${…}`/`%{…}` sequences, heredocs, braces — to find the top-level
 * blocks (and a provider's `alias`, a `terraform` block's `backend`, a `locals` block's names). Text it cannot
 * follow (an unclosed string or brace) has no lines: a finding then names only its file.
 */

interface Block {
  readonly address: string;
  readonly range: LineRange;
}

class UnreadableText extends Error {}

class Scanner {
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  get currentLine(): number {
    return this.line;
  }

  /** Skips spaces, comments and (unless `stopAtNewline`) newlines; true when it stopped at a newline. */
  skipSpace(stopAtNewline = false): boolean {
    for (;;) {
      const c = this.text[this.position];
      if (c === " " || c === "\t" || c === "\r") this.position++;
      else if (c === "\n") {
        if (stopAtNewline) return true;
        this.newline();
      } else if (c === "#" || (c === "/" && this.text[this.position + 1] === "/")) {
        const end = this.text.indexOf("\n", this.position);
        this.position = end < 0 ? this.text.length : end;
      } else if (c === "/" && this.text[this.position + 1] === "*") {
        const end = this.text.indexOf("*/", this.position + 2);
        if (end < 0) throw new UnreadableText();
        this.countLines(this.position, end + 2);
        this.position = end + 2;
      } else return false;
    }
  }

  peek(): string | undefined {
    return this.text[this.position];
  }

  /** An identifier (letters, digits, `_`, `-`) at the position, or undefined. */
  identifier(): string | undefined {
    const start = this.position;
    while (this.position < this.text.length && /[\p{L}\p{N}_-]/u.test(this.text[this.position] as string))
      this.position++;
    return this.position > start ? this.text.slice(start, this.position) : undefined;
  }

  /** A quoted string at its `"`: its text when it is a literal, undefined when it holds a template sequence. */
  quoted(): string | undefined {
    const start = this.position;
    this.position++;
    let literal = true;
    for (;;) {
      const c = this.text[this.position];
      if (c === undefined || c === "\n") throw new UnreadableText();
      if (c === "\\") this.position += 2;
      else if (c === '"') {
        this.position++;
        break;
      } else if ((c === "$" || c === "%") && this.text[this.position + 1] === "{") {
        if (this.text[this.position - 1] === c) this.position += 2;
        else {
          literal = false;
          this.position += 2;
          this.skipNested("}");
        }
      } else this.position++;
    }
    if (!literal) return undefined;
    try {
      return JSON.parse(this.text.slice(start, this.position)) as string;
    } catch {
      return undefined;
    }
  }

  /** Skips to the `close` that ends what was just opened, past nested strings, heredocs and brackets. */
  skipNested(close: string): void {
    const closers = [close];
    while (closers.length > 0) {
      this.skipSpace();
      const c = this.text[this.position];
      if (c === undefined) throw new UnreadableText();
      if (c === '"') this.quoted();
      else if (c === "<" && this.text[this.position + 1] === "<") this.heredoc();
      else if (c === "{" || c === "[" || c === "(") {
        closers.push(c === "{" ? "}" : c === "[" ? "]" : ")");
        this.position++;
      } else if (c === closers[closers.length - 1]) {
        closers.pop();
        this.position++;
      } else if (c === "}" || c === "]" || c === ")") throw new UnreadableText();
      else this.position++;
    }
  }

  /** A heredoc (`<<EOF` or `<<-EOF`) at its `<<`, up to the line that holds only its marker. */
  private heredoc(): void {
    const match = /^<<-?([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/u.exec(
      this.text.slice(this.position, this.position + 256),
    );
    if (match === null) {
      this.position += 2;
      return;
    }
    const marker = match[1] as string;
    this.position += match[0].length;
    this.line++;
    for (;;) {
      const end = this.text.indexOf("\n", this.position);
      const lineText = this.text.slice(this.position, end < 0 ? this.text.length : end);
      this.position = end < 0 ? this.text.length : end;
      if (lineText.trim() === marker) return;
      if (end < 0) throw new UnreadableText();
      this.newline();
    }
  }

  /** Skips the rest of an attribute's expression: up to the newline that ends it outside any bracket. */
  skipExpression(): void {
    for (;;) {
      if (this.skipSpace(true) || this.atEnd) return;
      const c = this.text[this.position] as string;
      if (c === "}") return;
      if (c === '"') this.quoted();
      else if (c === "<" && this.text[this.position + 1] === "<") this.heredoc();
      else if (c === "{" || c === "[" || c === "(") {
        this.position++;
        this.skipNested(c === "{" ? "}" : c === "[" ? "]" : ")");
      } else this.position++;
    }
  }

  /** Consumes `char` if it comes next. */
  take(char: string): boolean {
    if (this.text[this.position] !== char) return false;
    this.position++;
    return true;
  }

  private newline(): void {
    this.position++;
    this.line++;
  }

  private countLines(from: number, to: number): void {
    for (let at = this.text.indexOf("\n", from); at >= 0 && at < to; at = this.text.indexOf("\n", at + 1))
      this.line++;
  }
}

/** A block's header after its type: its labels up to the `{` that opens its body. */
function labels(scanner: Scanner): string[] {
  const found: string[] = [];
  for (;;) {
    scanner.skipSpace();
    const c = scanner.peek();
    if (c === "{") {
      scanner.take("{");
      return found;
    }
    const label = c === '"' ? scanner.quoted() : scanner.identifier();
    if (label === undefined) throw new UnreadableText();
    found.push(label);
  }
}

/**
 * Reads a body after its `{` up to its `}`, and returns the line of that `}`: each attribute goes to
 * `onAttribute` (its value when it is a literal string), each nested block to `onBlock`, which reads the
 * block's body itself and returns true, or returns false to have it skipped.
 */
function readBody(
  scanner: Scanner,
  onAttribute: (name: string, line: number, value: string | undefined) => void,
  onBlock: (type: string, blockLabels: string[], startLine: number) => boolean,
): number {
  for (;;) {
    scanner.skipSpace();
    if (scanner.atEnd) throw new UnreadableText();
    if (scanner.take("}")) return scanner.currentLine;
    const startLine = scanner.currentLine;
    const name = scanner.identifier();
    if (name === undefined) throw new UnreadableText();
    scanner.skipSpace();
    if (scanner.take("=")) {
      scanner.skipSpace();
      const value = scanner.peek() === '"' ? scanner.quoted() : undefined;
      onAttribute(name, startLine, value);
      scanner.skipExpression();
    } else {
      const blockLabels = labels(scanner);
      if (!onBlock(name, blockLabels, startLine)) scanner.skipNested("}");
    }
  }
}

/** The blocks of an HCL file by the addresses findings name them with. */
function blocksOf(text: string): Block[] {
  const scanner = new Scanner(text);
  const blocks: Block[] = [];
  const add = (address: string, startLine: number, endLine: number): void => {
    blocks.push({ address, range: { startLine, endLine } });
  };
  for (;;) {
    scanner.skipSpace();
    if (scanner.atEnd) return blocks;
    const startLine = scanner.currentLine;
    const type = scanner.identifier();
    if (type === undefined) throw new UnreadableText();
    scanner.skipSpace();
    if (scanner.take("=")) {
      scanner.skipExpression();
      continue;
    }
    const [first, second] = labels(scanner);
    let alias: string | undefined;
    const nested: Block[] = [];
    const endLine = readBody(
      scanner,
      (name, line, value) => {
        if (type === "provider" && name === "alias") alias = value;
        if (type === "locals")
          nested.push({ address: `local.${name}`, range: { startLine: line, endLine: line } });
      },
      (blockType, blockLabels, blockStart) => {
        if (type !== "terraform" || blockType !== "backend") return false;
        const endOfBackend = readBody(
          scanner,
          () => undefined,
          () => false,
        );
        nested.push({
          address: `terraform.backend.${blockLabels[0] ?? ""}`,
          range: { startLine: blockStart, endLine: endOfBackend },
        });
        return true;
      },
    );
    blocks.push(...nested);
    if (type === "resource" && second !== undefined) add(`${first}.${second}`, startLine, endLine);
    else if (type === "data" && second !== undefined) add(`data.${first}.${second}`, startLine, endLine);
    else if (type === "provider" && first !== undefined)
      add(alias === undefined ? `provider.${first}` : `provider.${first}.${alias}`, startLine, endLine);
    else if ((type === "module" || type === "variable" || type === "output") && first !== undefined)
      add(`${type}.${first}`, startLine, endLine);
  }
}

/**
 * The address a block has in its own file: `module.NAME.` (and `module.NAME[KEY].`) prefixes name the call
 * whose module the block is in, and its file holds it without them; a lone `module.NAME` is the call.
 */
function localAddress(address: string): string {
  let rest = address;
  for (;;) {
    const match = /^module\.[^.[]+(\[[^\]]*\])?\./.exec(rest);
    if (match === null || !/^module\.[^.[]+(\[[^\]]*\])?\..+\..+/.test(rest)) return rest;
    rest = rest.slice(match[0].length);
  }
}

/** The lines of the block an address names, in an HCL file; throws on text it cannot follow. */
export function hclBlockLocator(text: string): (address: string) => LineRange | undefined {
  const blocks = new Map<string, LineRange>();
  for (const { address, range } of blocksOf(text)) if (!blocks.has(address)) blocks.set(address, range);
  return (address) => blocks.get(localAddress(address));
}
