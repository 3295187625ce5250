import {
  derivedUnknown,
  EvaluationError,
  exactResult,
  fail,
  numberFromText,
  sameType,
  toBool,
  toNumber,
  toText,
  unknownIn,
} from "./convert";
import { callFunction, isFunction } from "./functions";
import type { BinaryOperator, Expression, ObjectItem, TemplatePart, TraversalStep } from "./syntax";
import {
  isAscii,
  isSet,
  isUnknown,
  isValueObject,
  LazyObject,
  normalText,
  objectOf,
  PartialText,
  textOfPieces,
  sortedKeys,
  Unknown,
  type Value,
} from "./value";

/** One step of a static traversal, as the scope receives it. */
export type Step = { kind: "attr"; name: string } | { kind: "index"; key: Value };

/**
 * Where names come from. The scope gets a whole static traversal (`alicloud_vswitch.x[0].zone_id` is root
 * `alicloud_vswitch`, steps attr x, index 0, attr zone_id), so it can resolve lazily; `count.index`,
 * `each.key`, `path.module` and the like arrive the same way. It may return an Unknown.
 */
export interface Scope {
  traverse(root: string, steps: readonly Step[]): Value;
}

/**
 * The most work one evaluation may do, counted in iterations of `for` expressions and directives, elements of
 * splats and of functions' results, and 64-character units of text they return: far beyond what any real
 * configuration needs, and reached in about a second, where an expression built to multiply (three nested
 * `for` over `range(1000)`) would run for hours or exhaust memory.
 */
export const MAX_WORK = 1_000_000;
export const WORK_EXCEEDED = `the expression computes more than 1,000,000 values; it multiplies without end, and this check does not follow it (write the values it needs as literals or smaller locals)`;

/** Past MAX_WORK: no error of Terraform's, so that try() and can() do not catch it. */
class WorkExceeded extends Error {}

/**
 * Work done since the outermost evaluation began. An evaluation reaches others through its scope (a local's
 * value, evaluated in turn): the bound holds for all of them together, not for each.
 */
let work = 0;
let evaluations = 0;

function spend(units: number): void {
  work += units;
  if (work > MAX_WORK) throw new WorkExceeded(WORK_EXCEEDED);
}

/** The work a function's result stands for: its elements, or its text in 64-character units. */
function sizeOf(value: Value): number {
  if (typeof value === "string") return 1 + (value.length >> 6);
  if (Array.isArray(value)) return 1 + value.length;
  if (isValueObject(value)) return 1 + Object.keys(value).length;
  return 1;
}

/** The value Terraform computes for the expression, or an Unknown saying why it cannot be known here. */
export function evaluate(expression: Expression, scope: Scope): Value {
  if (evaluations === 0) work = 0;
  evaluations++;
  try {
    return new Evaluator(scope).value(expression, EMPTY);
  } catch (error) {
    if (error instanceof EvaluationError) return new Unknown(`Terraform reports an error: ${error.message}`);
    if (error instanceof WorkExceeded) return new Unknown(WORK_EXCEEDED);
    throw error;
  } finally {
    evaluations--;
  }
}

/** The variables of enclosing `for` expressions and the element of an enclosing splat. */
type Locals = ReadonlyMap<string, Value>;
const EMPTY: Locals = new Map();
/** Not an identifier, so no variable can shadow it. */
const SPLAT_ITEM = "*";

class Evaluator {
  constructor(private readonly scope: Scope) {}

  value(expression: Expression, locals: Locals): Value {
    switch (expression.kind) {
      case "number":
        return numberFromText(expression.text);
      case "string":
        return normalText(expression.value);
      case "bool":
        return expression.value;
      case "null":
        return null;
      case "traversal": {
        const local = locals.get(expression.root);
        if (local !== undefined) return applySteps(local, expression.steps.map(scopeStep), expression.root);
        return this.scope.traverse(expression.root, expression.steps.map(scopeStep));
      }
      case "relative":
        return applySteps(
          this.value(expression.source, locals),
          expression.steps.map(scopeStep),
          "the value",
        );
      case "index":
        return index(this.value(expression.collection, locals), this.value(expression.key, locals));
      case "splat":
        return this.splat(expression.source, expression.each, locals);
      case "splatItem":
        return locals.get(SPLAT_ITEM) ?? fail("a splat item outside a splat");
      case "call":
        return this.call(expression.name, expression.args, expression.expandFinal, locals);
      case "conditional":
        return this.conditional(expression.condition, expression.whenTrue, expression.whenFalse, locals);
      case "unary":
        return unary(expression.operator, this.value(expression.operand, locals));
      case "binary":
        return this.binary(expression.operator, expression.left, expression.right, locals);
      case "parentheses":
        return this.value(expression.expression, locals);
      case "tuple":
        return expression.elements.map((element) => this.value(element, locals));
      case "object":
        return this.object(expression.items, locals);
      case "for":
        return this.forExpression(expression, locals);
      case "template":
        return this.template(expression.parts, locals);
    }
  }

