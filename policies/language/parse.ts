import type {
  BinaryOperator,
  Expression,
  NumberLiteral,
  ObjectItem,
  Template,
  TemplatePart,
  TraversalStep,
} from "./syntax";

export type ParseResult = { ok: true; expression: Expression } | { ok: false; error: string };

/** A node of a syntax tree as a plain object, for a test over any kind of node. */
export type SyntaxNode = { readonly [key: string]: unknown };

/** Whether a syntax tree holds, at any depth, a node that `test` picks (a call, a reference to a name...). */
export function holdsNode(node: unknown, test: (node: SyntaxNode) => boolean): boolean {
  if (Array.isArray(node)) return node.some((element) => holdsNode(element, test));
  if (typeof node !== "object" || node === null) return false;
  const object = node as SyntaxNode;
  return test(object) || Object.values(object).some((value) => holdsNode(value, test));
}

/** Deeper nesting than any real configuration has; beyond it the text is refused, never a stack overflow. */
const MAX_DEPTH = 256;

/**
 * Parses a Terraform JSON string value, which is a template. A string without `${` or `%{` is one literal;
 * a template that is exactly one interpolation (`"${x}"`) is the expression x itself, as Terraform reads it.
 */
export function parseTemplate(text: string): ParseResult {
  if (!holdsTemplateSequence(text)) return { ok: true, expression: { kind: "string", value: text } };
  const reference = readShortWay(text);
  if (reference !== undefined) return { ok: true, expression: reference };
  return run(text, (parser) => parser.bareTemplate());
}

/**
 * The tree of the commonest templates, read directly, as the full parser would give it: a lone reference
 * written without spaces, or literal text around such references. Undefined for any other text, which only
 * the full parser reads. Exported for the tests that hold the two readings to each other.
 */
export function readShortWay(text: string): Expression | undefined {
  return loneReference(text) ?? referenceTemplate(text);
}

const DOLLAR = 0x24;
const PERCENT = 0x25;

/**
 * Whether a Terraform JSON string holds `${` or `%{`; any other is one literal. One search for the braces,
 * which most texts have none of.
 */
export function holdsTemplateSequence(text: string): boolean {
  for (let brace = text.indexOf("{", 1); brace > 0; brace = text.indexOf("{", brace + 1)) {
    const before = text.charCodeAt(brace - 1);
    if (before === DOLLAR || before === PERCENT) return true;
  }
  return false;
}

/**
 * The commonest template, a lone reference written without spaces (`${alicloud_vpc.main.id}`,
 * `${data.x.y.zones[0].id}`, `${aws_x.y.0.id}`), read directly into the traversal the full parser gives
 * it; undefined for any other text, which the full parser reads. ASCII names only; a number index only
 * as whole digits.
 */
function loneReference(text: string): Expression | undefined {
  const root = readLoneReference(text, readSteps);
  const steps = readSteps.take();
  return root === undefined ? undefined : { kind: "traversal", root, steps };
}

/**
 * The next commonest, literal text around lone references (a policy document, `acs:oss:*:*:${local.b}/*`),
 * read directly into the parts the full parser gives it; undefined for any other template. The text may hold
 * no directive, no escape (`$${`, `%%{`) and no carriage return, so that it is the literal text as written.
 */
function referenceTemplate(text: string): Expression | undefined {
  if (text.includes("%{") || text.includes("$${") || text.includes("\r")) return undefined;
  const first = text.indexOf("${");
  if (first < 0) return undefined;
  let copied = 0;
  for (let open = first; open >= 0; open = text.indexOf("${", copied)) {
    // A lone reference holds no closing brace: the first one after the opening ends it, or it is none.
    const close = text.indexOf("}", open + 2);
    const root = close < 0 ? undefined : readTraversal(text, open + 2, close, readSteps);
    const steps = readSteps.take();
    if (root === undefined) {
      readParts.clear();
      return undefined;
    }
    if (open > copied) readParts.add({ kind: "text", text: text.slice(copied, open) });
    readParts.add({ kind: "interpolation", expression: { kind: "traversal", root, steps } });
    copied = close + 1;
  }
  if (copied < text.length) readParts.add({ kind: "text", text: text.slice(copied) });
  return { kind: "template", parts: readParts.take() };
}

/**
 * Items read one by one into an array that is reused and never shrunk, then copied out at their number: an
 * array grown by push holds room for sixteen (emptying one frees its room), and every reference's tree is
 * kept for the whole check.
 */
class Reading<T> {
  private readonly items: T[] = [];
  private count = 0;

  add(item: T): void {
    this.items[this.count++] = item;
  }

  clear(): void {
    this.count = 0;
  }

