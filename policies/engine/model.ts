import { parseExpression, parseTemplate } from "../language/parse";
import type { ScopeTraversal } from "../language/syntax";
import type { InputKind, PlanAction } from "./types";

/**
 * The engine's view of one stack: plain Terraform JSON (CDKTF's cdk.tf.json) or a `terraform show -json`
 * plan, read into the same shape in one pass, without copying resource bodies.
 */

/** Input that is neither Terraform JSON nor a plan, or has a block of the wrong type. */
export class InputError extends Error {}

/** A value the input itself says is not known before apply (a plan's `after_unknown`, a provider reference). */
export class Unresolvable {
  constructor(readonly reason: string) {}
}

export type JsonObject = Record<string, unknown>;

export interface ProviderConfig {
  /** `alicloud` or `alicloud.dr`. */
  readonly key: string;
  readonly name: string;
  readonly body: JsonObject;
  /** False when a resource uses a configuration the input never declares. */
  readonly declared: boolean;
}

export interface ResourceBlock {
  /** `alicloud_oss_bucket.logs` or `data.alicloud_zones.available`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** The provider the type belongs to (`alicloud` for `alicloud_oss_bucket`), whichever configuration it uses. */
  readonly typeProvider: string;
  /** Provider configuration key: `alicloud`, `alicloud.dr`, `random`. */
  readonly providerKey: string;
  readonly body: JsonObject;
  /** For a plan: the `after_unknown` tree, whose `true` leaves are known only after apply. */
  readonly unknown?: unknown;
  readonly action?: PlanAction;
  readonly constructPath?: string;
}

export interface BackendBlock {
  /** `terraform.backend.oss`, `terraform.cloud` or `data.terraform_remote_state.x`. */
  readonly address: string;
  readonly type: string;
  readonly config: JsonObject;
}

export interface StackModel {
  readonly name: string;
  readonly file: string;
  readonly kind: InputKind;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  readonly resources: readonly ResourceBlock[];
  readonly variables: JsonObject;
  readonly locals: JsonObject;
  readonly outputs: JsonObject;
  readonly backends: readonly BackendBlock[];
  /** Module calls (`module.<name>`), whose resources synthesized JSON does not show. */
  readonly modules: readonly string[];
  /** Values bound to root variables by tfvars files and --var-file, in Terraform's precedence, with their file. */
  readonly variableValues?: ReadonlyMap<string, { readonly value: unknown; readonly file: string }>;
  /** For a local module expanded into its own model: where it is called from and with which arguments. */
  readonly module?: {
    readonly path: string /* "module.vpc" or "module.a.module.b" */;
    readonly parent: StackModel;
    readonly arguments: JsonObject /* the call's body */;
  };
  /** The local modules this one calls, expanded (each with `module` set); remote calls stay in `modules`. */
  readonly children?: readonly StackModel[];
}