  private splat(sourceExpression: Expression, each: Expression, locals: Locals): Value {
    const source = this.value(sourceExpression, locals);
    if (source === null) return [];
    if (isUnknown(source)) return derivedUnknown(source, "a splat over an unknown value");
    // A splat over a single value treats it as a one-element list, as Terraform does.
    const elements = Array.isArray(source) ? source : [source];
    spend(elements.length);
    return elements.map((element) => this.value(each, new Map(locals).set(SPLAT_ITEM, element)));
  }

  private call(
    name: string,
    argExpressions: readonly Expression[],
    expandFinal: boolean,
    locals: Locals,
  ): Value {
    if (name === "try" || name === "can") return this.tryOrCan(name, argExpressions, locals);
    const args = argExpressions.map((arg) => this.value(arg, locals));
    if (expandFinal) {
      const final = args.pop();
      if (final === undefined) fail(`${name}(...) expands no argument`);
      if (isUnknown(final)) return derivedUnknown(final, `${name}(...)`);
      if (!Array.isArray(final)) fail(`the final argument of ${name}(...) must be a list, not expandable`);
      args.push(...final);
    }
    const result = callFunction(name, args);
    spend(sizeOf(result));
    return result;
  }

  /** try() and can() see errors of their arguments, which every other function propagates. */
  private tryOrCan(name: "try" | "can", args: readonly Expression[], locals: Locals): Value {
    if (name === "can" && args.length !== 1) fail(`can() takes exactly one argument, not ${args.length}`);
    if (args.length === 0) fail("try() needs at least one argument");
    for (const arg of args) {
      let value: Value;
      try {
        value = this.value(arg, locals);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        // Terraform checks function names and references before it evaluates, and try() cannot catch that.
        const unchecked = this.uncheckedName(arg, locals);
        if (unchecked !== undefined) return new Unknown(`${name}() of an argument with ${unchecked}`);
        if (name === "can") return false;
        continue;
      }
      const unknown = unknownIn(value);
      // An unknown value may still fail once known, so the choice cannot be made before apply.
      if (unknown !== undefined) return derivedUnknown(unknown, `${name}() of an unknown value`);
      return name === "can" ? true : value;
    }
    return fail("no argument of try() could be evaluated without an error");
  }

  /** A function or reference in the expression that Terraform may refuse before evaluating: try() cannot catch it. */
  private uncheckedName(expression: Expression, locals: Locals): string | undefined {
    const bound = new Set(locals.keys());
    let found: string | undefined;
    const visit = (node: unknown): void => {
      if (found !== undefined || typeof node !== "object" || node === null) return;
      // A bare object key is a name, not a reference.
      if ((node as Partial<ObjectItem>).bareKey === true) return visit((node as ObjectItem).value);
      const expression = node as Expression;
      if (expression.kind === "call" && !isFunction(expression.name))
        found = `the function ${expression.name}()`;
      else if (expression.kind === "for") {
        // A loop's variables are not references (template for directives have the same fields).
        if (expression.keyVariable !== undefined) bound.add(expression.keyVariable);
        bound.add(expression.valueVariable);
      } else if (
        expression.kind === "traversal" &&
        !bound.has(expression.root) &&
        !this.resolves(expression)
      ) {
        found = `the reference ${expression.root}`;
      }
      Object.values(node).forEach(visit);
    };
    visit(expression);
    return found;
  }

  /** Whether a reference resolves to a known value (an error past its start is Terraform's dynamic error). */
  private resolves(traversal: Extract<Expression, { kind: "traversal" }>): boolean {
    try {
      return !isUnknown(this.scope.traverse(traversal.root, traversal.steps.map(scopeStep)));
    } catch (error) {
      if (error instanceof EvaluationError) return true;
      throw error;
    }
  }

