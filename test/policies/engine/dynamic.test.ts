import * as fc from "fast-check";
import { escapeTemplate, withDynamicBlocksExpanded } from "../../../policies/engine/dynamic";
import { readStack, type StackModel } from "../../../policies/engine/model";
import { Resolver, MAX_INSTANCES } from "../../../policies/engine/resolve";
import { SECURITY_PACK } from "../../../policies/packs/security";
import { check, terraformJson, violations, withResource } from "../fixtures";

const TYPE = "alicloud_oss_bucket_replication";

/** A stack of one replication whose body is given, with the locals given. */
function stackOf(body: Record<string, unknown>, locals: Record<string, unknown> = {}): StackModel {
  return readStack(withResource(TYPE, body, { locals }), "stack.json", "stack");
}

/** The body of the stack's resource after expansion. */
function expanded(body: Record<string, unknown>, locals: Record<string, unknown> = {}): unknown {
  const stack = stackOf(body, locals);
  return withDynamicBlocksExpanded(stack, new Resolver(new Map([[stack.name, stack]]))).resources[0]?.body;
}

const destination = (spec: Record<string, unknown>) => ({ bucket: "src", dynamic: { destination: spec } });

describe("dynamic blocks are expanded as Terraform expands them before it plans", () => {
  it("creates a block per element of a list, the iterator named after the block type by default", () => {
    const body = destination({
      for_each: ["${local.home}", "oss-cn-beijing"],
      content: { bucket: "dst-${destination.key}", location: "${destination.value}" },
    });
    expect(expanded(body, { home: "oss-cn-shanghai" })).toEqual({
      bucket: "src",
      destination: [
        { bucket: "dst-0", location: "oss-cn-shanghai" },
        { bucket: "dst-1", location: "oss-cn-beijing" },
      ],
    });
  });

  it("iterates a map in the order of its keys, and a set with its element as key, under a named iterator", () => {
    const content = { bucket: "${t.key}", location: "${t.value}" };
    expect(expanded(destination({ for_each: { b: "y", a: "x" }, iterator: "t", content }))).toMatchObject({
      destination: [
        { bucket: "a", location: "x" },
        { bucket: "b", location: "y" },
      ],
    });
    expect(expanded(destination({ for_each: '${toset(["q", "p"])}', iterator: "t", content }))).toMatchObject(
      {
        destination: [
          { bucket: "p", location: "p" },
          { bucket: "q", location: "q" },
        ],
      },
    );
  });

  it("reads the form HashiCorp's parser writes: lists of one block, the iterator as a reference", () => {
    const body = {
      dynamic: {
        destination: [{ for_each: ["a"], iterator: "${it}", content: [{ bucket: "${it.value}" }] }],
      },
    };
    expect(expanded(body)).toEqual({ destination: [{ bucket: "a" }] });
  });

  it("expands a dynamic block inside another's content, with the outer iterator in scope", () => {
    const body = {
      dynamic: {
        rule: {
          for_each: [{ name: "r", ports: [22, 443] }],
          content: {
            name: "${rule.value.name}",
            dynamic: { port: { for_each: "${rule.value.ports}", content: { number: "${port.value}" } } },
          },
        },
      },
    };
    expect(expanded(body)).toEqual({ rule: [{ name: "r", port: [{ number: 22 }, { number: 443 }] }] });
    const empty = {
      dynamic: {
        rule: { for_each: ["r"], content: { dynamic: { port: { for_each: [], content: { number: 1 } } } } },
      },
    };
    expect(expanded(empty)).toEqual({ rule: [{}] });
  });

  it("creates no block for an empty for_each", () => {
    expect(expanded(destination({ for_each: [], content: { bucket: "x" } }))).toEqual({ bucket: "src" });
  });

  it("keeps a value that does not use the iterator as written, where it is known only after apply", () => {
    const body = destination({ for_each: ["a"], content: { bucket: "${alicloud_oss_bucket.x.id}" } });
    expect(expanded(body)).toEqual({
      bucket: "src",
      destination: [{ bucket: "${alicloud_oss_bucket.x.id}" }],
    });
  });

  it("writes text holding a template sequence so that it reads back as the same text", () => {
    const stack = stackOf(
      destination({ for_each: ["${local.text}"], content: { bucket: "${destination.value}" } }),
      {
        text: "$${a}%%{b}",
      },
    );
    const resolver = new Resolver(new Map([[stack.name, stack]]));
    const body = withDynamicBlocksExpanded(stack, resolver).resources[0]?.body as Record<string, unknown[]>;
    expect(body.destination).toEqual([{ bucket: "$${a}%%{b}" }]);
    expect(resolver.value(body.destination?.[0], stack)).toEqual({ bucket: "${a}%{b}" });
  });

  it.each([
    [
      "a for_each known only after apply",
      destination({ for_each: "${alicloud_oss_bucket.x.tags}", content: { bucket: "x" } }),
    ],
    [
      "an iterator used in a value known only after apply",
      destination({
        for_each: ["a"],
        content: { bucket: "${destination.value}-${alicloud_oss_bucket.x.id}" },
      }),
    ],
    [
      "static blocks of the same type beside it, whose order with the dynamic ones JSON does not keep",
      { ...destination({ for_each: ["a"], content: { bucket: "x" } }), destination: { bucket: "y" } },
    ],
    ["labels, which no alicloud block has", destination({ for_each: ["a"], labels: ["l"], content: {} })],
    ["a for_each Terraform refuses", destination({ for_each: "x", content: { bucket: "x" } })],
    ["no content", destination({ for_each: ["a"] })],
    [
      "more blocks than one resource's instances may be",
      destination({ for_each: `\${range(${MAX_INSTANCES + 1})}`, content: { bucket: "x" } }),
    ],
    ["an iterator that is not a name", destination({ for_each: ["a"], iterator: 1, content: {} })],
    ["an iterator that is a path", destination({ for_each: ["a"], iterator: "${a.b}", content: {} })],
    ["an iterator that is a call", destination({ for_each: ["a"], iterator: "${upper(a)}", content: {} })],
    ["a content of two blocks", destination({ for_each: ["a"], content: [{}, {}] })],
    ["an argument Terraform does not know", destination({ for_each: ["a"], contents: {} })],
    ["a dynamic block that is not an object", { dynamic: "destination" }],
    ["a spec that is not an object", { dynamic: { destination: "x" } }],
    [
      "content whose key is a template",
      destination({ for_each: ["a"], content: { "${destination.value}": "x" } }),
    ],
    [
      "content that does not parse and might use the iterator",
      destination({ for_each: ["a"], content: { bucket: "${destination.value" } }),
    ],
    [
      "content that uses the iterator inside a list, known only after apply",
      destination({
        for_each: ["a"],
        content: { ips: ["${destination.value}-${alicloud_oss_bucket.x.id}"] },
      }),
    ],
    [
      "the iterator in a list or a map known only in part",
      destination({
        for_each: ["a"],
        content: { ips: "${[destination.value, alicloud_oss_bucket.x.id]}" },
      }),
    ],
    [
      "the iterator in a map known only in part",
      destination({
        for_each: ["a"],
        content: { tags: "${{k = destination.value, id = alicloud_oss_bucket.x.id}}" },
      }),
    ],
    [
      "a nested dynamic block beside static blocks of its type",
      destination({
        for_each: ["a"],
        content: { rule: { id: "s" }, dynamic: { rule: { for_each: ["b"], content: { id: "d" } } } },
      }),
    ],
    [
      "a nested dynamic block that is not an object",
      destination({ for_each: ["a"], content: { dynamic: "rule" } }),
    ],
    [
      "a nested dynamic block that cannot be",
      destination({
        for_each: ["a"],
        content: { dynamic: { rule: { for_each: "${alicloud_oss_bucket.x.tags}", content: {} } } },
      }),
    ],
  ])("leaves a dynamic block as it is written with %s", (_, body) => {
    expect(expanded(body)).toEqual(stackOf(body).resources[0]?.body);
  });

  it("writes lists, maps, numbers, bools and nulls an iterator gives as values that read back the same", () => {
    const body = destination({
      for_each: [{ ips: ["10.0.0.0/8"], tags: { team: "data", "$${k}": null }, size: 2, on: true }],
      iterator: "t",
      content: {
        security_ips: ["${t.value.ips[0]}", "192.168.0.0/16"],
        cidrs: "${t.value.ips}",
        tags: "${t.value.tags}",
        size: "${t.value.size}",
        enabled: "${t.value.on}",
        plain: 1,
      },
    });
    expect(expanded(body)).toEqual({
      bucket: "src",
      destination: [
        {
          security_ips: ["10.0.0.0/8", "192.168.0.0/16"],
          cidrs: ["10.0.0.0/8"],
          tags: { team: "data", "$${k}": null },
          size: 2,
          enabled: true,
          plain: 1,
        },
      ],
    });
  });

  it("expands up to as many blocks as one resource may have instances", () => {
    const body = destination({ for_each: `\${range(${MAX_INSTANCES})}`, content: { bucket: "x" } });
    expect((expanded(body) as { destination: unknown[] }).destination).toHaveLength(MAX_INSTANCES);
  });

  it("expands the types it can and leaves the others as written, keeping every other resource as it is", () => {
    const document = terraformJson("app", {
      resource: {
        [TYPE]: {
          plain: { bucket: "a" },
          mixed: {
            bucket: "b",
            dynamic: {
              destination: { for_each: ["x"], content: { bucket: "${destination.value}" } },
              rule: { for_each: "${alicloud_oss_bucket.x.tags}", content: { id: "r" } },
            },
          },
        },
      },
    });
    const stack = readStack(document, "stack.json", "stack");
    const resources = withDynamicBlocksExpanded(
      stack,
      new Resolver(new Map([[stack.name, stack]])),
    ).resources;
    expect(resources.map((resource) => resource.body)).toEqual([
      { bucket: "a" },
      {
        bucket: "b",
        destination: [{ bucket: "x" }],
        // Left as written, in the list form Terraform JSON also allows.
        dynamic: { rule: [{ for_each: "${alicloud_oss_bucket.x.tags}", content: { id: "r" } }] },
      },
    ]);
  });

  it("reads dynamic blocks written as a list of objects, the array form of Terraform JSON", () => {
    const body = {
      dynamic: [
        { destination: { for_each: ["a"], content: { bucket: "${destination.value}" } } },
        { destination: [{ for_each: ["b"], content: { bucket: "${destination.value}" } }] },
      ],
    };
    expect(expanded(body)).toEqual({ destination: [{ bucket: "a" }, { bucket: "b" }] });
  });

  it("returns the stack itself when no resource has a dynamic block, or none it can expand", () => {
    const unexpanded = stackOf(destination({ for_each: "${alicloud_oss_bucket.x.tags}", content: {} }));
    const resolver = new Resolver(new Map([[unexpanded.name, unexpanded]]));
    expect(withDynamicBlocksExpanded(unexpanded, resolver)).toBe(unexpanded);
    // A plan records the blocks Terraform expanded: none is left to expand.
    const plan = { ...stackOf(destination({ for_each: ["a"], content: {} })), kind: "plan" as const };
    expect(withDynamicBlocksExpanded(plan, resolver)).toBe(plan);
  });

  it("returns the stack itself when no resource has a dynamic block", () => {
    const stack = stackOf({ bucket: "src" });
    expect(withDynamicBlocksExpanded(stack, new Resolver(new Map([[stack.name, stack]])))).toBe(stack);
  });

  it("escapes any text so that Terraform reads it back as written", () => {
    const stack = stackOf({});
    const resolver = new Resolver(new Map([[stack.name, stack]]));
    const text = fc.string({ unit: fc.constantFrom("$", "%", "{", "}", "~", "a", "\\", " ", "\n") });
    fc.assert(fc.property(text, (written) => resolver.value(escapeTemplate(written), stack) === written));
  });
});