  /** The items read since the last take, in order. */
  take(): T[] {
    const taken = this.items.slice(0, this.count);
    this.count = 0;
    return taken;
  }
}

const readSteps = new Reading<TraversalStep>();
const readParts = new Reading<TemplatePart>();

/**
 * The root of a lone reference that the direct reading above accepts (`alicloud_vpc` of
 * `${alicloud_vpc.main.id}`), without building its syntax tree; undefined where it declines, and then only
 * the full parser can tell (`${ a.b }` is a lone reference too). The value scan asks this of every reference.
 */
export function loneReferenceRoot(text: string): string | undefined {
  return readLoneReference(text, undefined);
}

/** Reads a lone reference, its steps into `steps` when given; its root, or undefined where it declines. */
function readLoneReference(text: string, steps: Reading<TraversalStep> | undefined): string | undefined {
  const end = text.length - 1;
  if (!text.startsWith("${") || text.charCodeAt(end) !== 0x7d) return undefined;
  return readTraversal(text, 2, end, steps);
}

/**
 * Reads a traversal that fills the text from `start` to `end` (an interpolation's content), its steps into
 * `steps` when given; its root, or undefined where it declines.
 */
function readTraversal(
  text: string,
  start: number,
  end: number,
  steps: Reading<TraversalStep> | undefined,
): string | undefined {
  const rootEnd = asciiNameEnd(text, start, end);
  const root = text.slice(start, rootEnd);
  // Literals and calls are no traversal.
  if (rootEnd === start || root === "true" || root === "false" || root === "null") return undefined;
  let at = rootEnd;
  while (at < end) {
    const char = text.charCodeAt(at);
    if (char === 0x2e && isAsciiDigit(text.charCodeAt(at + 1))) {
      // `.0`: a legacy index, whole digits only (`.0.1` and `.1e2` are the full parser's to refuse or read).
      const to = asciiDigitsEnd(text, at + 1, end);
      const after = text.charCodeAt(to);
      if (to < end && after !== 0x2e && after !== 0x5b) return undefined;
      // `.0.1`, and `.0.e1` (HCL's scanner reads `0.e1` as one number): chained indexes, which Terraform refuses.
      const next = text.charCodeAt(to + 1);
      if (after === 0x2e && (isAsciiDigit(next) || next === 0x65 || next === 0x45)) return undefined;
      steps?.add({ kind: "index", key: { kind: "number", text: text.slice(at + 1, to) } });
      at = to;
    } else if (char === 0x2e) {
      const to = asciiNameEnd(text, at + 1, end);
      if (to === at + 1) return undefined;
      steps?.add({ kind: "attr", name: text.slice(at + 1, to) });
      at = to;
    } else if (char === 0x5b) {
      const to = asciiDigitsEnd(text, at + 1, end);
      if (to === at + 1 || text.charCodeAt(to) !== 0x5d) return undefined;
      steps?.add({ kind: "index", key: { kind: "number", text: text.slice(at + 1, to) } });
      at = to + 1;
    } else {
      return undefined;
    }
  }
  return root;
}

/** Where an ASCII name that may start at `from` ends (at `from` when none starts there), before `end`. */
function asciiNameEnd(text: string, from: number, end: number): number {
  if (from >= end || !isOfClass(text.charCodeAt(from), NAME_START)) return from;
  let to = from + 1;
  while (to < end && isOfClass(text.charCodeAt(to), NAME_CONTINUE)) to++;
  return to;
}

const NAME_START = 1;
const NAME_CONTINUE = 2;
/** What each ASCII character may be in a name, as bits: one table lookup per character of every reference. */
const ASCII_NAME_CLASSES = Uint8Array.from(
  { length: 0x80 },
  (_, code) => (isAsciiNameStart(code) ? NAME_START : 0) | (isAsciiNameContinue(code) ? NAME_CONTINUE : 0),
);

function isOfClass(code: number, nameClass: number): boolean {
  return code < 0x80 && ((ASCII_NAME_CLASSES[code] as number) & nameClass) !== 0;
}

function asciiDigitsEnd(text: string, from: number, end: number): number {
  let to = from;
  while (to < end && isAsciiDigit(text.charCodeAt(to))) to++;
  return to;
}

/** Parses a bare expression: an HCL attribute value or a validation condition. */
export function parseExpression(text: string): ParseResult {
  return run(text, (parser) => {
    const expression = parser.expression();
    parser.expectEnd();
    return expression;
  });
}

/**
 * Parses an expression Terraform JSON writes either bare (`alicloud.dr`, `list(string)`) or as a template of
 * it (`${alicloud.dr}`): a provider reference, a variable's type.
 */