  private conditional(
    conditionExpression: Expression,
    whenTrue: Expression,
    whenFalse: Expression,
    locals: Locals,
  ): Value {
    const condition = toBool(this.value(conditionExpression, locals), "the condition");
    if (condition instanceof Unknown) return condition;
    const chosen = this.value(condition ? whenTrue : whenFalse, locals);
    const otherExpression = condition ? whenFalse : whenTrue;
    let other: Value;
    try {
      other = this.value(otherExpression, locals);
    } catch (error) {
      // Terraform reports only the chosen result's errors; the other then has no type to convert to.
      if (error instanceof EvaluationError) return chosen;
      throw error;
    }
    // A null other than the literal has a type (a variable's, tostring(null)), which values here do not
    // carry: a string's makes numbers and bools beside it text (`true ? 1 : tostring(null)` is "1").
    if (otherExpression.kind !== "null" && sameType(chosen, other) && primitiveBesideNull(chosen, other))
      return new Unknown(
        "the conditional's other result holds a null whose type, not known here, may convert this one",
      );
    return unifyConditional(chosen, other, condition);
  }

  private binary(
    operator: BinaryOperator,
    leftExpression: Expression,
    rightExpression: Expression,
    locals: Locals,
  ): Value {
    if (operator === "&&" || operator === "||") {
      // Terraform may short-circuit an error on one side; that outcome is not decided here.
      let left: Value;
      let right: Value;
      try {
        left = this.value(leftExpression, locals);
        right = this.value(rightExpression, locals);
      } catch (error) {
        if (error instanceof EvaluationError)
          return new Unknown(`${operator} over an operand with an error: ${error.message}`);
        throw error;
      }
      return logical(operator, left, right);
    }
    return binary(operator, this.value(leftExpression, locals), this.value(rightExpression, locals));
  }

  private object(
    items: readonly { key: Expression; bareKey: boolean; value: Expression }[],
    locals: Locals,
  ): Value {
    const entries: [string, Value][] = [];
    let unknownKey: Unknown | PartialText | undefined;
    for (const item of items) {
      const key = item.bareKey ? keywordOf(item.key) : this.objectKey(item.key, locals);
      const value = this.value(item.value, locals);
      if (isUnknown(key)) unknownKey ??= key;
      else entries.push([key, value]);
    }
    if (unknownKey !== undefined) return derivedUnknown(unknownKey, "an object with an unknown key");
    return objectOf(entries);
  }

  private objectKey(key: Expression, locals: Locals): string | Unknown | PartialText {
    // HCL cannot tell a reference from a name with periods here, so it takes neither.
    if (key.kind === "traversal")
      fail(
        "Ambiguous attribute key: wrap a reference in parentheses, or a name containing periods in quotes",
      );
    return toText(this.value(key, locals), "an object key");
  }

  private forExpression(expression: Extract<Expression, { kind: "for" }>, locals: Locals): Value {
    const collection = this.value(expression.collection, locals);
    const iterations = iterate(collection);
    if (iterations instanceof Unknown) return iterations;
    const tuple: Value[] = [];
    const groups = new Map<string, Value[]>();
    const entries = new Map<string, Value>();
    for (const [key, element] of iterations) {
      spend(1);
      const scope = new Map(locals);
      if (expression.keyVariable !== undefined) scope.set(expression.keyVariable, key);
      scope.set(expression.valueVariable, element);
      if (expression.condition !== undefined) {
        const include = toBool(this.value(expression.condition, scope), "the condition of a for expression");
        if (include instanceof Unknown) return include;
        if (!include) continue;
      }
      if (expression.keyExpression === undefined) {
        tuple.push(this.value(expression.valueExpression, scope));
        continue;
      }
      const resultKey = toText(this.value(expression.keyExpression, scope), "a key of a for expression");
      if (isUnknown(resultKey)) return derivedUnknown(resultKey, "a for expression with an unknown key");
      const value = this.value(expression.valueExpression, scope);
      if (expression.grouping) groups.set(resultKey, [...(groups.get(resultKey) ?? []), value]);
      else if (entries.has(resultKey))
        fail(`the for expression produces the key "${resultKey}" twice (use ... to group)`);
      else entries.set(resultKey, value);
    }
    if (expression.keyExpression === undefined) return tuple;
    return objectOf(expression.grouping ? groups : entries);
  }

  private template(parts: readonly TemplatePart[], locals: Locals): Value {
    const pieces: (string | Unknown)[] = [];
    this.render(parts, locals, pieces);
    // Known text is kept between the unknown parts, each unknown with its origin.
    return textOfPieces(pieces);
  }

