/**
 * Repeated keys in one JSON object. JSON.parse keeps the last of them, but Terraform's JSON syntax keeps them
 * all: a block type written twice (`"resource": {…}, "resource": {…}`) is two sets of blocks, and a nested
 * block written twice is two blocks. A check that read only the last would never see the first, so a repeat
 * is refused before the document is read.
 */

/** A key that appears twice in one object of a JSON text, and the line of its second appearance. */
export interface DuplicateKey {
  readonly key: string;
  readonly line: number;
}

/** Objects with more keys than this remember them in a Set; smaller ones in a list, which costs less. */
const LIST_LIMIT = 16;
const STRUCTURE = /[{}[\]"]/g;

/**
 * The first key repeated within one object of a valid JSON text (keys compared after unescaping, as
 * Terraform compares them), or undefined when there is none.
 */
export function firstDuplicateKey(text: string): DuplicateKey | undefined {
  // One entry per open object (its keys so far) or array (null), innermost last.
  const open: (string[] | Set<string> | null)[] = [];
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match !== null; match = STRUCTURE.exec(text)) {
    const at = match.index;
    const char = text[at];
    if (char === "{") open.push([]);
    else if (char === "[") open.push(null);
    else if (char === "}" || char === "]") open.pop();
    else {
      const end = closingQuote(text, at + 1);
      STRUCTURE.lastIndex = end + 1;
      const keys = open[open.length - 1];
      if (keys === null || keys === undefined || !isKey(text, end + 1)) continue;
      const raw = text.slice(at + 1, end);
      const key = raw.includes("\\") ? (JSON.parse(text.slice(at, end + 1)) as string) : raw;
      if (Array.isArray(keys) ? keys.includes(key) : keys.has(key)) return { key, line: lineAt(text, at) };
      if (!Array.isArray(keys)) keys.add(key);
      else if (keys.length < LIST_LIMIT) keys.push(key);
      else open[open.length - 1] = new Set([...keys, key]);
    }
  }
  return undefined;
}

/** The position of the quote that closes a string whose text starts at `from`. */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  for (;;) {
    // Only valid JSON is read here; an unclosed string ends the text rather than the scan looping.
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === "\\") backslashes++;
    // An even run of backslashes escapes itself, not the quote.
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
}

/** Whether the string ending before `from` is a key: a colon comes next, after any white space. */
function isKey(text: string, from: number): boolean {
  let at = from;
  while (text[at] === " " || text[at] === "\t" || text[at] === "\n" || text[at] === "\r") at++;
  return text[at] === ":";
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at >= 0 && at < position; at = text.indexOf("\n", at + 1)) line++;
  return line;
}
