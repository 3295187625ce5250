import * as fs from "fs";
import { AnnotationMetadataEntryType, App, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { checkStacks } from "../../engine/check";
import { ExceptionError, parseExceptions, validateExceptions } from "../../engine/exceptions";
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
  return parseExceptions(text, packs);
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

/** A line of the synth output: a finding's stack, what it is, and how to fix it or what covers it. */
interface SynthNote {
  readonly stack: string;
  readonly level: AnnotationMetadataEntryType;
  readonly message: string;
}

/** What synth reports: each violation once, by stack, then what exceptions covered or missed. */
function synthNotes(report: CheckReport): SynthNote[] {
  const notes: SynthNote[] = report.findings.filter(isViolation).map((finding) => ({
    stack: finding.stack,
    level: AnnotationMetadataEntryType.ERROR,
    message: `[residency] ${findingLine(finding)}`,
  }));
  for (const finding of report.findings) {
    if (finding.exception === undefined) continue;
    const state = finding.covered ? "covered" : "NOT covered";
    notes.push({
      stack: finding.stack,
      level: AnnotationMetadataEntryType.WARN,
      message: `[residency] ${finding.rule} ${finding.address} ${state} by exception ${exceptionText(finding.exception)}`,
    });
  }
  for (const unused of report.unusedExceptions) {
    notes.push({
      stack: unused.stack ?? "",
      level: AnnotationMetadataEntryType.WARN,
      message: `[residency] unused exception ${unused.rule} ${unused.address} (${unused.reference}): it matches no finding; correct or remove it`,
    });
  }
  return notes;
}

/** The notes grouped by stack, for a synth run that no cdktf CLI prints for. */
function notesText(notes: readonly SynthNote[], outdir: string): string {
  const lines: string[] = [];
  for (const stack of [...new Set(notes.map((note) => note.stack))]) {
    lines.push(stack === "" ? "[app]" : `[${stack}]`);
    for (const note of notes.filter((each) => each.stack === stack))
      lines.push(`  ${note.level === AnnotationMetadataEntryType.ERROR ? "ERROR" : "WARN"} ${note.message}`);
  }
  const violations = notes.filter((note) => note.level === AnnotationMetadataEntryType.ERROR).length;
  if (violations > 0) {
    lines.push(
      `residency: ${violations} violation${violations === 1 ? "" : "s"}; every stack was written to ${outdir}. Fix each one above or record an approved exception in residency-exceptions.json.`,
    );
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * Guards the whole app that `scope` belongs to, once: after synth has written every stack, the check
 * reads all of them together (so cross-stack references resolve) and reports each violation once, by
 * stack, as an error annotation in the manifest. Under `cdktf synth`, which sets
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, the cdktf CLI prints them and exits non-zero; run on its
 * own, the app prints them and exits 1. A stack added to the app later is guarded like the others.
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
      const all = app.node.findAll().filter(TerraformStack.isStack);
      const stacks = all.map((stack) =>
        readStack(stack.toTerraform(), `stack ${stack.node.path}`, stack.node.id),
      );
      guard.report = checkStacks(stacks, { exceptions, today: props.today, packs });
      const notes = synthNotes(guard.report);
      const stackOf = new Map(all.map((stack) => [stack.node.id, stack]));
      for (const note of notes) {
        const stack = stackOf.get(note.stack) ?? all[0];
        if (stack === undefined) continue;
        // The manifest is written after this validation: cdktf's CLI prints its annotations once, by stack.
        app.manifest.forStack(stack).annotations.push({
          constructPath: stack.node.path,
          level: note.level,
          message: note.message,
        });
      }
      if (process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === undefined) {
        process.stderr.write(notesText(notes, app.outdir));
        if (guard.report.summary.violations > 0) process.exitCode = 1;
      }
      // Returning the violations would make cdktf throw before the manifest is written, with a stack trace.
      return [];
    },
  });
  return guard;
}
