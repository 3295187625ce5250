import * as fc from "fast-check";

// Tests never talk to a cloud or to Terraform's update service.
process.env.CHECKPOINT_DISABLE = "1";

/**
 * Property tests draw from one fixed seed, so that a run of `npm test` (and CI) is the same on every change:
 * a case no one touched cannot fail a submission at random. `FC_SEED=random` (npm run test:explore) draws
 * fresh cases each run, and `FC_SEED=N` replays the run a failure names.
 */
const DEFAULT_SEED = 20261201;
const seed = process.env.FC_SEED ?? String(DEFAULT_SEED);
if (seed !== "random") {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer or "random", not "${seed}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
