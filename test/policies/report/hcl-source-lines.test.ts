import { hclBlockLocator } from "../../../policies/report/hcl-source-lines";
import { locateFindings } from "../../../policies/report/source-lines";
import { finding, report } from "./fixtures";

const text = `# A comment with a { brace, and "quotes"
terraform {
  backend "oss" {
    bucket = "state"
    region = "cn-shanghai"
  }
}

provider "alicloud" {
  region = "cn-shanghai"
}

provider "alicloud" {
  alias  = "dr"
  region = "cn-hangzhou"
}

locals {
  zone = "cn-shanghai-b"
  tags = {
    team = "platform"
  }
}

/* A block comment:
resource "alicloud_vpc" "commented" {}
*/
resource "alicloud_oss_bucket" "logs" {
  bucket = "a \\" } tricky ] string"
  policy = <<EOF
{ "Statement": [ "}" ] }
resource "alicloud_vpc" "in_heredoc" {}
EOF
  lifecycle_rule {
    prefix = "\${local.zone}-\${join("}", ["{"])}"
  }
}

data "alicloud_zones" "z" {}

module "vpc" {
  source = "./vpc"
}

resource alicloud_vpc bare_labels {
  cidr_block = "10.0.0.0/8" // a comment with }
}
`;

describe("the lines of HCL blocks", () => {
  const locate = hclBlockLocator(text);

  it("finds each top-level block past comments, strings, template sequences and heredocs", () => {
    expect(locate("terraform.backend.oss")).toEqual({ startLine: 3, endLine: 6 });
    expect(locate("provider.alicloud")).toEqual({ startLine: 9, endLine: 11 });
    expect(locate("provider.alicloud.dr")).toEqual({ startLine: 13, endLine: 16 });
    expect(locate("local.zone")).toEqual({ startLine: 19, endLine: 19 });
    expect(locate("local.tags")).toEqual({ startLine: 20, endLine: 20 });
    expect(locate("alicloud_oss_bucket.logs")).toEqual({ startLine: 28, endLine: 37 });
    expect(locate("data.alicloud_zones.z")).toEqual({ startLine: 39, endLine: 39 });
    expect(locate("module.vpc")).toEqual({ startLine: 41, endLine: 43 });
    expect(locate("alicloud_vpc.bare_labels")).toEqual({ startLine: 45, endLine: 47 });
  });

  it("finds nothing in comments and heredocs, nor a block that is not there", () => {
    expect(locate("alicloud_vpc.commented")).toBeUndefined();
    expect(locate("alicloud_vpc.in_heredoc")).toBeUndefined();
    expect(locate("alicloud_vpc.none")).toBeUndefined();
  });

  it("finds a module's block in the module's file by its address within the module", () => {
    const module = hclBlockLocator('resource "alicloud_vswitch" "a" {\n  zone_id = "x"\n}\n');
    expect(module("module.network.alicloud_vswitch.a")).toEqual({ startLine: 1, endLine: 3 });
    expect(module('module.network["b"].module.inner.alicloud_vswitch.a')).toEqual({
      startLine: 1,
      endLine: 3,
    });
  });

  it("throws on text it cannot follow, so that a finding names only its file", () => {
    expect(() => hclBlockLocator('resource "a" "b" {\n  x = "unclosed\n}\n')).toThrow();
    expect(() => hclBlockLocator('resource "a" "b" {\n  x = [1, 2\n')).toThrow();
    expect(() => hclBlockLocator("/* never closed")).toThrow();
  });

  it("gives a finding in a .tf file its lines, and leaves a file that no longer reads without them", () => {
    const logs = finding({ source: { file: "main.tf" } });
    const located = locateFindings(report({ findings: [logs] }), () => text);
    expect(located.findings[0]?.source.region).toEqual({ startLine: 28, endLine: 37 });
    const unread = locateFindings(report({ findings: [logs] }), () => 'resource "a" "b" {');
    expect(unread.findings[0]?.source.region).toBeUndefined();
  });

  it("gives a finding on an instance the lines of its block", () => {
    const instance = finding({
      address: 'alicloud_oss_bucket.logs["pi"]',
      source: { file: "main.tf", block: "alicloud_oss_bucket.logs" },
    });
    const located = locateFindings(report({ findings: [instance] }), () => text);
    expect(located.findings[0]?.source.region).toEqual({ startLine: 28, endLine: 37 });
  });
});
