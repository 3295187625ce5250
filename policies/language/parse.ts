import type { Expression } from "./syntax";

export type ParseResult = { ok: true; expression: Expression } | { ok: false; error: string };

/**
 * Parses a Terraform JSON string value, which is a template. A string without `${` or `%{` is one literal;
 * a template that is exactly one interpolation (`"${x}"`) is the expression x itself, as Terraform reads it.
 */
export function parseTemplate(text: string): ParseResult {
  if (!text.includes("${") && !text.includes("%{"))
    return { ok: true, expression: { kind: "string", value: text } };
  return { ok: false, error: "templates are not parsed yet" };
}

/** Parses a bare expression: an HCL attribute value or a validation condition. */
export function parseExpression(_text: string): ParseResult {
  return { ok: false, error: "expressions are not parsed yet" };
}