describe("the rules read the blocks Terraform creates", () => {
  const replication = (forEach: unknown) =>
    withResource(TYPE, {
      bucket: "src",
      action: "ALL",
      dynamic: {
        destination: {
          for_each: forEach,
          iterator: "t",
          content: { bucket: "dst-${t.key}", location: "${t.value}" },
        },
      },
    });

  it("refuses a replication to a foreign region through a dynamic block's iterator, and passes a mainland one", () => {
    expect(violations(replication({ a: "oss-cn-beijing", b: "oss-ap-southeast-1" }))).toMatchObject([
      { rule: "RES-LOCATION-ATTRIBUTE", attribute: "destination.location", resolved: "oss-ap-southeast-1" },
    ]);
    expect(violations(replication({ a: "oss-cn-beijing" }))).toEqual([]);
  });

  it("still refuses the iterator's value where the elements are not known before apply", () => {
    expect(violations(replication("${alicloud_oss_bucket.x.tags}"))).toMatchObject([
      { rule: "RES-LOCATION-ATTRIBUTE", verdict: "unresolved" },
    ]);
  });

  it("sees a bucket's logging written as a dynamic block", () => {
    const bucket = (logging: unknown[]) =>
      terraformJson("app", {
        resource: {
          alicloud_oss_bucket: {
            data: {
              bucket: "data",
              dynamic: { logging: { for_each: logging, content: { target_bucket: "${logging.value}" } } },
            },
          },
        },
      });
    const logging = (document: Record<string, unknown>) =>
      check([document], { packs: [SECURITY_PACK] }).findings.filter(
        (f) => f.rule === "SEC-OSS-ACCESS-LOGGING",
      );
    expect(logging(bucket(["logs"]))).toEqual([]);
    expect(logging(bucket([]))).toMatchObject([{ address: "alicloud_oss_bucket.data" }]);
  });
});

describe("a dynamic block left as written", () => {
  it("never reads its iterator as the resource's own each (CDKTF names every iterator each)", () => {
    const document = terraformJson("app", {
      resource: {
        [TYPE]: {
          r: {
            for_each: { a: "cn-shanghai" },
            bucket: "src",
            dynamic: {
              destination: {
                for_each: "${alicloud_oss_bucket.x.tags}",
                iterator: "each",
                content: { bucket: "dst", location: "oss-${each.value}" },
              },
            },
          },
        },
      },
    });
    expect(violations(document)).toMatchObject([
      {
        rule: "RES-LOCATION-ATTRIBUTE",
        attribute: "dynamic.destination.content.location",
        verdict: "unresolved",
      },
    ]);
  });
});
