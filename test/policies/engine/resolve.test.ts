import { terraformJson, check, violations, withResource } from "../fixtures";

const ZONE = "alicloud_vswitch";
const zoneOf = (zone: unknown, blocks: Record<string, unknown> = {}) =>
  violations(withResource(ZONE, { vpc_id: "vpc-1", cidr_block: "10.0.0.0/24", zone_id: zone }, blocks));
const mainlandValidation = (name: string, ids: string[]) => [
  { condition: `\${contains(${JSON.stringify(ids)}, var.${name})}`, error_message: "mainland only" },
];

describe("resolution", () => {
  it("accepts a literal mainland zone and refuses a zone in a foreign region", () => {
    expect(zoneOf("cn-shanghai-b")).toEqual([]);
    expect(zoneOf("cn-hongkong-b")).toMatchObject([
      { rule: "RES-LOCATION-ATTRIBUTE", verdict: "outside", resolved: "cn-hongkong-b" },
    ]);
  });

  it("follows chains of locals, templates and nested local objects", () => {
    const locals = { home: "cn-shanghai", zone: "${local.home}-b", config: { zones: ["${local.zone}"] } };
    expect(zoneOf("${local.config.zones[0]}", { locals })).toEqual([]);
    expect(zoneOf("${local.zone}", { locals: { ...locals, home: "cn-hongkong" } })).toMatchObject([
      { verdict: "outside" },
    ]);
  });

  it("refuses a circular chain of locals", () => {
    expect(zoneOf("${local.a}", { locals: { a: "${local.b}", b: "${local.a}" } })).toMatchObject([
      { verdict: "unresolved", resolved: expect.stringContaining("circular") },
    ]);
  });

  it("follows a reference to another resource's written attribute", () => {
    const document = terraformJson("app", {
      resource: {
        alicloud_vswitch: {
          a: { zone_id: "cn-hongkong-c" },
          b: { zone_id: "${alicloud_vswitch.a.zone_id}" },
        },
      },
    });
    expect(violations(document).map((finding) => finding.address)).toEqual([
      "alicloud_vswitch.a",
      "alicloud_vswitch.b",
    ]);
  });

  it("resolves a foreign bucket's computed location to its provider's region", () => {
    const document = terraformJson("app", {
      provider: {
        alicloud: [
          { region: "cn-shanghai" },
          { alias: "dr", region: "cn-hangzhou" },
          { alias: "hk", region: "cn-hongkong" },
        ],
      },
      resource: {
        alicloud_oss_bucket: {
          dr: { bucket: "dr", provider: "alicloud.dr" },
          hk: { bucket: "hk", provider: "alicloud.hk" },
        },
        alicloud_oss_bucket_replication: {
          good: {
            bucket: "a",
            destination: { bucket: "dr", location: "${alicloud_oss_bucket.dr.location}" },
          },
          bad: {
            bucket: "a",
            destination: [{ bucket: "hk", location: "${alicloud_oss_bucket.hk.location}" }],
          },
        },
      },
    });
    const found = violations(document).filter((finding) => finding.rule === "RES-LOCATION-ATTRIBUTE");
    expect(found).toMatchObject([
      {
        address: "alicloud_oss_bucket_replication.bad",
        attribute: "destination.location",
        resolved: "cn-hongkong",
      },
    ]);
  });

  it("refuses a reference to a value known only after apply", () => {
    const document = terraformJson("app", {
      resource: { alicloud_vpc: { v: {} }, alicloud_vswitch: { s: { zone_id: "${alicloud_vpc.v.id}" } } },
    });
    expect(violations(document)).toMatchObject([
      { verdict: "unresolved", resolved: expect.stringContaining("after apply") },
    ]);
  });

  it("refuses function calls and conditionals", () => {
    expect(zoneOf('${lookup(var.zones, "a")}')).toMatchObject([{ verdict: "unresolved" }]);
    expect(zoneOf('${true ? "cn-shanghai-b" : "cn-hongkong-b"}')).toMatchObject([{ verdict: "unresolved" }]);
  });

  it("resolves a zone from an alicloud_zones data source to that data source's region", () => {
    const data = { alicloud_zones: { available: { available_resource_creation: "VSwitch" } } };
    expect(zoneOf("${data.alicloud_zones.available.zones[0].id}", { data })).toEqual([]);
  });

  describe("variables", () => {
    it("resolves a variable to its default only with a mainland validation", () => {
      const variable = {
        region: {
          default: "cn-shanghai",
          validation: mainlandValidation("region", ["cn-shanghai", "cn-hangzhou"]),
        },
      };
      expect(zoneOf("${var.region}-b", { variable })).toEqual([]);
    });

    it("refuses a variable without validation", () => {
      expect(zoneOf("${var.region}-b", { variable: { region: { default: "cn-shanghai" } } })).toMatchObject([
        { verdict: "unresolved", resolved: expect.stringContaining("TF_VAR_region") },
      ]);
    });

    it("refuses a validation that admits a foreign region", () => {
      const variable = {
        region: {
          default: "cn-shanghai",
          validation: mainlandValidation("region", ["cn-shanghai", "cn-hongkong"]),
        },
      };
      expect(zoneOf("${var.region}-b", { variable })).toMatchObject([
        { verdict: "unresolved", resolved: expect.stringContaining('"cn-hongkong"') },
      ]);
    });

    it("refuses a validation of another variable, and a default outside the validated list", () => {
      const other = {
        region: { default: "cn-shanghai", validation: mainlandValidation("other", ["cn-shanghai"]) },
      };
      expect(zoneOf("${var.region}-b", { variable: other })).toMatchObject([{ verdict: "unresolved" }]);
      const badDefault = {
        region: { default: "cn-beijing", validation: mainlandValidation("region", ["cn-shanghai"]) },
      };
      expect(zoneOf("${var.region}-b", { variable: badDefault })).toMatchObject([{ verdict: "unresolved" }]);
    });
  });

  it("follows a CDKTF cross-stack reference into the origin stack's output", () => {
    const origin = (region: string) =>
      terraformJson("storage", {
        provider: { alicloud: [{ region }] },
        resource: { alicloud_oss_bucket: { dr: { bucket: "dr" } } },
        output: {
          "cross-stack-output-alicloud_oss_bucketdrlocation": {
            value: "${alicloud_oss_bucket.dr.location}",
            sensitive: true,
          },
        },
      });
    const consumer = terraformJson("replication", {
      data: {
        terraform_remote_state: {
          "cross-stack-reference-input-storage": { backend: "local", config: { path: "x" } },
        },
      },
      resource: {
        alicloud_oss_bucket_replication: {
          r: {
            bucket: "a",
            destination: {
              bucket: "dr",
              location:
                "${data.terraform_remote_state.cross-stack-reference-input-storage.outputs.cross-stack-output-alicloud_oss_bucketdrlocation}",
            },
          },
        },
      },
    });
    const unsuppressed = (documents: Record<string, unknown>[]) =>
      check(documents).findings.filter((f) => f.stack === "replication");
    expect(unsuppressed([origin("cn-hangzhou"), consumer])).toEqual([]);
    expect(unsuppressed([origin("cn-hongkong"), consumer])).toMatchObject([{ resolved: "cn-hongkong" }]);
    expect(unsuppressed([consumer])).toMatchObject([
      { verdict: "unresolved", resolved: expect.stringContaining("not a stack") },
    ]);
  });
});

describe("resolution through names of Object.prototype", () => {
  it.each([
    "${local.__proto__}",
    "${local.constructor}",
    "${var.__proto__}",
    "${alicloud_vpc.v.__proto__}",
    "${local.a.__proto__}",
  ])("refuses %s", (expression) => {
    const document = withResource("alicloud_vswitch", { zone_id: expression }, { locals: { a: {} } });
    const blocks = { ...document, resource: { ...(document.resource as object), alicloud_vpc: { v: {} } } };
    expect(violations(blocks)).toMatchObject([{ verdict: "unresolved" }]);
  });
});
