import * as fs from "fs";
import * as path from "path";
import { BadInputError } from "./inputs";

const SYNTH_AGAIN = "synthesize again (npm run synth) before checking";

/**
 * Refuses a cdktf.out that does not hold the app its manifest describes: a stack the manifest lists whose
 * cdk.tf.json is missing (synth stopped half-way), or a stack directory it does not list (left from an
 * earlier synth). Either would let the check pass on part of the app.
 */
export function requireCompleteOutput(input: string): void {
  const manifestFile = path.join(input, "manifest.json");
  if (!fs.existsSync(manifestFile)) return;
  let stacks: Record<string, { synthesizedStackPath?: unknown }>;
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { stacks?: unknown };
    if (typeof manifest.stacks !== "object" || manifest.stacks === null) throw new Error("no stacks");
    stacks = manifest.stacks as typeof stacks;
  } catch (error) {
    throw new BadInputError(
      manifestFile,
      `not a cdktf manifest (${(error as Error).message.split("\n")[0]}): ${SYNTH_AGAIN}`,
    );
  }
  const listed = new Set<string>();
  for (const [name, stack] of Object.entries(stacks)) {
    const file =
      typeof stack.synthesizedStackPath === "string"
        ? stack.synthesizedStackPath
        : `stacks/${name}/cdk.tf.json`;
    listed.add(path.resolve(input, path.dirname(file)));
    if (!fs.existsSync(path.join(input, file)))
      throw new BadInputError(
        input,
        `stack "${name}" is in manifest.json but its ${file} is missing: ${SYNTH_AGAIN}`,
      );
  }
  const stacksDir = path.join(input, "stacks");
  if (!fs.existsSync(stacksDir)) return;
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !listed.has(path.resolve(stacksDir, entry.name)))
      throw new BadInputError(
        input,
        `stack directory "${entry.name}" is not in manifest.json (left from an earlier synth): ${SYNTH_AGAIN}`,
      );
  }
}
