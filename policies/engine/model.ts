import {
  providerKeyOf,
  providerOfType,
  readConfiguration,
  traversalOf,
  type BlockIdentity,
  type ModuleConfiguration,
} from "./configuration";
import { checkNesting, describe, InputError, isObject, objectAt, own, type JsonObject } from "./json";
import type { InputKind, PlanAction } from "./types";

/**
 * The engine's view of one stack: plain Terraform JSON (CDKTF's cdk.tf.json) or a `terraform show -json`
 * plan, read into the same shape in one pass, without copying resource bodies.
 */

export { providerOfType } from "./configuration";
export { InputError, isObject, own, type JsonObject } from "./json";

/** A value the input itself says is not known before apply (a plan's `after_unknown`, a provider reference). */
export class Unresolvable {
  constructor(readonly reason: string) {}
}

export interface ProviderConfig {
  /** `alicloud` or `alicloud.dr`. */
  readonly key: string;
  readonly name: string;
  readonly body: JsonObject;
  /** False when a resource uses a configuration the input never declares. */
  readonly declared: boolean;
}

export interface ResourceBlock extends BlockIdentity {
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
  /** Module calls (`module.<name>`) whose resources synthesized JSON does not show, with their source as written. */
  readonly modules: ReadonlyMap<string, unknown>;
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
  /** Why a call in `modules` was not expanded (a remote source, a count not known), when a loader tried. */
  readonly unexpandedModules?: ReadonlyMap<string, string>;
  /** For a module read from several files: the file that defines each block, by address (`provider.alicloud`, `module.net`...). */
  readonly blockFiles?: ReadonlyMap<string, string>;
  /**
   * For an instance of a module call with count or for_each: `count.index`, or `each.key` and `each.value` —
   * the configuration of a literal map's entry, or (`computed`) the value the call's for_each expression gave.
   */
  readonly moduleInstance?: {
    readonly key: number | string;
    readonly value?: unknown;
    readonly computed?: true;
  };
}

/** Where a local module is called from, and with which arguments (the call's whole body). */
export type ModuleCall = NonNullable<StackModel["module"]>;

/** A module expanded from a call: the call, and its instance key when the call has a count or for_each. */
export interface Expanded {
  readonly module: ModuleCall;
  readonly moduleInstance?: StackModel["moduleInstance"];
}

/** A `terraform show -json` plan, by its shape. */
export function isPlanDocument(document: unknown): document is JsonObject {
  return (
    isObject(document) &&
    typeof document.format_version === "string" &&
    ("planned_values" in document || "resource_changes" in document)
  );
}

/** Reads a parsed JSON document as Terraform JSON or a plan (detected by shape); throws InputError otherwise. */
export function readStack(document: unknown, file: string, fallbackName: string): StackModel {
  if (!isObject(document) && !Array.isArray(document))
    throw new InputError(`expected a JSON object, found ${describe(document)}`);
  if (isPlanDocument(document)) return readPlan(document, file, fallbackName);
  if (Object.keys(document).length === 0)
    throw new InputError("neither Terraform JSON nor a terraform show -json plan (empty)");
  return modelOfConfiguration(readConfiguration([{ path: file, document }]), file, fallbackName, "cdktf");
}

/**
 * The engine's model of one module's configuration; `file` is what findings name (a file or a directory).
 * A module expanded from a call has its resources addressed under the call (`module.net.alicloud_vpc.main`)
 * and no backend (Terraform ignores a backend outside the root module).
 */
