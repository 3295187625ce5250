import * as fs from "fs";
import { App, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { checkStacks } from "../../engine/check";
import { ExceptionError, validateExceptions } from "../../engine/exceptions";
import { readStack } from "../../engine/model";
import type { RulePack } from "../../engine/rule";
import type { CheckReport, Exception } from "../../engine/types";
import { PACKS } from "../../packs";
import { exceptionText, findingLine, isViolation } from "../../report/shared";

export interface ResidencyGuardProps {
  /** Approved exceptions, as in `residency-exceptions.json`; validated against the packs run. */
  readonly exceptions?: readonly unknown[];
  /** A JSON file of exceptions (the project's `residency-exceptions.json`); read when the guard is added. */
  readonly exceptionsFile?: string;
  /** `YYYY-MM-DD` that expiry is judged against; today (UTC) by default. */
  readonly today?: string;
  /** Rule packs to run; every pack by default. */
  readonly packs?: readonly RulePack[];
}

/** The guard of one app: its report once the app has been synthesized. */
export interface ResidencyGuard {
  readonly report?: CheckReport;
}

const guards = new WeakMap<App, { report?: CheckReport }>();

function readExceptionsFile(file: string, packs: readonly RulePack[]): Exception[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ExceptionError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExceptionError(`not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
  return validateExceptions(value, packs);
}

function exceptionsOf(props: ResidencyGuardProps, packs: readonly RulePack[]): Exception[] {
  const given = validateExceptions(props.exceptions ?? [], packs);
  if (props.exceptionsFile === undefined) return given;
  try {
    return [...given, ...readExceptionsFile(props.exceptionsFile, packs)];
  } catch (error) {
    if (!(error instanceof ExceptionError)) throw error;
    // Bad input of the synth program: one line and exit 2, never a stack trace.
    process.stderr.write(`residency: ${props.exceptionsFile}: ${error.message}\n`);
    process.exit(2);
  }
}

/** What synth prints: each violation once, grouped by stack, then what exceptions covered or missed. */
export function synthMessage(report: CheckReport, outdir: string): string {
  const lines: string[] = [];
  const violations = report.findings.filter(isViolation);
  for (const stack of [...new Set(violations.map((finding) => finding.stack))]) {
    lines.push(`[${stack}]`);
    for (const finding of violations.filter((each) => each.stack === stack))
      lines.push(`  ${findingLine(finding)}`);
  }
  for (const finding of report.findings) {
    if (finding.exception === undefined) continue;
    const state = finding.covered ? "covered" : "NOT covered";
    lines.push(
      `${state}: [${finding.stack}] ${finding.rule} ${finding.address} by ${exceptionText(finding.exception)}`,
    );
  }
  for (const unused of report.unusedExceptions)
    lines.push(
      `warning: unused exception ${unused.rule} ${unused.address} (${unused.reference}): it matches no finding`,
    );
  if (violations.length > 0) {
    lines.push(
      `residency: ${violations.length} violation${violations.length === 1 ? "" : "s"}: every stack was written to ${outdir}; fix each one above or record an approved exception in residency-exceptions.json.`,
    );
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * Guards the whole app that `scope` belongs to, once: after synth has written every stack, the check
 * reads all of them together (so cross-stack references resolve), prints each violation once, grouped by
 * stack, and makes the process exit non-zero. A stack added to the app later is guarded like the others.
 * Calling it again for the same app returns the same guard; configure it (exceptions, packs) once.
 */
export function addResidencyGuard(scope: IConstruct, props: ResidencyGuardProps = {}): ResidencyGuard {
  const app = App.of(scope);
  const existing = guards.get(app);
  if (existing !== undefined) {
    if (Object.values(props).some((value) => value !== undefined))
      throw new Error("the residency guard of this app is already configured: configure it once, on the App");
    return existing;
  }
  const packs = props.packs ?? PACKS.all;
  const exceptions = exceptionsOf(props, packs);
  const guard: { report?: CheckReport } = {};
  guards.set(app, guard);
  // An App-level validation runs once, after every stack's cdk.tf.json is written and before the manifest.
  app.node.addValidation({
    validate: () => {
      const stacks = app.node
        .findAll()
        .filter(TerraformStack.isStack)
        .map((stack) => readStack(stack.toTerraform(), `stack ${stack.node.path}`, stack.node.id));
      guard.report = checkStacks(stacks, { exceptions, today: props.today, packs });
      process.stderr.write(synthMessage(guard.report, app.outdir));
      if (guard.report.summary.violations > 0) process.exitCode = 1;
      // Returning the violations would make cdktf throw before the manifest is written, with a stack trace.
      return [];
    },
  });
  return guard;
}
