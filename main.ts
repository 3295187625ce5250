import { App } from "cdktf";
import { ConfigError, loadConfig } from "./stacks/config";
import { buildPlatform } from "./stacks/platform";

function configOrExit() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

// Before the App, which creates the output directory: a refused configuration writes nothing.
const config = configOrExit();
const app = new App();
// One guard for the whole app, with the committed exceptions: every stack is checked once all are written.
buildPlatform(app, config, { exceptionsFile: "residency-exceptions.json" });
app.synth();
