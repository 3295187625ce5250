import * as fs from "fs";
import * as path from "path";
import { landingZone, type Resource } from "./generate";

/** Files of the generated HCL tree: a root module of 10 files calling 30 local modules of 33 files each. */
export const HCL_TREE_FILES = 1_000;
const MODULES = 30;
const FILES_PER_MODULE = 33;
const ROOT_ZONE_FILES = HCL_TREE_FILES - MODULES * FILES_PER_MODULE - 2;

/** A JSON value written as an HCL expression: Terraform JSON's strings are HCL's quoted templates. */
function hcl(value: unknown, indent: string): string {
  if (Array.isArray(value)) return `[${value.map((element) => hcl(element, indent)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const inner = `${indent}  `;
    const lines = Object.entries(value).map(([key, element]) => `${inner}${key} = ${hcl(element, inner)}`);
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function resourceBlocks(resources: readonly Resource[]): string {
  return resources
    .map(({ type, name, body }) => {
      const lines = Object.entries(body).map(([key, value]) =>
        // A provider reference is a bare traversal in HCL, not a string.
        key === "provider" ? `  provider = ${String(value)}` : `  ${key} = ${hcl(value, "  ")}`,
      );
      return `resource "${type}" "${name}" {\n${lines.join("\n")}\n}\n`;
    })
    .join("\n");
}

const LOCALS = `locals {\n  home_region = "cn-shanghai"\n  dr_region   = "cn-hangzhou"\n  zone_b      = "cn-shanghai-b"\n}\n`;

const MODULE_PROVIDERS = `terraform {\n  required_providers {\n    alicloud = {\n      source                = "aliyun/alicloud"\n      configuration_aliases = [alicloud.dr]\n    }\n  }\n}\n`;

/**
 * Writes a Terraform root module of HCL_TREE_FILES .tf files under `dir` (landing zones of twelve mainland
 * resources, one per file) and returns the root directory.
 */
export function writeHclTree(dir: string): string {
  const root = path.join(dir, "hcl-tree");
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    "main.tf",
    `terraform {\n  backend "oss" {\n    bucket = "bench-tfstate"\n    region = "cn-shanghai"\n  }\n}\n\n` +
      `provider "alicloud" {\n  region = local.home_region\n}\n\nprovider "alicloud" {\n  alias  = "dr"\n  region = "cn-hangzhou"\n}\n\n${LOCALS}`,
  );
  const calls = Array.from(
    { length: MODULES },
    (_, module) =>
      `module "zone_${module}" {\n  source = "./modules/zone_${module}"\n  providers = {\n    alicloud    = alicloud\n    alicloud.dr = alicloud.dr\n  }\n}\n`,
  );
  write("modules.tf", calls.join("\n"));
  let zone = 0;
  for (let file = 0; file < ROOT_ZONE_FILES; file++)
    write(`zone_${file}.tf`, resourceBlocks(landingZone(zone++)));
  for (let module = 0; module < MODULES; module++) {
    write(`modules/zone_${module}/locals.tf`, `${MODULE_PROVIDERS}\n${LOCALS}`);
    for (let file = 1; file < FILES_PER_MODULE; file++)
      write(`modules/zone_${module}/zone_${file}.tf`, resourceBlocks(landingZone(zone++)));
  }
  return root;
}

/** Every .tf file of the tree with its text, for timing the parser alone on the same files. */
export function readHclTree(root: string): { readonly file: string; readonly text: string }[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((name) => name.endsWith(".tf"))
    .map((name) => ({ file: path.join(root, name), text: fs.readFileSync(path.join(root, name), "utf8") }));
}