  private render(parts: readonly TemplatePart[], locals: Locals, into: (string | Unknown)[]): void {
    for (const part of parts) {
      // The rendered text is made NFC as a whole (textOfPieces).
      if (part.kind === "text") into.push(part.text);
      else if (part.kind === "interpolation") {
        const text = toText(this.value(part.expression, locals), "an interpolated value");
        if (text instanceof PartialText) into.push(...text.parts);
        else into.push(text);
      } else if (part.kind === "if") {
        const condition = toBool(this.value(part.condition, locals), "the condition of %{if}");
        if (condition instanceof Unknown) into.push(condition);
        else this.render(condition ? part.whenTrue : part.whenFalse, locals, into);
      } else {
        const iterations = iterate(this.value(part.collection, locals));
        if (iterations instanceof Unknown) {
          into.push(iterations);
          continue;
        }
        for (const [key, element] of iterations) {
          spend(1);
          const scope = new Map(locals);
          if (part.keyVariable !== undefined) scope.set(part.keyVariable, key);
          scope.set(part.valueVariable, element);
          this.render(part.body, scope, into);
        }
      }
    }
  }
}

/** The name a bare key stands for: `{ a = 1 }`, and also `{ true = 1 }` and `{ null = 1 }`, as HCL reads them. */
function keywordOf(key: Expression): string {
  if (key.kind === "traversal") return normalText(key.root);
  return key.kind === "bool" ? String(key.value) : "null";
}

/**
 * Applies traversal steps to a value as Terraform does; a scope uses it for the rest of a traversal once
 * it has the value of its start (`local.x`), so that errors (a missing key, an index out of range)
 * are Terraform's and try() and can() see them.
 */
export function applySteps(from: Value, steps: readonly Step[], what = "the value"): Value {
  let current = from;
  let path = what;
  for (const step of steps) {
    if (step.kind === "attr") {
      current = attribute(current, step.name, path);
      path += `.${step.name}`;
    } else {
      current = index(current, step.key);
      path += "[…]";
    }
  }
  return current;
}

/** Names and string keys are NFC, as Terraform's are: `.e\u0301` finds the attribute "\u00e9". */
function scopeStep(step: TraversalStep): Step {
  if (step.kind === "attr") {
    const name = normalText(step.name);
    return name === step.name ? step : { kind: "attr", name };
  }
  return {
    kind: "index",
    key: typeof step.key === "string" ? normalText(step.key) : numberFromText(step.key.text),
  };
}

/** `.name` on a value: an object's attribute; anything else is an error. */
function attribute(from: Value, name: string, path: string): Value {
  if (from instanceof LazyObject) return from.attribute(name);
  if (from instanceof Unknown) return from;
  if (from instanceof PartialText) return fail(`${path} is a string, which has no attribute "${name}"`);
  if (from === null) fail(`${path} is null, which has no attribute "${name}"`);
  if (isValueObject(from)) {
    if (Object.hasOwn(from, name)) return from[name];
    return fail(`${path} has no attribute "${name}"`);
  }
  return fail(
    `${path} is ${Array.isArray(from) ? "a list" : `a ${typeof from}`}, which has no attribute "${name}"`,
  );
}

/** `[key]` on a value: a list's element by number or an object's by string, converted as Terraform does. */
function index(from: Value, key: Value): Value {
  if (from instanceof Unknown && !(from instanceof LazyObject)) return from;
  if (isUnknown(key)) return derivedUnknown(key, "an unknown index");
  // An object's attribute by its name as a string key (`x[0]["zone_id"]`), as Terraform reads it.
  if (from instanceof LazyObject)
    return typeof key === "string" ? from.attribute(key) : new Unknown(from.reason);
  if (key === null) fail("an index is null");
  if (from === null) fail("cannot index a null value");
  if (Array.isArray(from)) {
    if (isSet(from)) fail("a set's elements cannot be indexed; convert it with tolist()");
    const position = toNumber(key, "a list index");
    if (position instanceof Unknown) return position;
    if (!Number.isInteger(position) || position < 0)
      fail(`the list index ${position} is not a whole number ≥ 0`);
    if (position >= from.length)
      fail(`the list index ${position} is out of range (the list has ${from.length} elements)`);
    return from[position];
  }
  if (isValueObject(from)) {
    const name = toText(key, "an object key");
    if (isUnknown(name)) return derivedUnknown(name, "an unknown index");
    if (Object.hasOwn(from, name)) return from[name];
    return fail(`the object has no element "${name}"`);
  }
  return fail(`cannot index ${from instanceof PartialText ? "a string" : `a ${typeof from}`}`);
}

