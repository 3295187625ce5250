// Preloaded (`node --import`) into the app process of `npm run synth:cdktn`: the app's and the generated
// bindings' `require("cdktf")` and `require("constructs")` resolve to CDK Terrain's packages in the scratch
// directory named by CDKTN_SCRATCH, so that the sources are synthesized as they are, without an edit.
import Module, { createRequire } from "node:module";
import { join } from "node:path";

const fromScratch = createRequire(join(process.env.CDKTN_SCRATCH, "package.json"));
// The constructs that cdktn itself loads: one Construct class for the app and the library.
const fromCdktn = createRequire(fromScratch.resolve("cdktn/package.json"));
const renamed = new Map([
  ["cdktf", fromScratch.resolve("cdktn")],
  ["constructs", fromCdktn.resolve("constructs")],
]);
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveRenamed(request, ...rest) {
  return renamed.get(request) ?? resolveFilename.call(this, request, ...rest);
};