export function parseBareOrTemplate(text: string): ParseResult {
  const template = parseTemplate(text);
  return template.ok && template.expression.kind === "string" ? parseExpression(text) : template;
}

function run(text: string, parse: (parser: Parser) => Expression): ParseResult {
  try {
    return { ok: true, expression: parse(new Parser(text)) };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message };
    throw error;
  }
}

class ParseError extends Error {}

/** HCL's binary operators, loosest level first; operators of one level associate to the left. */
const BINARY_LEVELS: readonly (readonly BinaryOperator[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  [">=", "<=", ">", "<"],
  ["+", "-"],
  ["*", "/", "%"],
];
const LEVEL_OF_OPERATOR: ReadonlyMap<BinaryOperator, number> = new Map(
  BINARY_LEVELS.flatMap((operators, level) => operators.map((operator) => [operator, level] as const)),
);

/** A template's scanned pieces before strip markers and directive nesting are applied. */
type TemplateToken =
  | { kind: "text"; text: string }
  | { kind: "interpolation"; expression: Expression; stripBefore: boolean; stripAfter: boolean }
  | { kind: "directive"; directive: Directive; stripBefore: boolean; stripAfter: boolean; column: number };

type Directive =
  | { kind: "if"; condition: Expression }
  | { kind: "else" }
  | { kind: "endif" }
  | { kind: "for"; keyVariable?: string; valueVariable: string; collection: Expression }
  | { kind: "endfor" };

/** Characters that end a run of literal template text: `$`, `%` and line ends, then, in quotes only, `"` and `\\`. */
const TEMPLATE_SPECIALS: readonly string[] = ["$", "%", "\n", "\r", '"', "\\"];
const BARE_TEMPLATE_SPECIALS = 4;
const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;

/** A recursive-descent parser of HCL native syntax over one text; the tokenizer is folded into it. */
class Parser {
  private position = 0;
  private depth = 0;
  /** In an object constructor a newline ends an item; in brackets, parentheses and templates it is space. */
  private newlineEnds = false;
  /** Per character of TEMPLATE_SPECIALS: where it was last searched for from, and where it was found. */
  private readonly searchedFrom = [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity];
  private readonly foundAt = [-1, -1, -1, -1, -1, -1];

  constructor(private readonly text: string) {}

  bareTemplate(): Expression {
    return this.template("bare");
  }

  expression(): Expression {
    this.enter();
    const condition = this.binary(0);
    let result = condition;
    if (this.take("?")) {
      const whenTrue = this.expression();
      this.expect(":", "':' of a conditional");
      const whenFalse = this.expression();
      result = { kind: "conditional", condition, whenTrue, whenFalse };
    }
    this.depth--;
    return result;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length) this.fail("the end of the expression");
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} levels of nesting`);
  }

  private fail(expected: string): never {
    let at = this.position;
    while (this.text[at] === " " || this.text[at] === "\t") at++;
    const found = at < this.text.length ? JSON.stringify(this.text[at]) : "the end of the text";
    throw new ParseError(`column ${at + 1}: expected ${expected}, found ${found}`);
  }

  /**
   * Operands joined by operators of `level` or tighter (precedence climbing: one operator read per
   * operand, not one try per level), associating to the left.
   */
  private binary(level: number): Expression {
    let left = this.postfix(this.term());
    for (;;) {
      const at = this.ahead();
      const operator = binaryOperatorAt(this.text, at);
      const operatorLevel = operator === undefined ? -1 : (LEVEL_OF_OPERATOR.get(operator) ?? -1);
      if (operator === undefined || operatorLevel < level) return left;
      this.position = at + operator.length;
      const right = this.binary(operatorLevel + 1);
      left = { kind: "binary", operator, left, right };
    }
  }

  private term(): Expression {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "(") {
      this.position++;
      return this.within(false, () => {
        const expression = this.expression();
        this.expect(")", "')'");
        return { kind: "parentheses", expression };
      });
    }
    if (char === "-" || char === "!") {
      this.position++;
      this.enter();
      const operand = this.postfix(this.term());
      this.depth--;
      return { kind: "unary", operator: char, operand };
    }
    if (char === '"') {
      this.position++;
      return this.template("quoted");
    }
    if (char === "[") return this.tuple();
    if (char === "{") return this.object();
    if (char === "<" && this.text.startsWith("<<", this.position))
      this.fail("an expression (heredocs are not read)");
    if (char !== undefined && isDigit(char)) return this.number();
    const name = this.identifier();
    if (name === undefined) this.fail("an expression");
    if (this.peekIs("(") || this.peekIs("::")) return this.call(name);
    if (name === "true" || name === "false") return { kind: "bool", value: name === "true" };
    if (name === "null") return { kind: "null" };
    return { kind: "traversal", root: name, steps: [] };
  }

  private number(): NumberLiteral {
    const start = this.position;
    const text = this.text;
    let end = start;
    // HCL's scanner: a digit, then digits, dots and exponents, never ending in a dot.
    for (;;) {
      const char = text[end];
      if (char !== undefined && (isDigit(char) || char === ".")) end++;
      else if ((char === "e" || char === "E") && isExponent(text, end))
        end += text[end + 1] === "+" || text[end + 1] === "-" ? 2 : 1;
      else break;
    }
    while (text[end - 1] === ".") end--;
    const literal = text.slice(start, end);
    if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) this.fail("a number");
    this.position = end;
    return { kind: "number", text: literal };
  }

  private identifier(): string | undefined {
    const start = this.position;
    const first = this.text.codePointAt(start);
    if (first === undefined || !isIdentifierCharacter(first, ID_START)) return undefined;
    let end = start + (first > 0xffff ? 2 : 1);
    for (;;) {
      const code = this.text.codePointAt(end);
      if (code === undefined || !isIdentifierCharacter(code, ID_CONTINUE)) break;
      end += code > 0xffff ? 2 : 1;
    }
    this.position = end;
    return this.text.slice(start, end);
  }

  private call(name: string): Expression {
    if (this.peekIs("::")) this.fail("'(' (provider-defined functions are not evaluated)");
    this.expect("(", "'('");
    return this.within(false, () => {
      const args: Expression[] = [];
      let expandFinal = false;
      while (!this.take(")")) {
        args.push(this.expression());
        if (this.take("...")) {
          expandFinal = true;
          this.expect(")", "')' after '...'");
          break;
        }
        if (!this.take(",")) {
          this.expect(")", "',' or ')' in the arguments of " + name);
          break;
        }
      }
      return { kind: "call", name, args, expandFinal };
    });
  }

  private postfix(from: Expression): Expression {
    let result = from;
    // Steps read since `result`, attached to it at once when something else comes.
    let steps: TraversalStep[] | undefined;
    for (;;) {
      const at = this.ahead();
      const char = this.text[at];
      if (char === "." && !this.text.startsWith("...", at)) {
        this.position = at + 1;
        this.skipSpace();
        if (this.take("*")) {
          const source = withSteps(result, steps);
          steps = undefined;
          result = { kind: "splat", form: "attribute", source, each: this.attributeSplatSteps() };
          continue;
        }
        (steps ??= []).push(this.dotStep());
      } else if (char === "[") {
        this.position = at + 1;
        if (this.take("*")) {
          this.expect("]", "']' after '[*'");
          const source = withSteps(result, steps);
          steps = undefined;
          this.enter();
          const each = this.postfix({ kind: "splatItem" });
          this.depth--;
          result = { kind: "splat", form: "full", source, each };
          continue;
        }
        const key = this.within(false, () => {
          const inside = this.expression();
          this.expect("]", "']'");
          return inside;
        });
        const step = literalKey(key);
        if (step !== undefined) {
          (steps ??= []).push(step);
        } else {
          result = { kind: "index", collection: withSteps(result, steps), key };
          steps = undefined;
        }
      } else {
        return withSteps(result, steps);
      }
    }
  }

  /** `.name` or the legacy `.0`, after the dot. */
  private dotStep(): TraversalStep {
    const char = this.text[this.position];
    if (char !== undefined && isDigit(char)) {
      const start = this.position;
      const index = this.number();
      if (index.text.includes(".")) {
        this.position = start;
        this.fail("one legacy index (`.0.1` is not an index; write [0][1])");
      }
      return { kind: "index", key: index };
    }
    const name = this.identifier();
    if (name === undefined) this.fail("an attribute name after '.'");
    return { kind: "attr", name };
  }

  /** The steps after `.*`: only further `.name` and `.0`; anything else applies to the splat's result. */
  private attributeSplatSteps(): Expression {
    const steps: TraversalStep[] = [];
    for (;;) {
      const at = this.ahead();
      if (this.text[at] !== "." || this.text.startsWith("...", at)) break;
      this.position = at + 1;
      this.skipSpace();
      if (this.peekIs("*")) this.fail("an attribute name (a splat cannot be nested in an attribute splat)");
      steps.push(this.dotStep());
    }
    return steps.length === 0
      ? { kind: "splatItem" }
      : { kind: "relative", source: { kind: "splatItem" }, steps };
  }

  private tuple(): Expression {
    this.position++;
    return this.within(false, () => this.tupleItems());
  }

  private tupleItems(): Expression {
    this.enter();
    if (this.keyword("for")) {
      const result = this.forExpression("]");
      this.depth--;
      return result;
    }
    const elements: Expression[] = [];
    while (!this.take("]")) {
      elements.push(this.expression());
      if (!this.take(",")) {
        this.expect("]", "',' or ']'");
        break;
      }
    }
    this.depth--;
    return { kind: "tuple", elements };
  }

  private object(): Expression {
    this.position++;
    this.enter();
    const isFor = this.within(false, () => this.keyword("for"));
    const result = isFor
      ? this.within(false, () => this.forExpression("}"))
      : this.within(true, () => this.objectItems());
    this.depth--;
    return result;
  }

  /** `key = value` items up to `}`, separated by commas or newlines (a newline also ends a value). */
  private objectItems(): Expression {
    const items: ObjectItem[] = [];
    for (;;) {
      this.within(false, () => this.skipSpace());
      if (this.take("}")) break;
      const key = this.expression();
      if (!this.take("=") && !this.take(":")) this.fail("'=' or ':' after an object key");
      const value = this.expression();
      items.push({ key, bareKey: isKeyword(key), value });
      const at = this.ahead();
      const next = this.text[at];
      if (next === "," || next === "\n" || next === "\r") {
        this.position = at + 1;
        continue;
      }
      this.expect("}", "',', a newline or '}' after an object item");
      break;
    }
    return { kind: "object", items };
  }

  /** After `[for` or `{for`: the variables, the collection, the result and the optional `if`. */
  private forExpression(close: "]" | "}"): Expression {
    const [keyVariable, valueVariable] = this.forVariables();
    const collection = this.expression();
    this.expect(":", "':' after the collection of a for expression");
    let keyExpression: Expression | undefined;
    let valueExpression = this.expression();
    let grouping = false;
    if (close === "}") {
      this.expect("=>", "'=>' in an object for expression");
      keyExpression = valueExpression;
      valueExpression = this.expression();
      grouping = this.take("...");
    }
    const condition = this.keyword("if") ? this.expression() : undefined;
    this.expect(close, `'${close}' at the end of a for expression`);
    return {
      kind: "for",
      ...(keyVariable === undefined ? {} : { keyVariable }),
      valueVariable,
      collection,
      ...(keyExpression === undefined ? {} : { keyExpression }),
      valueExpression,
      ...(condition === undefined ? {} : { condition }),
      grouping,
    };
  }

  /** `v in` or `k, v in`, after `for`. */
  private forVariables(): [string | undefined, string] {
    const first = this.name("a variable name after 'for'");
    let keyVariable: string | undefined;
    let valueVariable = first;
    if (this.take(",")) {
      keyVariable = first;
      valueVariable = this.name("a second variable name after ','");
    }
    if (!this.keyword("in")) this.fail("'in' after the variables of a for");
    return [keyVariable, valueVariable];
  }

  private name(expected: string): string {
    this.skipSpace();
    const name = this.identifier();
    if (name === undefined) this.fail(expected);
    return name;
  }

  /** Consumes the keyword when it is the next whole identifier. */
  private keyword(word: string): boolean {
    this.skipSpace();
    const start = this.position;
    if (this.identifier() === word) return true;
    this.position = start;
    return false;
  }

  /**
   * A template up to its end: the whole text (bare, as in Terraform JSON) or the closing quote (quoted,
   * where backslash escapes apply and a newline may not appear).
   */
  private template(mode: "bare" | "quoted"): Expression {
    this.enter();
    const tokens = this.templateTokens(mode);
    this.depth--;
    const only = tokens.length === 1 ? tokens[0] : undefined;
    // A template that is exactly one interpolation is that expression, not its text.
    if (only?.kind === "interpolation") return only.expression;
    const parts = plainParts(tokens) ?? nestDirectives(stripAndMeld(tokens));
    if (parts.length === 0) return { kind: "string", value: "" };
    if (parts.length === 1 && parts[0].kind === "text") return { kind: "string", value: parts[0].text };
    const template: Template = { kind: "template", parts };
    return template;
  }

  private templateTokens(mode: "bare" | "quoted"): TemplateToken[] {
    const text = this.text;
    const tokens: TemplateToken[] = [];
    let literal = "";
    const flush = (): void => {
      if (literal !== "") tokens.push({ kind: "text", text: literal });
      literal = "";
    };
    for (;;) {
      const char = text[this.position];
      if (char === undefined) {
        if (mode === "quoted") this.fail("'\"' closing the string");
        break;
      }
      if (mode === "quoted" && char === '"') {
        this.position++;
        break;
      }
      const next = text[this.position + 1];
      if ((char === "$" || char === "%") && next === char && text[this.position + 2] === "{") {
        // `$${` and `%%{` are the literal `${` and `%{`, each a literal token of its own.
        flush();
        tokens.push({ kind: "text", text: char + "{" });
        this.position += 3;
      } else if ((char === "$" || char === "%") && next === "{") {
        flush();
        tokens.push(char === "$" ? this.interpolation() : this.directive());
      } else if (char === "$" || char === "%") {
        flush();
        tokens.push({ kind: "text", text: char });
        this.position++;
      } else if (char === "\r" && next !== "\n" && mode === "bare") {
        // HCL's scanner stops at a lone carriage return and takes the rest of a bare template as literal text.
        flush();
        tokens.push({ kind: "text", text: unescapedLiteral(text.slice(this.position)) });
        this.position = text.length;
        break;
      } else if (mode === "quoted" && (char === "\n" || char === "\r")) {
        this.fail("'\"' before the end of the line (a quoted string cannot span lines)");
      } else if (char === "\n" || (char === "\r" && next === "\n")) {
        // In a bare template each line is a literal token of its own, which matters to strip markers.
        literal += char === "\r" ? "\r\n" : "\n";
        this.position += char === "\r" ? 2 : 1;
        flush();
      } else if (mode === "quoted" && char === "\\") {
        literal += this.escape();
      } else {
        // A run of ordinary characters at once.
        const end = this.literalRunEnd(this.position + 1, mode);
        literal += text.slice(this.position, end);
        this.position = end;
      }
    }
    flush();
    return tokens;
  }

  /**
   * Where a run of literal template text that goes on at `from` ends: at `$`, `%`, a line end, and in quotes
   * at `"` or `\\`; the text's end when none comes. Each character is searched for natively, and where it
   * was found is reused while it lies ahead, so no part of the text is searched twice for one character.
   */
  private literalRunEnd(from: number, mode: "bare" | "quoted"): number {
    let end = this.text.length;
    const specials = mode === "bare" ? BARE_TEMPLATE_SPECIALS : TEMPLATE_SPECIALS.length;
    for (let special = 0; special < specials; special++) {
      const at = this.nextOf(special, from);
      if (at < end) end = at;
    }
    return end;
  }

  /** The first position at or after `from` of a special character (by its index), or the text's length. */
  private nextOf(special: number, from: number): number {
    const found = this.foundAt[special] as number;
    if ((this.searchedFrom[special] as number) <= from && from <= found) return found;
    const at = this.text.indexOf(TEMPLATE_SPECIALS[special] as string, from);
    const next = at < 0 ? this.text.length : at;
    this.searchedFrom[special] = from;
    this.foundAt[special] = next;
    return next;
  }

  /** A backslash escape of a quoted string, at its backslash. */
  private escape(): string {
    const selector = this.text[this.position + 1];
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
    if (selector !== undefined && Object.hasOwn(simple, selector)) {
      this.position += 2;
      return simple[selector];
    }
    if (selector === "u" || selector === "U") {
      const length = selector === "u" ? 4 : 8;
      const digits = this.text.slice(this.position + 2, this.position + 2 + length);
      const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === length ? parseInt(digits, 16) : NaN;
      if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
        this.position++;
        this.fail(`${length} hexadecimal digits of a Unicode character`);
      }
      this.position += 2 + length;
      return String.fromCodePoint(code);
    }
    this.position++;
    this.fail('an escape: \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN');
  }

  /** `${ expression }` with optional strip markers, at its `$`. */
  private interpolation(): TemplateToken {
    this.position += 2;
    const stripBefore = this.take("~", false);
    const expression = this.within(false, () => this.expression());
    const stripAfter = this.within(false, () => this.sequenceEnd());
    return { kind: "interpolation", expression, stripBefore, stripAfter };
  }

  /** `%{ if c }`, `%{ else }`, `%{ endif }`, `%{ for k, v in xs }`, `%{ endfor }`, at its `%`. */
  private directive(): TemplateToken {
    return this.within(false, () => this.directiveBody());
  }

  private directiveBody(): TemplateToken {
    const column = this.position + 1;
    this.position += 2;
    const stripBefore = this.take("~", false);
    this.skipSpace();
    const wordStart = this.position;
    const word = this.identifier();
    let directive: Directive;
    if (word === "if") directive = { kind: "if", condition: this.expression() };
    else if (word === "else" || word === "endif" || word === "endfor") directive = { kind: word };
    else if (word === "for") {
      const [keyVariable, valueVariable] = this.forVariables();
      const collection = this.expression();
      directive = {
        kind: "for",
        ...(keyVariable === undefined ? {} : { keyVariable }),
        valueVariable,
        collection,
      };
    } else {
      this.position = wordStart;
      this.fail("a template directive: if, else, endif, for or endfor");
    }
    const stripAfter = this.sequenceEnd();
    return { kind: "directive", directive, stripBefore, stripAfter, column };
  }

  /** `}` or `~}` closing an interpolation or directive; true for the strip marker. */
  private sequenceEnd(): boolean {
    this.skipSpace();
    const strip = this.take("~", false);
    if (!this.take("}", false)) this.fail(strip ? "'}' after '~'" : "'}' closing the template sequence");
    return strip;
  }

  /** Consumes `token` when it comes next (after whitespace unless `skip` is false). */
  private take(token: string, skip = true): boolean {
    const at = skip ? this.ahead() : this.position;
    if (!this.text.startsWith(token, at)) return false;
    // `=` must not be the start of `==` or `=>`.
    if (token === "=" && (this.text[at + 1] === "=" || this.text[at + 1] === ">")) return false;
    this.position = at + token.length;
    return true;
  }

  private expect(token: string, expected: string): void {
    if (!this.take(token)) this.fail(expected);
  }

  private peekIs(token: string): boolean {
    return this.text.startsWith(token, this.ahead());
  }

  /** Where the next token starts: after spaces, tabs, newlines and comments. Does not move. */
  private ahead(): number {
    const text = this.text;
    let at = this.position;
    for (;;) {
      const char = text[at];
      if (char === " " || char === "\t") at++;
      else if (char === "\n" || (char === "\r" && text[at + 1] === "\n")) {
        if (this.newlineEnds) return at;
        at += char === "\n" ? 1 : 2;
      } else if (char === "#" || (char === "/" && text[at + 1] === "/")) {
        const end = text.indexOf("\n", at);
        at = end < 0 ? text.length : end;
      } else if (char === "/" && text[at + 1] === "*") {
        const end = text.indexOf("*/", at + 2);
        if (end < 0) {
          this.position = at;
          this.fail("'*/' closing the comment");
        }
        at = end + 2;
      } else return at;
    }
  }

  /** Parses with newlines significant (true) or not, restoring the enclosing mode afterwards. */
  private within<T>(newlineEnds: boolean, parse: () => T): T {
    const enclosing = this.newlineEnds;
    this.newlineEnds = newlineEnds;
    try {
      return parse();
    } finally {
      this.newlineEnds = enclosing;
    }
  }

  private skipSpace(): void {
    this.position = this.ahead();
  }
}

/**
 * The binary operator at a position, if any. `<=` and `>=` are tokens of their own; any other operator
 * character followed by `=` is no operator (`!` alone is unary, `=` alone is assignment).
 */
function binaryOperatorAt(text: string, at: number): BinaryOperator | undefined {
  const char = text[at];
  const next = text[at + 1];
  switch (char) {
    case "|":
      return next === "|" ? "||" : undefined;
    case "&":
      return next === "&" ? "&&" : undefined;
    case "=":
      return next === "=" ? "==" : undefined;
    case "!":
      return next === "=" ? "!=" : undefined;
    case ">":
      return next === "=" ? ">=" : ">";
    case "<":
      return next === "=" ? "<=" : "<";
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return next === "=" ? undefined : char;
    default:
      return undefined;
  }
}

/** HCL identifiers: ID_Start or `_`, then ID_Continue or `-`; ASCII is decided without the Unicode tables. */
function isIdentifierCharacter(code: number, unicodeClass: RegExp): boolean {
  if (code < 0x80) {
    const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
    const digitOrDash = (code >= 0x30 && code <= 0x39) || code === 0x2d;
    return letter || (unicodeClass === ID_CONTINUE && digitOrDash);
  }
  return unicodeClass.test(String.fromCodePoint(code));
}

function isAsciiNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isAsciiNameContinue(code: number): boolean {
  return isAsciiNameStart(code) || isAsciiDigit(code) || code === 0x2d;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}

function isExponent(text: string, at: number): boolean {
  const next = text[at + 1];
  const digit = next === "+" || next === "-" ? text[at + 2] : next;
  return digit !== undefined && isDigit(digit);
}

/**
 * Whether an object key is a bare keyword, which HCL takes as its own name: an identifier, even `true`,
 * `false` and `null`; a longer traversal is no name (parentheses make any key an expression).
 */
function isKeyword(key: Expression): boolean {
  return (key.kind === "traversal" && key.steps.length === 0) || key.kind === "bool" || key.kind === "null";
}

/** An index written as a literal number or string is a traversal step, as HCL parses it. */
function literalKey(key: Expression): TraversalStep | undefined {
  if (key.kind === "number") return { kind: "index", key };
  if (key.kind === "string") return { kind: "index", key: key.value };
  return undefined;
}

/** An expression followed by traversal steps: a traversal or relative traversal extended, or a new relative one. */
function withSteps(expression: Expression, steps: TraversalStep[] | undefined): Expression {
  if (steps === undefined) return expression;
  if (expression.kind === "traversal" || expression.kind === "relative") {
    return { ...expression, steps: expression.steps.length === 0 ? steps : [...expression.steps, ...steps] };
  }
  return { kind: "relative", source: expression, steps };
}

/**
 * The parts of a template with no directive and no strip marker (nearly every one): its tokens, adjacent
 * text joined; undefined for any other, which stripAndMeld and nestDirectives read.
 */
function plainParts(tokens: readonly TemplateToken[]): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  for (const token of tokens) {
    if (
      token.kind === "directive" ||
      (token.kind === "interpolation" && (token.stripBefore || token.stripAfter))
    )
      return undefined;
    const last = parts[parts.length - 1];
    if (token.kind === "interpolation") parts.push({ kind: "interpolation", expression: token.expression });
    else if (last?.kind === "text") parts[parts.length - 1] = { kind: "text", text: last.text + token.text };
    else parts.push({ kind: "text", text: token.text });
  }
  return parts;
}

/**
 * Applies strip markers to the literal tokens next to them (only the adjacent token, as HCL does: in a
 * bare template each line is its own token) and joins consecutive literals.
 */
function stripAndMeld(tokens: TemplateToken[]): TemplateToken[] {
  const texts = tokens.map((token) => (token.kind === "text" ? token.text : undefined));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === "text") continue;
    const before = texts[i - 1];
    if (token.stripBefore && before !== undefined) texts[i - 1] = before.replace(TRAILING_SPACE, "");
    const after = texts[i + 1];
    if (token.stripAfter && after !== undefined) texts[i + 1] = after.replace(LEADING_SPACE, "");
  }
  const melded: TemplateToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const text = texts[i];
    const last = melded[melded.length - 1];
    if (text === undefined) melded.push(tokens[i]);
    else if (text === "") continue;
    else if (last?.kind === "text") melded[melded.length - 1] = { kind: "text", text: last.text + text };
    else melded.push({ kind: "text", text });
  }
  return melded;
}