export function modelOfConfiguration(
  configuration: ModuleConfiguration,
  file: string,
  fallbackName: string,
  kind: InputKind,
  expanded?: Expanded,
): StackModel {
  const prefix = expanded === undefined ? "" : `${expanded.module.path}.`;
  const { metadata } = configuration;
  const name = typeof metadata.stackName === "string" ? metadata.stackName : fallbackName;
  const providers = new Map<string, ProviderConfig>();
  for (const [key, { name: providerName, body }] of configuration.providers)
    providers.set(key, { key, name: providerName, body, declared: true });
  // Managed resources first, then data sources, whatever the order of the keys; a root module's blocks
  // are the model's own (in the configuration's array when it is in that order already), a called
  // module's are addressed under the call.
  let resources: readonly ResourceBlock[] = configuration.resources;
  if (prefix !== "" || !managedFirst(configuration.resources)) {
    const ordered: ResourceBlock[] = [];
    for (const mode of ["managed", "data"] as const)
      for (const resource of configuration.resources)
        if (resource.mode === mode)
          ordered.push(prefix === "" ? resource : { ...resource, address: prefix + resource.address });
    resources = ordered;
  }
  const backends: BackendBlock[] = [];
  const backend = configuration.backend;
  if (backend !== undefined && expanded === undefined) {
    const address = backend.type === "cloud" ? "terraform.cloud" : `terraform.backend.${backend.type}`;
    backends.push({ address, type: backend.type, config: backend.body });
  }
  for (let position = 0; position < resources.length; position++) {
    const resource = resources[position] as ResourceBlock;
    if (resource.type !== "terraform_remote_state" || resource.mode !== "data") continue;
    const type = typeof resource.body.backend === "string" ? resource.body.backend : "local";
    backends.push({
      address: resource.address,
      type,
      config: objectAt(resource.body.config, `${resource.address}.config`),
    });
  }
  const blockFiles = kind === "terraform" ? filesOf(configuration, prefix) : undefined;
  const bodies = (blocks: ReadonlyMap<string, { readonly body: JsonObject }>): JsonObject =>
    Object.fromEntries([...blocks].map(([key, { body }]) => [key, body]));
  return finish({
    ...expanded,
    name,
    file,
    kind,
    providers,
    resources,
    variables: bodies(configuration.variables),
    locals: Object.fromEntries([...configuration.locals].map(([key, { value }]) => [key, value])),
    outputs: bodies(configuration.outputs),
    backends,
    modules: new Map(
      [...configuration.moduleCalls].map(([call, { body }]) => [`module.${call}`, body.source]),
    ),
    ...(blockFiles === undefined ? {} : { blockFiles }),
  });
}

function managedFirst(resources: readonly ResourceBlock[]): boolean {
  let data = false;
  for (let position = 0; position < resources.length; position++) {
    const mode = (resources[position] as ResourceBlock).mode;
    if (mode === "data") data = true;
    else if (data) return false;
  }
  return true;
}

/** The file of each block of a module, by the address findings give it. */
function filesOf(configuration: ModuleConfiguration, prefix: string): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  for (const { address, file } of configuration.resources) files.set(prefix + address, file);
  for (const [key, { file }] of configuration.providers) files.set(`provider.${key}`, file);
  for (const [name, { file }] of configuration.moduleCalls) files.set(`${prefix}module.${name}`, file);
  for (const [name, { file }] of configuration.variables) files.set(`variable.${name}`, file);
  for (const [name, { file }] of configuration.outputs) files.set(`output.${name}`, file);
  const { backend } = configuration;
  if (backend !== undefined && prefix === "")
    files.set(
      backend.type === "cloud" ? "terraform.cloud" : `terraform.backend.${backend.type}`,
      backend.file,
    );
  return files;
}

/** A configuration that a resource names but the input never declares: it sets no region. */
function undeclaredProvider(key: string): ProviderConfig {
  return { key, name: key.split(".")[0] ?? key, body: {}, declared: false };
}

/**
 * The configuration a provider key names in a module, and the module that declares it: a local module
 * without a configuration of its own uses its caller's, the one its `providers` argument passes or, when
 * the call has no `providers` argument, the caller's configuration of the same default key.
 */
export function providerOwner(
  stack: StackModel,
  key: string,
): { readonly stack: StackModel; readonly config: ProviderConfig } | undefined {
  const config = stack.providers.get(key);
  if (config !== undefined) return { stack, config };
  if (stack.module === undefined) return undefined;
  const passed = stack.module.arguments.providers;
  if (passed === undefined) return key.includes(".") ? undefined : providerOwner(stack.module.parent, key);
  const reference = isObject(passed) ? own(passed, key) : undefined;
  return typeof reference === "string"
    ? providerOwner(stack.module.parent, providerKeyOf(reference))
    : undefined;
}

/** Adds the provider configurations resources use without any declaring them, so the provider rules see them. */
function finish(model: StackModel): StackModel {
  const providers = new Map(model.providers);
  for (let position = 0; position < model.resources.length; position++) {
    const resource = model.resources[position] as ResourceBlock;
    if (!providers.has(resource.providerKey) && providerOwner(model, resource.providerKey) === undefined)
      providers.set(resource.providerKey, undeclaredProvider(resource.providerKey));
  }
  return { ...model, providers };
}

/** The provider configuration a resource uses, declared (here or by a caller) or not. */
export function providerConfigOf(stack: StackModel, resource: ResourceBlock): ProviderConfig {
  return providerOwner(stack, resource.providerKey)?.config ?? undeclaredProvider(resource.providerKey);
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
    checkNesting(details.after, String(change.address));
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
    modules: new Map(),
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