/** The (key, value) pairs a `for` visits: list index order, object keys sorted, a set's element as key. */
function iterate(collection: Value): [Value, Value][] | Unknown {
  if (isUnknown(collection)) return derivedUnknown(collection, "a for over an unknown value");
  if (collection === null) fail("a for expression iterates over null");
  if (Array.isArray(collection)) {
    const set = isSet(collection);
    return collection.map((element, i) => [set ? element : i, element]);
  }
  if (isValueObject(collection)) return sortedKeys(collection).map((key) => [key, collection[key]]);
  return fail(`a for expression cannot iterate over a ${typeof collection}`);
}

/**
 * The chosen result of a conditional, converted to the type both results share as Terraform does: a
 * string beside a number or bool makes both strings; a number and a bool have no common type; two tuples
 * unify as unifiedTuple says; other differing types are not unified here.
 */
function unifyConditional(chosen: Value, other: Value, chosenIsTrue: boolean): Value {
  // Whatever the types, Terraform's result is then not known before apply: the chosen unknown says why.
  if (chosen instanceof Unknown) return chosen;
  // sameType lets null fit any type, and an unknown fit text.
  if (sameType(chosen, other)) return chosen;
  const kinds = new Set([typeof chosen, typeof other]);
  if (kinds.has("number") && kinds.has("boolean")) {
    const [whenTrue, whenFalse] = chosenIsTrue ? [chosen, other] : [other, chosen];
    fail(
      `Inconsistent conditional result types: the 'true' value is ${typeName(whenTrue)}, but the 'false' value is ${typeName(whenFalse)}`,
    );
  }
  const chosenText = typeof chosen === "string" || chosen instanceof PartialText;
  if (chosenText && typeof other !== "object") return chosen;
  if (typeof other === "string" || other instanceof PartialText) {
    if (typeof chosen === "number" || typeof chosen === "boolean")
      return toText(chosen, "a conditional result");
  }
  // `length(var.a) > 0 ? var.a : var.b`: two tuples, which Terraform unifies (sets and lists are not tuples).
  if (Array.isArray(chosen) && Array.isArray(other) && !isSet(chosen) && !isSet(other)) {
    const unified = unifiedTuple(chosen, other);
    if (unified !== undefined) return unified;
  }
  return new Unknown(
    "the results of the conditional have different types, which Terraform converts or refuses",
  );
}

/**
 * The chosen tuple converted as Terraform unifies it with the other: of one length, element by element; of
 * different lengths, into a list of one type, that of all their elements. Computed here for elements of one
 * type, and for primitives (text if any is text); undefined for the rest: nested collections of different
 * types, an unknown element (its type could convert the others), a null (its type is not known here), a
 * number beside a bool (Terraform's error).
 */
function unifiedTuple(chosen: readonly Value[], other: readonly Value[]): Value[] | undefined {
  const elements: Value[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const element = chosen[i] as Value;
    const others = chosen.length === other.length ? [other[i] as Value] : [...chosen, ...other];
    const unified = others.every((candidate) => sameType(element, candidate) && candidate !== null)
      ? element
      : unifiedPrimitive(element, others);
    if (unified === undefined) return undefined;
    elements.push(unified);
  }
  return elements;
}

/** A primitive converted to the one type it shares with others: text if any is text, else as it is. */
function unifiedPrimitive(value: Value, others: readonly Value[]): Value | undefined {
  const all = [value, ...others];
  const primitive = (candidate: Value) =>
    typeof candidate === "string" ||
    typeof candidate === "number" ||
    typeof candidate === "boolean" ||
    candidate instanceof PartialText;
  if (!all.every(primitive)) return undefined;
  // Primitives of one type passed sameType already: without text, these are a number beside a bool.
  const text = all.some((candidate) => typeof candidate === "string" || candidate instanceof PartialText);
  if (!text) return undefined;
  return typeof value === "number" || typeof value === "boolean"
    ? toText(value, "a conditional result")
    : value;
}

/** Whether a number or bool of `chosen` meets a null of `other` (results of one shape, as sameType found). */
function primitiveBesideNull(chosen: Value, other: Value): boolean {
  if (other === null) return holdsNumberOrBool(chosen);
  if (Array.isArray(chosen) && Array.isArray(other))
    return chosen.some((element, i) => primitiveBesideNull(element, other[i]));
  if (isValueObject(chosen) && isValueObject(other))
    return Object.keys(chosen).some((key) => primitiveBesideNull(chosen[key], other[key]));
  return false;
}

