import { App } from "cdktf";
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

const app = new App();
buildDataCenter(app, loadConfig());
app.synth();
