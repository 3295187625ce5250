import { readStack, Unresolvable, type ResourceBlock, type StackModel } from "../../../policies/engine/model";
import { Resolver } from "../../../policies/engine/resolve";
import { classifyPlace, type PlaceForm } from "../../../policies/catalog/places";
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

  it("places an attribute known only after apply where its resource is: its provider's region", () => {
    const document = (provider: string) =>
      terraformJson("app", {
        provider: { alicloud: [{ region: "cn-shanghai" }, { alias: "hk", region: "cn-hongkong" }] },
        resource: {
          alicloud_vpc: { v: { provider } },
          alicloud_vswitch: { s: { zone_id: "${alicloud_vpc.v.id}" } },
        },
      });
    const ofSwitch = (provider: string) =>
      violations(document(provider)).filter((finding) => finding.address === "alicloud_vswitch.s");
    expect(ofSwitch("alicloud")).toEqual([]);
    expect(ofSwitch("alicloud.hk")).toMatchObject([{ verdict: "outside", resolved: "cn-hongkong" }]);
  });

  it("evaluates function calls and conditionals as Terraform does, and refuses what they cannot know", () => {
    expect(zoneOf('${lookup(var.zones, "a")}')).toMatchObject([{ verdict: "unresolved" }]);
    expect(zoneOf('${true ? "cn-shanghai-b" : "cn-hongkong-b"}')).toEqual([]);
    expect(zoneOf('${false ? "cn-shanghai-b" : "cn-hongkong-b"}')).toMatchObject([{ verdict: "outside" }]);
    expect(zoneOf('${lower("CN-HONGKONG-B")}')).toMatchObject([{ verdict: "outside" }]);
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
  it.each(["${local.__proto__}", "${local.constructor}", "${var.__proto__}", "${local.a.__proto__}"])(
    "refuses %s",
    (expression) => {
      const document = withResource("alicloud_vswitch", { zone_id: expression }, { locals: { a: {} } });
      const blocks = { ...document, resource: { ...(document.resource as object), alicloud_vpc: { v: {} } } };
      expect(violations(blocks)).toMatchObject([{ verdict: "unresolved" }]);
    },
  );

  it("reads no attribute of Object.prototype through a resource: one not written is placed where it is", () => {
    const document = withResource("alicloud_vswitch", { zone_id: "${alicloud_vpc.v.__proto__}" });
    const blocks = { ...document, resource: { ...(document.resource as object), alicloud_vpc: { v: {} } } };
    expect(violations(blocks)).toEqual([]);
  });
});