function holdsNumberOrBool(value: Value): boolean {
  if (typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.some(holdsNumberOrBool);
  return isValueObject(value) && Object.values(value).some(holdsNumberOrBool);
}

function typeName(value: Value): string {
  return typeof value === "boolean" ? "bool" : typeof value;
}

function unary(operator: "-" | "!", operand: Value): Value {
  if (operator === "!") {
    const value = toBool(operand, "the operand of !");
    return value instanceof Unknown ? value : !value;
  }
  const value = toNumber(operand, "the operand of -");
  return value instanceof Unknown ? value : -value;
}

function logical(operator: "&&" | "||", leftValue: Value, rightValue: Value): Value {
  const left = toBool(leftValue, `the left operand of ${operator}`);
  const right = toBool(rightValue, `the right operand of ${operator}`);
  if (left instanceof Unknown || right instanceof Unknown) {
    return derivedUnknown(
      left instanceof Unknown ? left : (right as Unknown),
      `${operator} over an unknown value`,
    );
  }
  return operator === "&&" ? left && right : left || right;
}

function binary(operator: BinaryOperator, leftValue: Value, rightValue: Value): Value {
  if (operator === "==" || operator === "!=") {
    const equal = equals(leftValue, rightValue);
    if (equal instanceof Unknown) return equal;
    return operator === "==" ? equal : !equal;
  }
  const left = toNumber(leftValue, `the left operand of ${operator}`);
  const right = toNumber(rightValue, `the right operand of ${operator}`);
  if (left instanceof Unknown || right instanceof Unknown) {
    return derivedUnknown(
      left instanceof Unknown ? left : (right as Unknown),
      `${operator} over an unknown value`,
    );
  }
  switch (operator) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
  const operation = `${left} ${operator} ${right}`;
  if (!Number.isInteger(left) || !Number.isInteger(right)) return exactResult(NaN, operation);
  switch (operator) {
    case "+":
      return exactResult(left + right, operation);
    case "-":
      return exactResult(left - right, operation);
    case "*":
      return exactResult(left * right, operation);
    case "/":
      // Terraform divides by zero to an infinity, which no configuration value can hold.
      if (right === 0) return new Unknown(`${operation} is an infinity`);
      return exactResult(left % right === 0 ? left / right : NaN, operation);
    default:
      // Terraform's modulo truncates toward zero, as JavaScript's does; modulo zero is the dividend. A zero
      // remainder is +0 in Terraform (a - a), where JavaScript may give -0; the sign from a -0 dividend is not modelled.
      if (right === 0) return left;
      if (left === 0) return new Unknown(`the sign of ${operation} is not computed here`);
      return exactResult(left % right === 0 ? 0 : left % right, operation);
  }
}

/**
 * Whether text known in part cannot be a known string whatever its unknown parts are: it starts and ends with
 * its known text (`"acs:log:${region}:..." == ""` is false). Only ASCII known text is read, and not the last
 * character before an unknown part, which a combining mark at its start would compose with.
 */
function cannotBe(partial: Value, text: Value): boolean {
  if (!(partial instanceof PartialText) || typeof text !== "string") return false;
  const first = partial.parts[0];
  const last = partial.parts[partial.parts.length - 1];
  const prefix = typeof first === "string" && isAscii(first) ? first.slice(0, -1) : "";
  const suffix = typeof last === "string" && isAscii(last) ? last : "";
  return !text.startsWith(prefix) || !text.endsWith(suffix) || text.length < prefix.length + suffix.length;
}

/** `==` compares without conversion: values of different types are unequal. */
function equals(left: Value, right: Value): boolean | Unknown {
  if (cannotBe(left, right) || cannotBe(right, left)) return false;
  const unknown = unknownIn(left) ?? unknownIn(right);
  if (unknown !== undefined) return derivedUnknown(unknown, "== over an unknown value");
  if (left === null || right === null) return left === right;
  // A primitive equals only itself; beside a collection, the check below finds the types differ.
  if (typeof left !== "object") return left === right;
  if (typeof left !== typeof right || Array.isArray(left) !== Array.isArray(right)) return false;
  // Lists, tuples and sets (objects and maps) compare unequal across kinds, which plain values do not record.
  return new Unknown("== between collections depends on their exact types, which are not tracked here");
}
