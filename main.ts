import { App } from "cdktf";
import { addResidencyGuard } from "./policies/adapters/cdktf/residency-guard";
import { ConfigError, configFromEnvironment, validateConfig } from "./stacks/config";
import { buildDataCenter } from "./stacks/data-center";

function loadConfig() {
  try {
    return validateConfig(configFromEnvironment(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfig();
const app = new App();
// One guard for the whole app: every stack, including one added later, is checked once all are written.
addResidencyGuard(app, { exceptionsFile: "residency-exceptions.json" });
buildDataCenter(app, config);
app.synth();
