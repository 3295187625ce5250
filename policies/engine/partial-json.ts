import { PartialText, Unknown } from "../language/value";

/**
 * A text known only in part (a policy document around references) read as JSON: each unknown part stands for
 * a marker inside the document's strings, so that a rule can tell which part is where. Read once per check for
 * every rule that reads the document (the value scan and SEC-DATA-CLASS-BUCKET-POLICY read every policy).
 */
export interface PartialJson {
  readonly document: unknown;
  /** The unknown parts, by the number of their marker, in the order of the text. */
  readonly unknowns: readonly Unknown[];
}

/** The character that opens and closes each marker. */
const MARKER_CHARACTER = "\u0001";

/** The start of every marker, as JSON.parse gives it back inside a string. */
export const MARKER_START = `${MARKER_CHARACTER}ref`;

/** The marker of the unknown part `index`, as JSON.parse gives it back inside a string. */
export function markerOf(index: number): string {
  return `${MARKER_START}${index}${MARKER_CHARACTER}`;
}

/** The marker as it is written into the text: JSON escapes, so that it parses inside a string only. */
function writtenMarker(index: number): string {
  return `\\u0001ref${index}\\u0001`;
}

/** A string of the document as it reads with `placeholder` for each whole marker, and how many it replaced. */
interface WithPlaceholders {
  readonly text: string;
  readonly markers: number;
}

/**
 * Undefined for a string with no marker (nearly all of them): nothing is allocated for it. A marker split by a
 * backslash before it in the known text (its first character escaped away) is no whole marker.
 */
export function withPlaceholders(text: string, placeholder: string): WithPlaceholders | undefined {
  if (!text.includes(MARKER_CHARACTER)) return undefined;
  let markers = 0;
  let replaced = "";
  let copied = 0;
  let start = text.indexOf(MARKER_START);
  while (start >= 0) {
    let end = start + MARKER_START.length;
    while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
    const whole = end > start + MARKER_START.length && text[end] === MARKER_CHARACTER;
    if (whole) {
      replaced += text.slice(copied, start) + placeholder;
      copied = end + 1;
      markers++;
    }
    start = text.indexOf(MARKER_START, whole ? copied : start + 1);
  }
  return { text: replaced + text.slice(copied), markers };
}

/** Literal text that could pass for a marker, written or parsed: a document holding it is not read. */
export function holdsMarkerCharacter(text: string): boolean {
  return text.includes("\\u0001") || text.includes(MARKER_CHARACTER);
}

/**
 * The document of a partly known text, or undefined when its known text could pass for a marker or the text
 * with its markers is no JSON.
 */
export function readPartialJson(text: PartialText): PartialJson | undefined {
  const unknowns: Unknown[] = [];
  let written = "";
  for (const part of text.parts) {
    if (typeof part === "string") {
      if (holdsMarkerCharacter(part)) return undefined;
      written += part;
    } else {
      written += writtenMarker(unknowns.length);
      unknowns.push(part);
    }
  }
  try {
    return { document: JSON.parse(written) as unknown, unknowns };
  } catch {
    return undefined;
  }
}
