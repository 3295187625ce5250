import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The locals every generated expression may use, with the HCL that defines them. */
export const ORACLE_LOCALS_HCL = `locals {
  s1 = "cn-shanghai"
  s2 = "us-west-1"
  s3 = " Mixed Case_x "
  n1 = 3
  n2 = -2
  b1 = true
  l1 = ["a", "b", "c"]
  m1 = { a = "x", b = "y" }
}
`;

export const ORACLE_LOCALS: Record<string, unknown> = {
  s1: "cn-shanghai",
  s2: "us-west-1",
  s3: " Mixed Case_x ",
  n1: 3,
  n2: -2,
  b1: true,
  l1: ["a", "b", "c"],
  m1: { a: "x", b: "y" },
};

/** What Terraform computed for one output: its value, or that it reported an error. */
export type OracleAnswer = { ok: true; value: unknown } | { ok: false };

export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}

const ENV = {
  ...process.env,
  TF_CLI_CONFIG_FILE: "/dev/null",
  CHECKPOINT_DISABLE: "1",
  TF_IN_AUTOMATION: "1",
};

/**
 * Evaluates many outputs in one `terraform apply` of a locals-only configuration (no provider needed).
 * `expressions` are HCL attribute values; `templates` are Terraform JSON string values. Outputs that
 * Terraform refuses are reported as errors (named in its diagnostics) and the rest are applied again.
 */
export function askTerraform(
  expressions: readonly string[],
  templates: readonly string[],
  /** More files of the configuration by name (locals, variables, `terraform.tfvars.json`), none of them outputs. */
  files: Readonly<Record<string, string>> = {},
  /** HCL written beside each expression's output, in its file: an error in it fails that output only. */
  declarations: readonly string[] = [],
): OracleAnswer[] {
  const directory = mkdtempSync(join(tmpdir(), "lang-oracle-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    execFileSync("terraform", ["init", "-input=false", "-no-color"], {
      cwd: directory,
      env: ENV,
      stdio: "ignore",
    });
    // One file per output, so that a diagnostic names its output by its file even when it does not parse.
    writeFileSync(join(directory, "locals.tf"), ORACLE_LOCALS_HCL);
    expressions.forEach((text, i) =>
      writeFileSync(
        join(directory, `e${i}.tf`),
        `${declarations[i] ?? ""}\noutput "e${i}" {\n  value = ${text}\n}\n`,
      ),
    );
    templates.forEach((text, i) =>
      writeFileSync(
        join(directory, `t${i}.tf.json`),
        JSON.stringify({ output: { [`t${i}`]: { value: text } } }),
      ),
    );
    const names = [...expressions.map((_, i) => `e${i}`), ...templates.map((_, i) => `t${i}`)];
    const failed = new Set<string>();
    for (let attempt = 0; attempt < 30; attempt++) {
      const apply = spawnSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], {
        cwd: directory,
        env: ENV,
        encoding: "utf8",
      });
      if (apply.status === 0) {
        const shown = execFileSync("terraform", ["output", "-json"], {
          cwd: directory,
          env: ENV,
          encoding: "utf8",
        });
        // A null output is left out of `terraform output`.
        const values = JSON.parse(shown) as Record<string, { value: unknown }>;
        return names.map((name) =>
          failed.has(name) ? { ok: false } : { ok: true, value: values[name]?.value ?? null },
        );
      }
      const named = [
        ...apply.stderr.matchAll(
          /(?:on ([et]\d+)\.tf(?:\.json)? line|serializing output value "([et]\d+)")/g,
        ),
      ].map((match) => match[1] ?? match[2]);
      if (named.length === 0) throw new Error(`terraform failed without naming an output:\n${apply.stderr}`);
      for (const name of named) {
        failed.add(name);
        rmSync(join(directory, name.startsWith("e") ? `${name}.tf` : `${name}.tf.json`), { force: true });
      }
    }
    throw new Error("terraform kept failing after removing the outputs it named");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