const TERRAFORM_JSON_KEYS: ReadonlySet<string> = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "variable",
  "locals",
  "output",
  "module",
  "moved",
  "import",
  "check",
  "removed",
]);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON object's own property: never one inherited from Object.prototype (`__proto__`, `constructor`). */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function objectAt(value: unknown, what: string): JsonObject {
  if (value === undefined) return {};
  if (!isObject(value)) throw new InputError(`${what} must be a JSON object, not ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : `a ${typeof value}`;
}

/** The provider name a resource type belongs to: the part before the first underscore. */
export function providerOfType(type: string): string {
  const underscore = type.indexOf("_");
  return underscore < 0 ? type : type.slice(0, underscore);
}

/** Reads a parsed JSON document as Terraform JSON or a plan (detected by shape); throws InputError otherwise. */
export function readStack(document: unknown, file: string, fallbackName: string): StackModel {
  if (!isObject(document)) throw new InputError(`expected a JSON object, found ${describe(document)}`);
  if (
    typeof document.format_version === "string" &&
    ("planned_values" in document || "resource_changes" in document)
  ) {
    return readPlan(document, file, fallbackName);
  }
  const keys = Object.keys(document);
  const unknown = keys.filter((key) => !TERRAFORM_JSON_KEYS.has(key));
  if (keys.length === 0 || unknown.length > 0) {
    throw new InputError(
      `neither Terraform JSON nor a terraform show -json plan${unknown.length > 0 ? ` (unexpected top-level key "${unknown[0]}")` : " (empty object)"}`,
    );
  }
  return readTerraformJson(document, file, fallbackName);
}

function readTerraformJson(document: JsonObject, file: string, fallbackName: string): StackModel {
  const metadata = objectAt(objectAt(document["//"], '"//"').metadata, '"//".metadata');
  const name = typeof metadata.stackName === "string" ? metadata.stackName : fallbackName;
  const providers = new Map<string, ProviderConfig>();
  for (const [providerName, configs] of Object.entries(objectAt(document.provider, '"provider"'))) {
    for (const body of Array.isArray(configs) ? configs : [configs]) {
      const config = objectAt(body, `provider "${providerName}"`);
      const key = typeof config.alias === "string" ? `${providerName}.${config.alias}` : providerName;
      providers.set(key, { key, name: providerName, body: config, declared: true });
    }
  }
  const resources: ResourceBlock[] = [];
  collectBlocks(document.resource, "managed", resources);
  collectBlocks(document.data, "data", resources);
  const terraform = objectAt(document.terraform, '"terraform"');
  const backends: BackendBlock[] = [];
  for (const [type, config] of Object.entries(objectAt(terraform.backend, '"terraform.backend"'))) {
    backends.push({
      address: `terraform.backend.${type}`,
      type,
      config: objectAt(config, `terraform.backend.${type}`),
    });
  }
  if (terraform.cloud !== undefined) {
    backends.push({
      address: "terraform.cloud",
      type: "cloud",
      config: objectAt(terraform.cloud, "terraform.cloud"),
    });
  }
  for (const resource of resources) {
    if (resource.type !== "terraform_remote_state" || resource.mode !== "data") continue;
    const type = typeof resource.body.backend === "string" ? resource.body.backend : "local";
    backends.push({
      address: resource.address,
      type,
      config: objectAt(resource.body.config, `${resource.address}.config`),
    });
  }
  return finish({
    name,
    file,
    kind: "cdktf",
    providers,
    resources,
    variables: objectAt(document.variable, '"variable"'),
    locals: mergeLocals(document.locals),
    outputs: objectAt(document.output, '"output"'),
    backends,
    modules: Object.keys(objectAt(document.module, '"module"')).map((name) => `module.${name}`),
  });
}

function mergeLocals(locals: unknown): JsonObject {
  if (!Array.isArray(locals)) return objectAt(locals, '"locals"');
  return Object.assign({}, ...locals.map((block) => objectAt(block, '"locals"')));
}

function collectBlocks(section: unknown, mode: "managed" | "data", into: ResourceBlock[]): void {
  const label = mode === "managed" ? '"resource"' : '"data"';
  const blocksByType = objectAt(section, label);
  // for...in over plain JSON objects: no entry arrays allocated per resource.
  for (const type in blocksByType) {
    const byName = objectAt(blocksByType[type], `${label} "${type}"`);
    const typeProvider = providerOfType(type);
    for (const name in byName) {
      const value = byName[name];
      // The description is built only for the error, not for each of 10,000 valid resources.
      const body = isObject(value) ? value : objectAt(value, `${label} "${type}" "${name}"`);
      const providerKey = typeof body.provider === "string" ? providerKeyOf(body.provider) : typeProvider;
      const meta = isObject(body["//"]) && isObject(body["//"].metadata) ? body["//"].metadata : {};
      into.push({
        address: mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`,
        mode,
        type,
        name,
        typeProvider,
        providerKey,
        body,
        constructPath: typeof meta.path === "string" ? meta.path : undefined,
      });
    }
  }
}

/** A reference as Terraform JSON writes it: bare (`alicloud.dr`) or as the template `${alicloud.dr}`. */
function traversalOf(text: string): ScopeTraversal | undefined {
  const template = parseTemplate(text);
  const parsed = template.ok && template.expression.kind === "string" ? parseExpression(text) : template;
  return parsed.ok && parsed.expression.kind === "traversal" ? parsed.expression : undefined;
}

const providerKeys = new Map<string, string>();

/**
 * The provider configuration key a `provider` meta-argument names (`alicloud.dr`); text that is no such
 * reference is kept as written, so it names a configuration that is never declared and is refused.
 */
function providerKeyOf(reference: string): string {
  let key = providerKeys.get(reference);
  if (key === undefined) {
    const traversal = traversalOf(reference);
    const [alias, ...rest] = traversal?.steps ?? [];
    key =
      traversal === undefined || rest.length > 0 || (alias !== undefined && alias.kind !== "attr")
        ? reference
        : alias === undefined
          ? traversal.root
          : `${traversal.root}.${alias.name}`;
    providerKeys.set(reference, key);
  }
  return key;
}

/** A configuration that a resource names but the input never declares: it sets no region. */
function undeclaredProvider(key: string): ProviderConfig {
  return { key, name: key.split(".")[0] ?? key, body: {}, declared: false };
}

/** Adds the provider configurations resources use without declaring them, so the provider rules see them. */
function finish(model: StackModel): StackModel {
  const providers = new Map(model.providers);
  for (const resource of model.resources) {
    if (!providers.has(resource.providerKey))
      providers.set(resource.providerKey, undeclaredProvider(resource.providerKey));
  }
  return { ...model, providers };
}

/** The provider configuration a resource uses, declared or not. */
export function providerConfigOf(stack: StackModel, resource: ResourceBlock): ProviderConfig {
  return stack.providers.get(resource.providerKey) ?? undeclaredProvider(resource.providerKey);
}

