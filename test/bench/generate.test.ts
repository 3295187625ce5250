import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BENCH_STACK, generateConfiguration, writeConfigurations } from "../../bench/generate";
import { isMainlandRegion } from "../../policies/catalog/regions";

type Json = Record<string, unknown>;

const resourcesOf = (configuration: Json): [string, string, Json][] =>
  Object.entries(configuration.resource as Record<string, Record<string, Json>>).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): [string, string, Json] => [type, name, body]),
  );

/** Every string in a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : typeof value === "object" && value !== null
      ? Object.values(value).flatMap(strings)
      : [];

describe("benchmark configuration generator", () => {
  const configuration = generateConfiguration(50);
  const resources = resourcesOf(configuration);

  it("generates exactly the number of resources asked for", () => {
    expect(resources).toHaveLength(50);
    expect(resourcesOf(generateConfiguration(1))).toHaveLength(1);
    expect(resourcesOf(generateConfiguration(1000))).toHaveLength(1000);
  });

  it("mixes the services of a real deployment", () => {
    expect(new Set(resources.map(([type]) => type))).toEqual(
      new Set([
        "alicloud_vpc",
        "alicloud_vswitch",
        "alicloud_kms_key",
        "alicloud_oss_bucket",
        "alicloud_oss_bucket_replication",
        "alicloud_db_instance",
        "alicloud_log_project",
        "alicloud_security_group",
        "alicloud_instance",
        "alicloud_nat_gateway",
      ]),
    );
    expect(resources.filter(([, , body]) => body.provider === "alicloud.dr").length).toBeGreaterThan(0);
  });

  it("places everything in mainland China: providers, locals, zones, replication, backend", () => {
    const locals = configuration.locals as Record<string, string>;
    const providers = (configuration.provider as { alicloud: Json[] }).alicloud;
    expect(providers.map((p) => p.alias ?? "default")).toEqual(["default", "dr"]);
    const region = (value: string): string =>
      value.replace(/^\$\{local\.(\w+)\}$/, (_, name) => locals[name] ?? name);
    for (const provider of providers) expect(isMainlandRegion(region(provider.region as string))).toBe(true);
    const zones = resources.flatMap(([, , body]) =>
      [body.zone_id, body.availability_zone].filter((zone): zone is string => typeof zone === "string"),
    );
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) expect(region(zone)).toMatch(/^cn-shanghai-[a-z]$/);
    const replication = resources.find(([type]) => type === "alicloud_oss_bucket_replication")?.[2];
    expect((replication?.destination as Json).location).toBe("oss-${local.dr_region}");
    expect(isMainlandRegion(locals.dr_region ?? "")).toBe(true);
    const backend = (configuration.terraform as { backend: { oss: Json } }).backend.oss;
    expect(isMainlandRegion(backend.region as string)).toBe(true);
    expect(strings(configuration).filter((s) => /hongkong|ap-|eu-|us-/.test(s))).toEqual([]);
  });

  it("carries CDKTF construct paths and references only resources it generates", () => {
    expect((configuration["//"] as { metadata: Json }).metadata.stackName).toBe(BENCH_STACK);
    const names = new Set(resources.map(([type, name]) => `${type}.${name}`));
    for (const [, name, body] of resources) {
      expect(body["//"]).toEqual({ metadata: { path: `${BENCH_STACK}/${name}`, uniqueId: name } });
      for (const reference of strings(body).flatMap((s) => [...s.matchAll(/\$\{(alicloud_\w+\.\w+)\./g)])) {
        expect(names).toContain(reference[1]);
      }
    }
  });

  it("writes one cdk.tf.json per size", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
    try {
      const files = writeConfigurations(dir, [3, 12]);
      expect(files).toEqual([path.join(dir, "3", "cdk.tf.json"), path.join(dir, "12", "cdk.tf.json")]);
      expect(resourcesOf(JSON.parse(fs.readFileSync(files[1] as string, "utf8")))).toHaveLength(12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
