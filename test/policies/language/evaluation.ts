import { applySteps, evaluate, type Scope } from "../../../policies/language/evaluate";
import { parseExpression, parseTemplate } from "../../../policies/language/parse";
import { Unknown, type Value } from "../../../policies/language/value";
import { ORACLE_LOCALS } from "./terraform-oracle";

/** Resolves `local.NAME` from the oracle's locals; any other name is unknown, with its origin. */
export const oracleScope: Scope = {
  traverse(root, steps) {
    const [first, ...rest] = steps;
    if (root === "local" && first?.kind === "attr" && Object.hasOwn(ORACLE_LOCALS, first.name)) {
      return applySteps(ORACLE_LOCALS[first.name] as Value, rest, `local.${first.name}`);
    }
    return new Unknown(`${root} is known only after apply`, { root, steps });
  },
};

/** The guard's value of an HCL expression (the text must parse). */
export function valueOf(text: string, scope: Scope = oracleScope): Value {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluate(parsed.expression, scope);
}

/** The guard's value of a Terraform JSON string, a template (the text must parse). */
export function valueOfTemplate(text: string, scope: Scope = oracleScope): Value {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluate(parsed.expression, scope);
}

/** The Unknown the guard gives where Terraform stops with an error. */
export function terraformError(message: string): Unknown {
  return new Unknown(`Terraform reports an error: ${message}`);
}