const PLAN_ACTIONS: ReadonlyMap<string, PlanAction> = new Map([
  ["create", "create"],
  ["update", "update"],
  ["delete", "delete"],
  ["read", "read"],
  ["no-op", "no-op"],
  ["delete,create", "replace"],
  ["create,delete", "replace"],
]);

interface PlanResourceConfig {
  readonly providerKey: string;
}

function readPlan(document: JsonObject, file: string, fallbackName: string): StackModel {
  const configuration = objectAt(document.configuration, '"configuration"');
  const variables = objectAt(document.variables, '"variables"');
  const providers = new Map<string, ProviderConfig>();
  for (const [key, value] of Object.entries(
    objectAt(configuration.provider_config, "configuration.provider_config"),
  )) {
    const config = objectAt(value, `configuration.provider_config "${key}"`);
    const name = typeof config.name === "string" ? config.name : key;
    // A provider declared in a module reads that module's variables, which the plan does not record.
    const scope = config.module_address === undefined ? variables : {};
    const body: JsonObject = {};
    for (const [attribute, expression] of Object.entries(
      objectAt(config.expressions, `provider "${key}" expressions`),
    )) {
      body[attribute] = planExpressionValue(expression, scope);
    }
    providers.set(key, { key, name, body, declared: true });
  }
  const configs = new Map<string, PlanResourceConfig>();
  collectPlanConfigs(objectAt(configuration.root_module, "configuration.root_module"), "", configs);
  const resources: ResourceBlock[] = [];
  const changes = document.resource_changes;
  if (changes !== undefined && !Array.isArray(changes))
    throw new InputError(`"resource_changes" must be an array`);
  for (const value of changes ?? []) {
    const change = objectAt(value, "a resource change");
    const details = objectAt(change.change, `${String(change.address)} change`);
    const actions = Array.isArray(details.actions) ? details.actions.join(",") : "";
    const action = PLAN_ACTIONS.get(actions);
    if (action === "delete") continue;
    resources.push(planResource(change, configs, details.after, details.after_unknown, action));
  }
  return finish({
    name: fallbackName,
    file,
    kind: "plan",
    providers,
    resources,
    variables: {},
    locals: {},
    outputs: {},
    backends: [],
    modules: [],
  });
}

function planResource(
  change: JsonObject,
  configs: ReadonlyMap<string, PlanResourceConfig>,
  after: unknown,
  afterUnknown: unknown,
  action: PlanAction | undefined,
): ResourceBlock {
  const address = String(change.address);
  const type = String(change.type);
  const mode = change.mode === "data" ? "data" : "managed";
  const configAddress = withoutInstanceKeys(address);
  const typeProvider = providerOfType(type);
  const providerKey = configs.get(configAddress)?.providerKey ?? typeProvider;
  return {
    address,
    mode,
    type,
    name: String(change.name),
    typeProvider,
    providerKey,
    body: isObject(after) ? after : {},
    unknown: afterUnknown,
    action,
  };
}

/** `module.a[0].alicloud_x.y["k"]` without its instance keys: the address of its configuration. */
function withoutInstanceKeys(address: string): string {
  const traversal = traversalOf(address);
  if (traversal === undefined) return address;
  let configAddress = traversal.root;
  for (const step of traversal.steps) if (step.kind === "attr") configAddress += `.${step.name}`;
  return configAddress;
}

function collectPlanConfigs(module: JsonObject, prefix: string, into: Map<string, PlanResourceConfig>): void {
  const resources = module.resources;
  for (const value of Array.isArray(resources) ? resources : []) {
    const resource = objectAt(value, "a configuration resource");
    if (typeof resource.address === "string" && typeof resource.provider_config_key === "string") {
      // The key of configuration.provider_config: `alicloud.dr`, or `module.dr:alicloud` for a module's own provider.
      into.set(prefix + resource.address, { providerKey: resource.provider_config_key });
    }
  }
  for (const [name, call] of Object.entries(objectAt(module.module_calls, "module_calls"))) {
    const nested = objectAt(call, `module "${name}"`).module;
    collectPlanConfigs(objectAt(nested, `module "${name}"`), `${prefix}module.${name}.`, into);
  }
}

/** A provider expression from a plan's configuration: a constant, a variable's planned value, or unresolvable. */
function planExpressionValue(expression: unknown, variables: JsonObject): unknown {
  if (!isObject(expression)) return new Unresolvable("the plan records no value for it");
  if ("constant_value" in expression) return expression.constant_value;
  const references = Array.isArray(expression.references) ? expression.references : [];
  const only =
    references.length === 1 && typeof references[0] === "string" ? traversalOf(references[0]) : undefined;
  const [name, ...rest] = only?.root === "var" ? only.steps : [];
  const planned = name?.kind === "attr" && rest.length === 0 ? own(variables, name.name) : undefined;
  if (isObject(planned) && "value" in planned) return planned.value;
  return new Unresolvable(`the plan records it as an expression (${references.join(", ") || "computed"})`);
}