describe("Resolver", () => {
  const FOREIGN_PROVIDERS = {
    alicloud: [
      { region: "cn-shanghai" },
      { alias: "hk", region: "cn-hongkong" },
      { alias: "env" },
      { alias: "nothing", region: null },
    ],
  };
  const stackOf = (blocks: Record<string, unknown>, name = "app") =>
    readStack(terraformJson(name, { provider: FOREIGN_PROVIDERS, ...blocks }), `${name}.json`, name);
  /** The places a value names in one stack (with a mainland, a foreign and two region-less providers). */
  const placesOf = (value: unknown, blocks: Record<string, unknown> = {}, form: PlaceForm = "place") => {
    const stack = stackOf(blocks);
    return new Resolver(new Map([[stack.name, stack]])).places(value, form, stack);
  };
  const reasonOf = (value: unknown, blocks: Record<string, unknown> = {}, form: PlaceForm = "place") => {
    const places = placesOf(value, blocks, form);
    expect(places).toHaveLength(1);
    expect(places[0]?.verdict).toBe("unresolved");
    return places[0]?.place;
  };
  const mainland = (place: string) => ({ verdict: "mainland", place });
  const outside = (place: string) => ({ verdict: "outside", place });

  describe("values without expressions", () => {
    it("names no place for null or a missing value, so a required place reports it missing", () => {
      expect(placesOf(null)).toEqual([]);
      expect(placesOf(undefined)).toEqual([]);
      const stack = stackOf({});
      const resolver = new Resolver(new Map([[stack.name, stack]]));
      expect(resolver.requiredPlaces(null, "place", stack, "no region set")).toEqual([
        { verdict: "unresolved", place: "no region set" },
      ]);
    });

    it("reads a number or boolean as its text, which names no place", () => {
      expect(placesOf(7)).toEqual([classifyPlace("7", "place")]);
      expect(placesOf(true)).toEqual([classifyPlace("true", "place")]);
      expect(placesOf(7)[0]?.verdict).toBe("unresolved");
    });

    it("classifies every item of lists and objects, nested", () => {
      expect(placesOf([["cn-shanghai"], { a: "cn-hongkong", b: [null] }])).toEqual([
        mainland("cn-shanghai"),
        outside("cn-hongkong"),
      ]);
    });

    it("refuses a value the input marks unresolvable, with its reason", () => {
      expect(placesOf(new Unresolvable("known only after apply"))).toEqual([
        { verdict: "unresolved", place: "known only after apply" },
      ]);
    });
  });

  describe("templates", () => {
    const locals = { home: "cn-shanghai", abroad: "cn-hongkong", n: 7, yes: true, obj: { a: 1 } };

    it("keeps the literal text around an interpolation: ${local.home}-evil is not mainland", () => {
      expect(placesOf("${local.home}-evil", { locals })).toEqual([outside("cn-shanghai-evil")]);
      expect(placesOf("${local.home}-b", { locals })).toEqual([mainland("cn-shanghai")]);
      expect(placesOf("oss-${local.abroad}", { locals })).toEqual([
        classifyPlace("oss-cn-hongkong", "place"),
      ]);
    });

    it("reads numbers and booleans in a template as their text, like the same literal", () => {
      expect(placesOf("zone-${local.n}", { locals })).toEqual(placesOf("zone-7"));
      expect(placesOf("zone-${local.yes}", { locals })).toEqual(placesOf("zone-true"));
      expect(placesOf("acs:kms:${local.n}:1:key/k", { locals })).toEqual(placesOf("acs:kms:7:1:key/k"));
    });

    it("refuses an object or list interpolated into text, as Terraform does", () => {
      expect(reasonOf("zone-${local.obj}", { locals })).toBe(
        "Terraform reports an error: an interpolated value must be a string, not an object",
      );
      expect(reasonOf("zone-${local.list}", { locals: { list: ["cn-shanghai"] } })).toBe(
        "Terraform reports an error: an interpolated value must be a string, not a list",
      );
    });

    it("takes a whole interpolation's value as is: a list or an object of places", () => {
      const zones = { zones: ["cn-shanghai-b", "cn-hongkong-b"], byName: { a: "cn-shanghai-b" } };
      expect(placesOf("${local.zones}", { locals: zones })).toEqual([
        mainland("cn-shanghai"),
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(placesOf("${local.byName}", { locals: zones })).toEqual([mainland("cn-shanghai")]);
    });

    it("allows spaces inside an interpolation", () => {
      expect(placesOf("${ local.abroad }", { locals })).toEqual([outside("cn-hongkong")]);
    });

    it("refuses a template whose ${ is never closed, saying where", () => {
      expect(reasonOf("${local.home", { locals })).toBe(
        "\"${local.home\" is not a well-formed Terraform template: column 13: expected '}' closing the template sequence, found the end of the text",
      );
      expect(reasonOf("cn-shanghai-${local.x", { locals })).toContain("not a well-formed Terraform template");
    });

    it('finds the closing brace past braces and "}" inside strings of the expression', () => {
      expect(placesOf('${lookup({a = "}"}, "a")}-b')).toEqual([classifyPlace("}-b", "place")]);
      expect(placesOf('${lookup({a = "\\"}"}, "a")}')).toEqual([classifyPlace('"}', "place")]);
      expect(placesOf('${"{"}')).toEqual([classifyPlace("{", "place")]);
      expect(placesOf('${lookup({a = "}"}, "a")}cn-shanghai')).toEqual([
        classifyPlace("}cn-shanghai", "place"),
      ]);
    });

    it("never accepts an escaped interpolation as a place", () => {
      expect(placesOf("cn-shanghai-b$${x}").map((place) => place.verdict)).not.toContain("mainland");
    });

    it("reads an escaped $${...} as the literal text Terraform writes, never as a reference to follow", () => {
      const zones = { zone: "cn-shanghai-b", escaped: "$${local.zone}" };
      for (const value of ["$${local.zone}", "${local.escaped}", "x-${local.escaped}"]) {
        expect(placesOf(value, { locals: zones }).map((place) => place.verdict)).not.toContain("mainland");
      }
      expect(placesOf("$${local.zone}", { locals: zones })).toEqual([
        classifyPlace("${local.zone}", "place"),
      ]);
      expect(
        placesOf("oss-${local.abroad}$${local.zone}", { locals: { ...zones, abroad: "cn-hangzhou" } }),
      ).toEqual([classifyPlace("oss-cn-hangzhou${local.zone}", "place")]);
    });

    it("evaluates the text a template produces once: a reference to a local that is a template", () => {
      const locals = { home: "cn-shanghai", zone: "${local.home}-b", alias: "${local.zone}" };
      expect(placesOf("${local.alias}", { locals })).toEqual([mainland("cn-shanghai")]);
      expect(placesOf("${local.alias}-x", { locals })).toEqual([classifyPlace("cn-shanghai-b-x", "place")]);
    });
  });

  describe("ACS ARN templates", () => {
    it("needs only the region resolved, and resolves it through chains of locals", () => {
      const locals = { region: "${local.abroad}", abroad: "cn-hongkong", home: "cn-shanghai" };
      expect(placesOf("acs:kms:${local.home}:${data.alicloud_account.current.id}:key/k", { locals })).toEqual(
        [mainland("cn-shanghai")],
      );
      expect(placesOf("acs:kms:${local.region}:123:key/k", { locals })).toEqual([outside("cn-hongkong")]);
    });

    it("resolves a region that comes through two hops of locals, each a lone reference", () => {
      const locals = { region: "${local.home}", home: "${local.shanghai}", shanghai: "cn-shanghai" };
      expect(placesOf("acs:kms:${local.region}:123:key/k", { locals })).toEqual([mainland("cn-shanghai")]);
      expect(
        placesOf("acs:kms:${local.region}:123:key/k", { locals: { ...locals, shanghai: "cn-hongkong" } }),
      ).toEqual([outside("cn-hongkong")]);
    });

    it("refuses an ARN whose region does not resolve, with the reason", () => {
      expect(reasonOf("acs:kms:${local.region}:123:key/k", { locals: { region: "${var.free}" } })).toBe(
        "var.free is not declared in stack app",
      );
      expect(
        reasonOf("acs:kms:${local.region}:123:key/k", { locals: { region: "${local.obj}", obj: {} } }),
      ).toBe("Terraform reports an error: an interpolated value must be a string, not an object");
    });

    it("refuses a circular chain of templates in an ARN", () => {
      const locals = { a: "${local.b}x", b: "${local.a}x" };
      expect(reasonOf("acs:kms:${local.a}:123:key/k", { locals })).toBe(
        "the reference chain is circular or too deep",
      );
    });

    it("judges partly known text only by an ARN's region or a URL's host, and only in the place form", () => {
      const locals = { endpoint: "http://oss-cn-shanghai.aliyuncs.com:80/a:b" };
      expect(placesOf("acs:kms:${local.home}:1:key/k", { locals: { home: "cn-shanghai" } }, "geo")).toEqual([
        outside("acs:kms:cn-shanghai:1:key/k"),
      ]);
      expect(placesOf("${local.endpoint}${var.free}", { locals })).toEqual([mainland("cn-shanghai")]);
      for (const form of ["geo", "cdn-scope"] as const) {
        expect(reasonOf("${local.endpoint}${var.free}", { locals }, form)).toBe(
          "var.free is not declared in stack app",
        );
      }
      expect(reasonOf("http://oss-cn-shanghai.aliyuncs.com${var.free}")).toBe(
        "var.free is not declared in stack app",
      );
    });
  });

  describe("references", () => {
    const resources = {
      alicloud_oss_bucket: {
        home: { bucket: "home" },
        abroad: { bucket: "abroad", provider: "alicloud.hk" },
        env: { bucket: "env", provider: "alicloud.env" },
        nothing: { bucket: "nothing", provider: "alicloud.nothing" },
        undeclared: { bucket: "undeclared", provider: "alicloud.ghost" },
        nulls: { bucket: "nulls", provider: "alicloud.hk", location: null },
        written: { bucket: "written", location: "oss-cn-beijing", tags: { home: "cn-shanghai" } },
      },
      alicloud_vpc: { v: {} },
      random_id: { r: {} },
    };

    it("resolves a computed location, region or endpoint to the region of the resource's provider", () => {
      const blocks = { resource: resources };
      expect(placesOf("${alicloud_oss_bucket.home.location}", blocks)).toEqual([mainland("cn-shanghai")]);
      expect(placesOf("${alicloud_oss_bucket.abroad.region}", blocks)).toEqual([outside("cn-hongkong")]);
      expect(placesOf("${alicloud_oss_bucket.abroad.extranet_endpoint}", blocks)).toEqual([
        outside("cn-hongkong"),
      ]);
      expect(placesOf("${alicloud_oss_bucket.abroad.intranet_endpoint}", blocks)).toEqual([
        outside("cn-hongkong"),
      ]);
    });

    it("reads a written attribute, and a null one as not written", () => {
      const blocks = { resource: resources };
      expect(placesOf("${alicloud_oss_bucket.written.location}", blocks)).toEqual([mainland("cn-beijing")]);
      expect(placesOf("${alicloud_oss_bucket.written.tags.home}", blocks)).toEqual([mainland("cn-shanghai")]);
      expect(placesOf("${alicloud_oss_bucket.nulls.location}", blocks)).toEqual([outside("cn-hongkong")]);
    });

    it("places any attribute not written (an ID, an address) where its resource is", () => {
      const blocks = { resource: resources };
      expect(placesOf("${alicloud_vpc.v.id}", blocks)).toEqual([mainland("cn-shanghai")]);
      expect(placesOf("${alicloud_oss_bucket.abroad.id}", blocks)).toEqual([outside("cn-hongkong")]);
      expect(placesOf("${alicloud_oss_bucket.abroad.anything_at_all}", blocks)).toEqual([
        outside("cn-hongkong"),
      ]);
    });

    it.each([
      [
        "${alicloud_oss_bucket.env.location}",
        "provider alicloud.env sets no region; it would come from the environment at deploy time",
      ],
      [
        "${alicloud_oss_bucket.nothing.location}",
        "provider alicloud.nothing sets no region; it would come from the environment at deploy time",
      ],
      [
        "${alicloud_oss_bucket.undeclared.location}",
        "provider configuration alicloud.ghost is used but never declared",
      ],
      [
        "${alicloud_vpc.v}",
        "alicloud_vpc.v names a whole resource, not a place; reference one of its attributes",
      ],
      [
        "${alicloud_vpc.v[0]}",
        "alicloud_vpc.v names a whole resource, not a place; reference one of its attributes",
      ],
      ["${alicloud_vpc.missing.location}", "alicloud_vpc.missing is not defined in stack app"],
      [
        "${alicloud_oss_bucket.written.tags.missing}",
        'Terraform reports an error: alicloud_oss_bucket.written.tags has no attribute "missing"',
      ],
      [
        "${random_id.r.hex}",
        "random_id.r.hex is known only after apply, and a random resource names no place; use a literal",
      ],
    ])("refuses %s: %s", (expression, reason) => {
      expect(reasonOf(expression, { resource: resources })).toBe(reason);
    });

    it("resolves the zones and zone IDs of an alicloud_zones data source to its provider's region", () => {
      const data = { alicloud_zones: { hk: { provider: "alicloud.hk", filter: { zone: "cn-shanghai-b" } } } };
      expect(placesOf("${data.alicloud_zones.hk.ids[0]}", { data })).toEqual([outside("cn-hongkong")]);
      expect(placesOf("${data.alicloud_zones.hk.zones[0].id}", { data })).toEqual([outside("cn-hongkong")]);
      expect(reasonOf("${data.alicloud_zones.hk.output_file}", { data })).toBe(
        "data.alicloud_zones.hk.output_file is read from the cloud when Terraform plans, which this check cannot do; use a literal",
      );
      expect(placesOf("${data.alicloud_zones.hk.filter.zone}", { data })).toEqual([mainland("cn-shanghai")]);
    });

    it("refuses references Terraform knows only at deploy time, and ones it refuses", () => {
      for (const expression of ["path.module", "self.zone", "terraform.workspace"]) {
        expect(reasonOf(`\${${expression}}`)).toBe(
          `${expression} is known only at deploy time; use a literal`,
        );
      }
      for (const expression of ["each.value", "count.index"]) {
        expect(reasonOf(`\${${expression}}`)).toBe(
          `${expression} has a value only in an instance of a resource with count or for_each, and is read outside one`,
        );
      }
      for (const expression of [
        "local[0]",
        "var[0]",
        "alicloud_vpc[0]",
        "data.alicloud_zones",
        "data[0].x",
      ]) {
        expect(reasonOf(`\${${expression}}`)).toBe(
          `Terraform reports an error: ${expression} is not a valid reference`,
        );
      }
    });

    it("refuses expressions over values it cannot know, saying why", () => {
      expect(reasonOf('${lookup(var.zones, "a")}')).toBe(
        "lookup() of an unknown value: var.zones is not declared in stack app",
      );
      expect(reasonOf("${local.a + 1}", { locals: { a: "${var.free}" } })).toBe(
        "+ over an unknown value: the left operand of +: var.free is not declared in stack app",
      );
    });
  });

  describe("the bound on references", () => {
    it("refuses a value whose references multiply, saying so", () => {
      const locals: Record<string, unknown> = { l14: "cn-shanghai" };
      for (let level = 0; level < 14; level += 1)
        locals[`l${level}`] = [`\${local.l${level + 1}}`, `\${local.l${level + 1}}`];
      const reasons = new Set(placesOf("${local.l0}", { locals }).map((place) => place.place));
      expect(reasons).toContain("more than 10000 values to read; the locals multiply without end");
    });

    it("counts the references of each value afresh, not of the whole check", () => {
      const locals = Object.fromEntries(
        Array.from({ length: 10_050 }, (_, index) => [`z${index}`, "cn-shanghai-b"]),
      );
      const stack = stackOf({ locals });
      const resolver = new Resolver(new Map([[stack.name, stack]]));
      const verdicts = new Set<string>();
      for (const name of Object.keys(locals)) {
        for (const place of resolver.places(`\${local.${name}}`, "place", stack)) verdicts.add(place.verdict);
      }
      expect([...verdicts]).toEqual(["mainland"]);
    });
  });

  describe("locals", () => {
    it("says which local is not defined, and where a path into one leads nowhere", () => {
      expect(reasonOf("${local.missing}")).toBe("local.missing is not defined in stack app");
      expect(reasonOf("${local.obj.missing}", { locals: { obj: {} } })).toBe(
        'Terraform reports an error: local.obj has no attribute "missing"',
      );
      expect(reasonOf("${local.list[3]}", { locals: { list: ["cn-shanghai"] } })).toBe(
        "Terraform reports an error: the list index 3 is out of range (the list has 1 elements)",
      );
    });

    it("follows a path through a local that is itself a reference", () => {
      const locals = {
        config: "${local.settings}",
        settings: { zones: ["cn-hongkong-b"], home: "cn-shanghai" },
      };
      expect(placesOf("${local.config.zones[0]}", { locals })).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(reasonOf("${local.broken.zones[0]}", { locals: { broken: "${var.free}" } })).toBe(
        "var.free is not declared in stack app",
      );
    });

    it("follows a path through a chain of locals, each a lone reference", () => {
      const locals = {
        config: "${local.alias}",
        alias: "${local.settings}",
        settings: { zones: ["cn-hongkong-b"] },
      };
      expect(placesOf("${local.config.zones[0]}", { locals })).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
    });

    it("refuses circular chains through paths, lists and objects", () => {
      const throughPaths = { a: "${local.b.y}", b: "${local.a.x}" };
      expect(reasonOf("${local.a.x}", { locals: throughPaths })).toBe(
        "the reference chain is circular or too deep",
      );
      const throughLists = { a: ["${local.b}"], b: ["${local.a}"] };
      expect(reasonOf("${local.a}", { locals: throughLists })).toBe(
        "the reference chain is circular or too deep",
      );
      const throughObjects = { a: { x: "${local.b}" }, b: { y: "${local.a}" } };
      expect(reasonOf("${local.a}", { locals: throughObjects })).toBe(
        "the reference chain is circular or too deep",
      );
    });
  });

  describe("variables", () => {
    const pinned = (validation: unknown, defaultValue: unknown = "cn-shanghai") => ({
      variable: { region: { default: defaultValue, validation } },
    });
    const condition = (list: string) => ({ condition: `\${contains([${list}], var.region)}` });

    it("accepts a single validation block as well as a list of them", () => {
      expect(placesOf("${var.region}", pinned(condition('"cn-shanghai"')))).toEqual([
        mainland("cn-shanghai"),
      ]);
      expect(
        placesOf(
          "${var.region}",
          pinned([{ condition: "${length(var.region) > 0}" }, condition('"cn-shanghai"')]),
        ),
      ).toEqual([mainland("cn-shanghai")]);
    });

    it("reads the validated list with spaces around its items", () => {
      expect(placesOf("${var.region}", pinned(condition(' "cn-hangzhou" , "cn-shanghai" ')))).toEqual([
        mainland("cn-shanghai"),
      ]);
    });

    it("refuses a validation that lists anything but quoted region IDs", () => {
      for (const list of ['"cn-shanghai", local.extra', 'x"cn-shanghai"', '"cn-shanghai"x', ""]) {
        const reason = reasonOf("${var.region}", pinned(condition(list)));
        expect(reason).toMatch(
          /validation lists something other than region IDs|no default among its validated|can be set to any value/,
        );
      }
      expect(reasonOf("${var.region}", pinned(condition('"cn-shanghai", local.extra')))).toBe(
        "var.region's validation lists something other than region IDs",
      );
      expect(reasonOf("${var.region}", pinned(condition("")))).toBe(
        "var.region has no default among its validated mainland regions",
      );
      expect(reasonOf("${var.region}", pinned(condition("  ")))).toBe(
        "var.region has no default among its validated mainland regions",
      );
    });

    it("refuses a default that is not a string among the validated regions", () => {
      expect(reasonOf("${var.region}", pinned(condition('"cn-shanghai"'), 7))).toBe(
        "var.region has no default among its validated mainland regions",
      );
      expect(reasonOf("${var.region}", pinned(condition('"cn-shanghai"'), "cn-hangzhou"))).toBe(
        "var.region has no default among its validated mainland regions",
      );
    });

    it("says when a variable is not declared, and how to pin one that is free", () => {
      expect(reasonOf("${var.missing}")).toBe("var.missing is not declared in stack app");
      expect(reasonOf("${var.free}", { variable: { free: {} } })).toBe(
        "var.free can be set to any value at deploy time (-var, TF_VAR_free); bind it in terraform.tfvars or a --var-file, or, for a region, pin it with a validation contains([...mainland region IDs...], var.free) — MainlandRegionVariable emits one — or use a literal",
      );
      expect(reasonOf("${var.settings.region}", { variable: { settings: {} } })).toContain("TF_VAR_settings");
    });
  });

  describe("buckets named by reference", () => {
    const blocks = {
      resource: {
        alicloud_oss_bucket: {
          home: { bucket: "home" },
          abroad: { bucket: "abroad", provider: "alicloud.hk" },
        },
      },
      locals: { name: "home" },
    };

    it("places a bucket referenced by name or id in its provider's region", () => {
      expect(placesOf("${alicloud_oss_bucket.home.bucket}", blocks, "oss-bucket")).toEqual([
        mainland("cn-shanghai"),
      ]);
      expect(placesOf("${alicloud_oss_bucket.abroad.id}", blocks, "oss-bucket")).toEqual([
        outside("cn-hongkong"),
      ]);
    });

    it("refuses a bucket that is not defined, and a name that only a local gives", () => {
      expect(reasonOf("${alicloud_oss_bucket.missing.bucket}", blocks, "oss-bucket")).toBe(
        "alicloud_oss_bucket.missing is not defined in stack app",
      );
      expect(reasonOf("${local.name}", blocks, "oss-bucket")).toContain(
        'bucket name "home" does not say where the bucket is',
      );
    });
  });

  describe("providers", () => {
    it("refuses a provider configuration that is used but never declared, and one without a region", () => {
      const stack = stackOf({ resource: { alicloud_vpc: { v: { provider: "alicloud.ghost" } } } });
      const resolver = new Resolver(new Map([[stack.name, stack]]));
      const ghost = stack.providers.get("alicloud.ghost");
      const env = stack.providers.get("alicloud.env");
      expect(ghost && resolver.providerRegion(stack, ghost)).toEqual([
        { verdict: "unresolved", place: "provider configuration alicloud.ghost is used but never declared" },
      ]);
      expect(env && resolver.providerRegion(stack, env)).toEqual([
        {
          verdict: "unresolved",
          place: "provider alicloud.env sets no region; it would come from the environment at deploy time",
        },
      ]);
    });
  });

  describe("cross-stack references", () => {
    const origin = terraformJson("storage", {
      output: { location: { value: "cn-hongkong" }, empty: { sensitive: true } },
    });
    const consumer = (expression: string) =>
      terraformJson("consumer", {
        resource: { alicloud_vswitch: { s: { zone_id: expression } } },
      });
    const resolvedBy = (expression: string) =>
      check([origin, consumer(expression)]).findings.filter((finding) => finding.stack === "consumer");
    const input = "data.terraform_remote_state.cross-stack-reference-input-storage";

    it("refuses an output the origin stack does not have, or one without a value", () => {
      for (const output of ["missing", "empty"]) {
        expect(resolvedBy(`\${${input}.outputs.${output}}`)).toMatchObject([
          { verdict: "unresolved", resolved: `stack storage has no output ${output}` },
        ]);
      }
    });

    it("reads an output's value, and refuses remote state that is not a stack of the check", () => {
      expect(resolvedBy(`\${${input}.outputs.location}`)).toMatchObject([
        { verdict: "outside", resolved: "cn-hongkong" },
      ]);
      expect(resolvedBy("${data.terraform_remote_state.shared.outputs.location}")).toMatchObject([
        {
          verdict: "unresolved",
          resolved: 'remote state "shared" is not a stack of this check; check all stacks together',
        },
      ]);
      expect(resolvedBy(`\${${input}.outputs}`)).toMatchObject([
        { verdict: "unresolved", resolved: `${input}.outputs names no output` },
      ]);
    });

    it("reads other attributes of a remote state, and outputs of other data sources, as written", () => {
      const consumer = terraformJson("consumer", {
        data: {
          terraform_remote_state: { shared: { backend: "oss", config: { region: "cn-hongkong" } } },
          alicloud_ros_stacks: { s: { outputs: { region: "cn-hongkong" } } },
        },
        resource: {
          alicloud_vswitch: { s: { zone_id: "${data.terraform_remote_state.shared.config.region}" } },
          alicloud_vpc: { v: { zone_id: "${data.alicloud_ros_stacks.s.outputs.region}" } },
        },
      });
      expect(
        check([origin, consumer]).findings.filter((finding) => finding.rule === "RES-LOCATION-ATTRIBUTE"),
      ).toMatchObject([
        { address: "alicloud_vswitch.s", verdict: "outside", resolved: "cn-hongkong" },
        { address: "alicloud_vpc.v", verdict: "outside", resolved: "cn-hongkong" },
      ]);
    });
  });
});

describe("Resolver on Terraform's language", () => {
  const PROVIDERS = { alicloud: [{ region: "cn-shanghai" }, { alias: "hk", region: "cn-hongkong" }] };
  const stackOf = (blocks: Record<string, unknown>, name = "app"): StackModel =>
    readStack(terraformJson(name, { provider: PROVIDERS, ...blocks }), `${name}.json`, name);
  const resolverOf = (...stacks: StackModel[]) => new Resolver(new Map(stacks.map((s) => [s.name, s])));
  const placesIn = (stack: StackModel, value: unknown, resource?: ResourceBlock) =>
    resolverOf(stack).places(value, "place", stack, resource);
  const mainland = (place: string) => ({ verdict: "mainland", place });
  const outside = (place: string) => ({ verdict: "outside", place });
  const unresolvedBy = (reason: string) => [{ verdict: "unresolved", place: reason }];

  it("renders template directives: a foreign host hidden behind %{if} is foreign", () => {
    const stack = stackOf({});
    expect(placesIn(stack, "oss-cn-beijing.%{if(true)}oss-us-west-1%{endif}.aliyuncs.com")).toEqual([
      outside("us-west-1"),
    ]);
    expect(placesIn(stack, "oss-%{if false}us-west-1%{else}cn-beijing%{endif}.aliyuncs.com")).toEqual([
      mainland("cn-beijing"),
    ]);
  });

  it("evaluates functions over locals as Terraform does", () => {
    const stack = stackOf({ locals: { parts: ["cn", "shanghai"], zones: { a: "cn-hongkong-b" } } });
    expect(placesIn(stack, '${join("-", local.parts)}')).toEqual([mainland("cn-shanghai")]);
    expect(placesIn(stack, '${format("%s-%s", "cn", "beijing")}')).toEqual([mainland("cn-beijing")]);
    expect(placesIn(stack, '${lookup(local.zones, "a", "cn-shanghai-b")}')).toEqual([
      classifyPlace("cn-hongkong-b", "place"),
    ]);
    expect(placesIn(stack, '${coalesce("", "cn-hangzhou")}')).toEqual([mainland("cn-hangzhou")]);
  });

  it("refuses every value on a cycle of locals, as Terraform refuses the configuration", () => {
    const stack = stackOf({ locals: { a: "${local.b.x}", b: { x: "cn-shanghai", y: "${local.a}" } } });
    const resolver = resolverOf(stack);
    expect(resolver.places("${local.a}", "place", stack)).toEqual(
      unresolvedBy("the reference chain is circular or too deep"),
    );
    expect(resolver.places("${local.b.x}", "place", stack)).toEqual(
      unresolvedBy("the reference chain is circular or too deep"),
    );
  });

  describe("count and for_each", () => {
    const counted = (count: unknown) =>
      stackOf({
        locals: { zones: ["cn-shanghai-b", "cn-hongkong-b"] },
        variable: { free: {} },
        resource: {
          alicloud_vswitch: { x: { count, vpc_id: "v", zone_id: "${local.zones[count.index]}" } },
          alicloud_vpc: {
            byKey: { for_each: { a: "cn-shanghai-e", b: "cn-hongkong-c" }, zone: "${each.value}" },
          },
        },
      });
    const resourceOf = (stack: StackModel, address: string) =>
      stack.resources.find((resource) => resource.address === address);

    it("checks a counted resource's values for every instance", () => {
      const stack = counted(2);
      const vswitch = resourceOf(stack, "alicloud_vswitch.x");
      expect(placesIn(stack, vswitch?.body.zone_id, vswitch)).toEqual([
        mainland("cn-shanghai"),
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(
        placesIn(counted(1), vswitch?.body.zone_id, resourceOf(counted(1), "alicloud_vswitch.x")),
      ).toEqual([mainland("cn-shanghai")]);
      expect(
        placesIn(counted(0), vswitch?.body.zone_id, resourceOf(counted(0), "alicloud_vswitch.x")),
      ).toEqual([]);
    });

    it("resolves a reference to one instance, and refuses an instance that does not exist", () => {
      const stack = counted("2");
      expect(placesIn(stack, "${alicloud_vswitch.x[0].zone_id}")).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, "${alicloud_vswitch.x[1].zone_id}")).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(placesIn(stack, "${alicloud_vswitch.x.1.zone_id}")).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(placesIn(stack, "${alicloud_vswitch.x[2].zone_id}")).toEqual(
        unresolvedBy("Terraform reports an error: alicloud_vswitch.x has no instance [2]"),
      );
      expect(placesIn(stack, '${alicloud_vpc.byKey["a"].zone}')).toEqual([mainland("cn-shanghai")]);
      // A for_each resource is a map of its instances: `.b` is instance "b", as `["b"]` is.
      expect(placesIn(stack, "${alicloud_vpc.byKey.b.zone}")).toEqual([
        classifyPlace("cn-hongkong-c", "place"),
      ]);
      expect(placesIn(stack, '${alicloud_vpc.byKey["b"].zone}')).toEqual([
        classifyPlace("cn-hongkong-c", "place"),
      ]);
      expect(placesIn(stack, "${length(alicloud_vswitch.x)}")).toEqual([classifyPlace("2", "place")]);
    });

    it("reads each instance's attribute through a splat or a whole instance, and refuses the whole resource", () => {
      const stack = counted(2);
      const zones = [mainland("cn-shanghai"), classifyPlace("cn-hongkong-b", "place")];
      expect(placesIn(stack, "${alicloud_vswitch.x[*].zone_id}")).toEqual(zones);
      expect(placesIn(stack, "${alicloud_vswitch.x.*.zone_id}")).toEqual(zones);
      expect(placesIn(stack, "${[for s in alicloud_vswitch.x : s.zone_id]}")).toEqual(zones);
      expect(placesIn(stack, '${alicloud_vswitch.x[1]["zone_id"]}')).toEqual([zones[1]]);
      expect(placesIn(stack, '${concat(alicloud_vswitch.x[*].zone_id, [""])[0]}')).toEqual([zones[0]]);
      // An attribute the configuration does not write is known after apply, where its resource is.
      expect(placesIn(stack, "${alicloud_vswitch.x[*].id}")).toEqual([
        mainland("cn-shanghai"),
        mainland("cn-shanghai"),
      ]);
      expect(placesIn(stack, "${alicloud_vswitch.x[0]}")).toEqual(
        unresolvedBy(
          "alicloud_vswitch.x[0] names a whole resource, not a place; reference one of its attributes",
        ),
      );
      expect(placesIn(stack, "${alicloud_vswitch.x[0][0].zone_id}")).toEqual(
        unresolvedBy(
          "alicloud_vswitch.x[0] names a whole resource, not a place; reference one of its attributes",
        ),
      );
    });

    it("checks a value that does not depend on count.index although the count is not known before apply", () => {
      const stack = counted("${var.free}");
      const vswitch = resourceOf(stack, "alicloud_vswitch.x");
      expect(placesIn(stack, "cn-hongkong-b", vswitch)).toEqual([classifyPlace("cn-hongkong-b", "place")]);
      expect(placesIn(stack, "${local.zones[0]}", vswitch)).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, "${alicloud_vswitch.x[0].zone_id}")[0]?.place).toContain(
        "the count of alicloud_vswitch.x is not known before apply",
      );
    });

    it("refuses the values that depend on count.index of a resource whose count is not known before apply", () => {
      const stack = counted("${var.free}");
      const vswitch = resourceOf(stack, "alicloud_vswitch.x");
      expect(placesIn(stack, vswitch?.body.zone_id, vswitch)).toEqual([
        {
          verdict: "unresolved",
          place: expect.stringContaining(
            "the count of alicloud_vswitch.x is not known before apply: var.free",
          ),
        },
      ]);
      expect(
        placesIn(counted({}), vswitch?.body.zone_id, resourceOf(counted({}), "alicloud_vswitch.x")),
      ).toEqual(
        unresolvedBy("Terraform reports an error: the count of alicloud_vswitch.x is not a whole number"),
      );
    });

    it("checks a for_each resource's values for every key, in the whole check", () => {
      const findings = check([
        terraformJson("app", {
          resource: {
            alicloud_vswitch: {
              x: {
                for_each: '${toset(["cn-shanghai-b", "cn-hongkong-b"])}',
                vpc_id: "v",
                zone_id: "${each.key}",
              },
            },
          },
        }),
      ]).findings;
      expect(findings).toMatchObject([
        { address: "alicloud_vswitch.x", verdict: "outside", resolved: "cn-hongkong-b" },
      ]);
    });
  });

  describe("data sources that return their provider's region or zones", () => {
    const data = {
      alicloud_regions: { current: { current: true }, named: { name: "cn-hongkong" } },
      alicloud_db_zones: { hk: { provider: "alicloud.hk" } },
      alicloud_pvtz_zones: { dns: {} },
      alicloud_account: { me: {} },
      alicloud_vswitches: { hk: { provider: "alicloud.hk" } },
      alicloud_instance_types: { t: {} },
    };

    it("places alicloud_regions with current = true, every *_zones data source and the reviewed regional listings in the provider's region", () => {
      const stack = stackOf({ data });
      expect(placesIn(stack, "${data.alicloud_regions.current.regions.0.id}")).toEqual([
        mainland("cn-shanghai"),
      ]);
      expect(placesIn(stack, "${data.alicloud_regions.current.ids[0]}")).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, "${data.alicloud_db_zones.hk.zones[0].id}")).toEqual([outside("cn-hongkong")]);
      expect(placesIn(stack, "${data.alicloud_vswitches.hk.vswitches[0].zone_id}")).toEqual([
        outside("cn-hongkong"),
      ]);
      expect(
        placesIn(stack, "${data.alicloud_instance_types.t.instance_types.0.availability_zones.0}"),
      ).toEqual([mainland("cn-shanghai")]);
    });

    it("refuses a region list that is not the current region, and PrivateZone's DNS zones", () => {
      const stack = stackOf({ data });
      expect(placesIn(stack, "${data.alicloud_regions.named.ids[0]}")).toEqual(
        unresolvedBy(
          "data.alicloud_regions.named.ids is read from the cloud when Terraform plans, which this check cannot do; use a literal",
        ),
      );
      expect(placesIn(stack, "${data.alicloud_pvtz_zones.dns.zones[0].id}")[0]?.verdict).toBe("unresolved");
      expect(placesIn(stack, "${data.alicloud_account.me.id}")).toEqual(
        unresolvedBy("data.alicloud_account.me.id is the account ID, which names no place"),
      );
    });

    it("places a PrivateZone zone's ID where the zone's provider is, never reading it as an availability zone", () => {
      const stack = stackOf({
        resource: {
          alicloud_pvtz_zone: { z: { zone_name: "corp.example" }, hk: { provider: "alicloud.hk" } },
        },
      });
      expect(placesIn(stack, "${alicloud_pvtz_zone.z.id}")).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, "${alicloud_pvtz_zone.hk.id}")).toEqual([outside("cn-hongkong")]);
    });
  });

  describe("partly known text", () => {
    const stack = stackOf({
      data: { alicloud_account: { me: {} } },
      variable: { free: {} },
      resource: { alicloud_oss_bucket: { home: {}, hk: { provider: "alicloud.hk" } } },
    });
    const account = "${data.alicloud_account.me.id}";

    it("places an ARN by its region segment, known or a resource's", () => {
      expect(placesIn(stack, `acs:mns:cn-shanghai:${account}:queues/q`)).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, `acs:mns:us-west-1:${account}:queues/q`)).toEqual([outside("us-west-1")]);
      expect(placesIn(stack, "acs:oss:${alicloud_oss_bucket.hk.region}:1:b")).toEqual([
        outside("cn-hongkong"),
      ]);
      expect(placesIn(stack, "acs:oss:${var.free}:1:b")[0]?.verdict).toBe("unresolved");
      expect(placesIn(stack, "acs:oss:cn-${var.free}:1:b")[0]?.verdict).toBe("unresolved");
    });

    it("keeps the known text of format() and join() over unknown parts, as an interpolation does", () => {
      const mns = (region: string) =>
        `\${format("acs:mns:${region}:%s:queues/%s", ${account.slice(2, -1)}, "q")}`;
      expect(placesIn(stack, mns("cn-shanghai"))).toEqual([mainland("cn-shanghai")]);
      expect(placesIn(stack, mns("cn-hongkong"))).toEqual([outside("cn-hongkong")]);
      expect(
        placesIn(stack, `\${join(":", ["acs", "log", "us-west-1", ${account.slice(2, -1)}, "project/p"])}`),
      ).toEqual([outside("us-west-1")]);
      // Any verb but %s over an unknown is refused: its text is not the interpolation's.
      expect(
        placesIn(stack, `\${format("acs:mns:cn-shanghai:%d:q", ${account.slice(2, -1)})}`)[0]?.verdict,
      ).toBe("unresolved");
    });

    it("reads the known parts of partly known text in the value form: JSON around an unknown ID, a region suffix", () => {
      const valueIn = (value: string) => resolverOf(stack).places(value, "value", stack);
      const verdicts = (value: string) => valueIn(value).map((place) => place.verdict);
      expect(verdicts(`\${alicloud_oss_bucket.home.id}-cn-hongkong`)).toContain("outside");
      expect(
        verdicts(`{"RegionId": "ap-southeast-1", "Ids": ["\${alicloud_oss_bucket.home.id}"]}`),
      ).toContain("outside");
      expect(verdicts(`\${alicloud_oss_bucket.home.id}-cn-hangzhou`)).not.toContain("outside");
      expect(
        verdicts(`{"RegionId": "cn-hangzhou", "Ids": ["\${alicloud_oss_bucket.home.id}"]}`),
      ).not.toContain("outside");
    });

    it("places a host by its known labels when the unknown ones are the account or a resource's", () => {
      expect(placesIn(stack, `https://${account}.mns.cn-shanghai.aliyuncs.com`)).toEqual([
        mainland("cn-shanghai"),
      ]);
      expect(placesIn(stack, `http://${account}.mns.us-west-1.aliyuncs.com/x`)).toEqual([
        outside("us-west-1"),
      ]);
      expect(placesIn(stack, "${alicloud_oss_bucket.hk.id}.oss-cn-shanghai.aliyuncs.com")).toEqual([
        mainland("cn-shanghai"),
        outside("cn-hongkong"),
      ]);
    });

    it("refuses a host that an unknown part could change", () => {
      for (const text of [
        "https://${var.free}.mns.cn-shanghai.aliyuncs.com",
        `https://mns${account}.cn-shanghai.aliyuncs.com`,
        `https://mns.cn-shanghai.aliyuncs.com${account}`,
        `https://${account}mns.cn-shanghai.aliyuncs.com`,
        "https://oss-cn-shanghai.aliyuncs.com${var.free}/x",
      ])
        expect(placesIn(stack, text)[0]?.verdict).toBe("unresolved");
      expect(placesIn(stack, "https://oss-cn-shanghai.aliyuncs.com/${var.free}")).toEqual([
        mainland("cn-shanghai"),
      ]);
    });
  });

  describe("tfvars", () => {
    const bound = (value: unknown, blocks: Record<string, unknown> = {}): StackModel => ({
      ...stackOf({ variable: { region: { default: "cn-shanghai" } }, ...blocks }),
      variableValues: new Map([["region", { value, file: "prod.tfvars" }]]),
    });

    it("uses the value a tfvars file binds before the default", () => {
      expect(placesIn(bound("cn-hangzhou"), "${var.region}")).toEqual([mainland("cn-hangzhou")]);
      expect(placesIn(bound("cn-hongkong"), "${var.region}-b")).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(placesIn(bound(["cn-beijing"]), "${var.region[0]}")).toEqual([mainland("cn-beijing")]);
    });

    it("takes a bound value as the value Terraform computed from the file: never a template again", () => {
      expect(placesIn(bound("${local.x}", { locals: { x: "cn-shanghai" } }), "${var.region}")).toEqual([
        classifyPlace("${local.x}", "place"),
      ]);
    });
  });

  describe("local modules", () => {
    /** A root that calls ./vpc as module.vpc with `arguments`, and the expanded module. */
    function modules(arguments_: Record<string, unknown>, child: Record<string, unknown>) {
      const children: StackModel[] = [];
      const root: StackModel = {
        ...stackOf({
          locals: { home: "cn-shanghai-b" },
          module: {
            vpc: { source: "./vpc", ...arguments_ },
            remote: { source: "terraform-alicloud-modules/vpc" },
          },
          resource: { alicloud_vswitch: { s: { vpc_id: "v", zone_id: "${module.vpc.zone}" } } },
        }),
        children,
      };
      const expanded = readStack(child, "vpc/main.tf.json", "app");
      const module: StackModel = {
        ...expanded,
        providers: root.providers,
        resources: expanded.resources.map((resource) => ({
          ...resource,
          address: `module.vpc.${resource.address}`,
        })),
        module: { path: "module.vpc", parent: root, arguments: { source: "./vpc", ...arguments_ } },
      };
      children.push(module);
      return { root, module };
    }
    const child = {
      variable: { zone: {}, fallback: { default: "cn-hangzhou-b" }, required: {} },
      output: {
        zone: { value: "${var.zone}" },
        fallback: { value: "${var.fallback}" },
        required: { value: "${var.required}" },
        vpc: { value: "${alicloud_vpc.this.id}" },
      },
      resource: {
        alicloud_vpc: { this: { provider: "alicloud.hk" } },
        alicloud_vswitch: { this: { zone_id: "${var.zone}" } },
      },
    };

    it("binds a module's variables to the call's arguments, evaluated where the call is", () => {
      const { root, module } = modules({ zone: "${local.home}" }, child);
      const resolver = resolverOf(root);
      expect(resolver.places("${module.vpc.zone}", "place", root)).toEqual([mainland("cn-shanghai")]);
      const vswitch = module.resources.find(
        (resource) => resource.address === "module.vpc.alicloud_vswitch.this",
      );
      expect(resolver.places(vswitch?.body.zone_id, "place", module, vswitch)).toEqual([
        mainland("cn-shanghai"),
      ]);
      const abroad = modules({ zone: "cn-hongkong-b" }, child);
      expect(resolverOf(abroad.root).places("${module.vpc.zone}", "place", abroad.root)).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
    });

    it("uses a module variable's default when the call sets none, and refuses one without either", () => {
      const { root } = modules({}, child);
      const resolver = resolverOf(root);
      expect(resolver.places("${module.vpc.fallback}", "place", root)).toEqual([mainland("cn-hangzhou")]);
      expect(resolver.places("${module.vpc.required}", "place", root)).toEqual(
        unresolvedBy("var.required of module.vpc has no default, and the module call sets no required"),
      );
    });

    it("reads references inside a module as the module's own resources", () => {
      const { root } = modules({}, child);
      expect(resolverOf(root).places("${module.vpc.vpc}", "place", root)).toEqual([outside("cn-hongkong")]);
    });

    it("binds count.index and each.* of a module instance in the call's arguments, and reads its outputs", () => {
      const children: StackModel[] = [];
      const root: StackModel = {
        ...stackOf({
          module: {
            zones: {
              source: "./z",
              for_each: { a: "cn-shanghai-b", b: "cn-hongkong-b" },
              zone: "${each.value}",
            },
          },
        }),
        children,
        unexpandedModules: new Map([["module.far", 'its source "x/y" is not a local path']]),
      };
      const expanded = readStack(
        { variable: { zone: {} }, output: { zone: { value: "${var.zone}" } } },
        "z/main.tf.json",
        "app",
      );
      for (const key of ["a", "b"]) {
        children.push({
          ...expanded,
          module: {
            path: `module.zones["${key}"]`,
            parent: root,
            arguments: { source: "./z", zone: "${each.value}" },
          },
          moduleInstance: { key, value: key === "a" ? "cn-shanghai-b" : "cn-hongkong-b" },
        });
      }
      const resolver = resolverOf(root);
      expect(resolver.places('${module.zones["a"].zone}', "place", root)).toEqual([mainland("cn-shanghai")]);
      expect(resolver.places('${module.zones["b"].zone}', "place", root)).toEqual([
        classifyPlace("cn-hongkong-b", "place"),
      ]);
      expect(resolver.places("${module.zones.zone}", "place", root)).toEqual(
        unresolvedBy(
          "Terraform reports an error: module.zones has count or for_each; reference one instance",
        ),
      );
      expect(resolver.places("${module.far.zone}", "place", root)).toEqual(
        unresolvedBy(
          'module.far: its source "x/y" is not a local path; vendor it as a local module, or check the plan (terraform show -json)',
        ),
      );
    });

    it("refuses outputs of a remote module and of a module that is not called, saying how to check them", () => {
      const { root } = modules({}, child);
      const resolver = resolverOf(root);
      expect(resolver.places("${module.remote.zone}", "place", root)).toEqual(
        unresolvedBy(
          "module.remote comes from a remote source whose outputs this check cannot see; vendor it as a local module, or check the plan (terraform show -json)",
        ),
      );
      expect(resolver.places("${module.ghost.zone}", "place", root)).toEqual(
        unresolvedBy("module.ghost is not called in stack app"),
      );
      expect(resolver.places("${module.vpc.missing}", "place", root)).toEqual(
        unresolvedBy("module.vpc has no output missing"),
      );
    });
  });
});

describe("text of the configuration is NFC, as every string Terraform holds", () => {
  // Checked against terraform 1.11: a JSON key or value written decomposed ("e" and U+0301) is "é".
  const decomposed = "e\u0301";
  const composed = "\u00e9";
  const stack = readStack(
    terraformJson("app", {
      locals: { m: { [decomposed]: "cn-shanghai" }, s: decomposed },
    }),
    "app.json",
    "app",
  );
  const resolver = new Resolver(new Map([[stack.name, stack]]));

  it("in an object's keys", () => {
    expect(resolver.value(`\${local.m["${composed}"]}`, stack)).toBe("cn-shanghai");
    expect(resolver.value(`\${keys(local.m)[0] == "${composed}"}`, stack)).toBe(true);
  });

  it("in a string", () => {
    expect(resolver.value(`\${local.s == "${composed}"}`, stack)).toBe(true);
  });
});