/**
 * Literal template text as HCL reads it, with only `$${` and `%%{` escaped: from the left, a doubled `$` or
 * `%` stands for itself, or with a `{` after it for the single character and the brace.
 */
function unescapedLiteral(text: string): string {
  let result = "";
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    result += char;
    if ((char === "$" || char === "%") && text[at + 1] === char) {
      if (text[at + 2] === "{") {
        result += "{";
        at += 2;
      } else {
        result += char;
        at++;
      }
    }
  }
  return result;
}

/** Go's unicode.IsSpace: the White_Space property. */
const TRAILING_SPACE = /[\p{White_Space}]+$/u;
const LEADING_SPACE = /^[\p{White_Space}]+/u;

/** Builds the nested if/for structure from a flat token list. */
function nestDirectives(tokens: readonly TemplateToken[]): TemplatePart[] {
  let index = 0;
  const fail = (column: number, message: string): never => {
    throw new ParseError(`column ${column}: ${message}`);
  };
  const sequence = (closers: readonly string[]): [TemplatePart[], TemplateToken | undefined] => {
    const parts: TemplatePart[] = [];
    while (index < tokens.length) {
      const token = tokens[index++];
      if (token.kind === "text") parts.push({ kind: "text", text: token.text });
      else if (token.kind === "interpolation")
        parts.push({ kind: "interpolation", expression: token.expression });
      else if (closers.includes(token.directive.kind)) return [parts, token];
      else if (token.directive.kind === "if") {
        const [whenTrue, closer] = sequence(["else", "endif"]);
        let whenFalse: TemplatePart[] = [];
        if (closer?.kind === "directive" && closer.directive.kind === "else") {
          const [elseParts, end] = sequence(["endif"]);
          if (end === undefined) fail(token.column, "%{if} has no %{endif}");
          whenFalse = elseParts;
        } else if (closer === undefined) fail(token.column, "%{if} has no %{endif}");
        parts.push({ kind: "if", condition: token.directive.condition, whenTrue, whenFalse });
      } else if (token.directive.kind === "for") {
        const [body, closer] = sequence(["endfor"]);
        if (closer === undefined) fail(token.column, "%{for} has no %{endfor}");
        const { keyVariable, valueVariable, collection } = token.directive;
        parts.push({
          kind: "for",
          ...(keyVariable === undefined ? {} : { keyVariable }),
          valueVariable,
          collection,
          body,
        });
      } else fail(token.column, `%{${token.directive.kind}} without its opening directive`);
    }
    return [parts, undefined];
  };
  const [parts] = sequence([]);
  return parts;
}
