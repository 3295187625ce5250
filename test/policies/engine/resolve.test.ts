import { readStack, Unresolvable } from "../../../policies/engine/model";
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

    it("refuses an object or list interpolated into text", () => {
      expect(reasonOf("zone-${local.obj}", { locals })).toBe("local.obj is not text");
      expect(reasonOf("zone-${local.list}", { locals: { list: ["cn-shanghai"] } })).toBe(
        "local.list is not text",
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

    it("refuses a template whose ${ is never closed", () => {
      expect(reasonOf("${local.home", { locals })).toBe(
        '"${local.home" is not a well-formed Terraform template',
      );
      expect(reasonOf("cn-shanghai-${local.x", { locals })).toContain("not a well-formed Terraform template");
    });

    it('finds the closing brace past braces and "}" inside strings of the expression', () => {
      expect(reasonOf('${lookup({a = "}"}, "a")}-b')).toBe(
        'the expression ${lookup({a = "}"}, "a")} cannot be evaluated before deploy; use a literal',
      );
      const escapedQuote = String.raw`lookup({a = "\"}"}, "a")`;
      expect(reasonOf(`\${${escapedQuote}}`)).toBe(
        `the expression \${${escapedQuote}} cannot be evaluated before deploy; use a literal`,
      );
      expect(reasonOf('${"{"}')).toBe(
        'the expression ${"{"} cannot be evaluated before deploy; use a literal',
      );
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
        "var.free is not declared",
      );
      expect(
        reasonOf("acs:kms:${local.region}:123:key/k", { locals: { region: "${local.obj}", obj: {} } }),
      ).toBe("local.region is not text");
      expect(reasonOf("acs:kms:${local.obj}:123:key/k", { locals: { obj: {} } })).toBe(
        "local.obj is not text",
      );
    });

    it("refuses a circular chain of templates in an ARN", () => {
      const locals = { a: "${local.b}x", b: "${local.a}x" };
      expect(reasonOf("acs:kms:${local.a}:123:key/k", { locals })).toBe(
        "the reference chain is circular or too deep",
      );
    });

    it("judges only an ARN by its region: any other template with an unresolved part is refused", () => {
      const locals = { endpoint: "http://oss-cn-shanghai.aliyuncs.com:80/a:b" };
      expect(placesOf("acs:kms:${local.home}:1:key/k", { locals: { home: "cn-shanghai" } }, "geo")).toEqual([
        outside("acs:kms:cn-shanghai:1:key/k"),
      ]);
      for (const form of ["place", "geo", "cdn-scope"] as const) {
        expect(reasonOf("${local.endpoint}${var.free}", { locals }, form)).toBe("var.free is not declared");
      }
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

    it.each([
      [
        "${alicloud_oss_bucket.env.location}",
        "alicloud_oss_bucket.env uses provider alicloud.env, which sets no region",
      ],
      [
        "${alicloud_oss_bucket.nothing.location}",
        "alicloud_oss_bucket.nothing uses provider alicloud.nothing, which sets no region",
      ],
      [
        "${alicloud_oss_bucket.undeclared.location}",
        "alicloud_oss_bucket.undeclared uses provider alicloud.ghost, which sets no region",
      ],
      [
        "${alicloud_vpc.v.id}",
        "${alicloud_vpc.v.id} is known only after apply; use a literal or a resource's location",
      ],
      ["${alicloud_vpc.v}", "${alicloud_vpc.v} names a whole resource, not a place"],
      ["${alicloud_vpc.v[0]}", "${alicloud_vpc.v[0]} names a whole resource, not a place"],
      ["${alicloud_vpc.missing.location}", "alicloud_vpc.missing is not defined in stack app"],
      [
        "${alicloud_oss_bucket.written.tags.missing}",
        "${alicloud_oss_bucket.written.tags.missing} leads nowhere in the configuration",
      ],
    ])("refuses %s: %s", (expression, reason) => {
      expect(reasonOf(expression, { resource: resources })).toBe(reason);
    });

    it("resolves the zones and zone IDs of an alicloud_zones data source to its provider's region", () => {
      const data = { alicloud_zones: { hk: { provider: "alicloud.hk", filter: { zone: "cn-shanghai-b" } } } };
      expect(placesOf("${data.alicloud_zones.hk.ids[0]}", { data })).toEqual([outside("cn-hongkong")]);
      expect(placesOf("${data.alicloud_zones.hk.zones[0].id}", { data })).toEqual([outside("cn-hongkong")]);
      expect(reasonOf("${data.alicloud_zones.hk.output_file}", { data })).toContain("known only after apply");
      expect(placesOf("${data.alicloud_zones.hk.filter.zone}", { data })).toEqual([mainland("cn-shanghai")]);
    });

    it("refuses references Terraform knows only at deploy time", () => {
      for (const expression of [
        "each.value",
        "count.index",
        "path.module",
        "self.zone",
        "local[0]",
        "var[0]",
        "alicloud_vpc[0]",
      ]) {
        expect(reasonOf(`\${${expression}}`)).toBe(
          `\${${expression}} is known only at deploy time; use a literal`,
        );
      }
      expect(reasonOf("${data.alicloud_zones}")).toBe(
        "${data.alicloud_zones} is known only at deploy time; use a literal",
      );
      expect(reasonOf("${data[0].x}")).toBe("${data[0].x} is known only at deploy time; use a literal");
    });

    it("refuses expressions it cannot evaluate, saying so", () => {
      expect(reasonOf('${lookup(var.zones, "a")}')).toBe(
        'the expression ${lookup(var.zones, "a")} cannot be evaluated before deploy; use a literal',
      );
      expect(reasonOf("${local.a + 1}")).toContain("cannot be evaluated before deploy");
    });
  });

  describe("the bound on references", () => {
    it("refuses a value whose references multiply, saying so", () => {
      const locals: Record<string, unknown> = { l14: "cn-shanghai" };
      for (let level = 0; level < 14; level += 1)
        locals[`l${level}`] = [`\${local.l${level + 1}}`, `\${local.l${level + 1}}`];
      const reasons = new Set(placesOf("${local.l0}", { locals }).map((place) => place.place));
      expect(reasons).toContain("more than 10000 references to follow; the locals multiply without end");
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
      expect(reasonOf("${local.missing}")).toBe("local.missing is not defined");
      expect(reasonOf("${local.obj.missing}", { locals: { obj: {} } })).toBe(
        "${local.obj.missing} leads nowhere in the configuration",
      );
      expect(reasonOf("${local.list[3]}", { locals: { list: ["cn-shanghai"] } })).toBe(
        "${local.list[3]} leads nowhere in the configuration",
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
        "var.free is not declared",
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
          /validation lists something other than region IDs|no default among its validated/,
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
      expect(reasonOf("${var.missing}")).toBe("var.missing is not declared");
      expect(reasonOf("${var.free}", { variable: { free: {} } })).toBe(
        "var.free can be set to any region at deploy time (-var, TF_VAR_free); pin it with a validation contains([...mainland region IDs...], var.free) — MainlandRegionVariable emits one — or use a literal",
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
      output: { location: { value: "cn-hongkong" }, empty: { sensitive: true }, odd: "x" },
    });
    const consumer = (expression: string) =>
      terraformJson("consumer", {
        resource: { alicloud_vswitch: { s: { zone_id: expression } } },
      });
    const resolvedBy = (expression: string) =>
      check([origin, consumer(expression)]).findings.filter((finding) => finding.stack === "consumer");
    const input = "data.terraform_remote_state.cross-stack-reference-input-storage";

    it("refuses an output the origin stack does not have, or one without a value", () => {
      for (const output of ["missing", "empty", "odd"]) {
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
        { verdict: "unresolved", resolved: `${input} is not defined in stack consumer` },
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
