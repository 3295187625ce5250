import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { Vpc } from "./.gen/providers/alicloud/vpc";

const app = new App();
const stack = new TerraformStack(app, "network");
new AlicloudProvider(stack, "alicloud", { region: "cn-shanghai" });
new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
app.synth();
