import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig, validateConfig } from "../../stacks/config";
import type { DataCentersFile } from "../../stacks/config";

const PROJECT = join(__dirname, "../..");
const DEFAULT_FILE = join(PROJECT, "datacenters.json");
const THREE_FILE = join(__dirname, "fixtures/three-data-centers.json");

type Mutable = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The default file's content, changed by `change` (which edits a deep copy). */
function defaults(change: (file: Mutable) => void = () => undefined): unknown {
  const file = JSON.parse(readFileSync(DEFAULT_FILE, "utf8"));
  change(file);
  return file;
}

function threeDataCenters(change: (file: Mutable) => void = () => undefined): unknown {
  const file = JSON.parse(readFileSync(THREE_FILE, "utf8"));
  change(file);
  return file;
}

function refusal(content: unknown): string {
  try {
    validateConfig("datacenters.json", content);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("the committed datacenters.json", () => {
  it("is today's data center: Shanghai, DR in Beijing, the state in Shanghai with a Beijing copy", () => {
    const config = validateConfig("datacenters.json", defaults()) as DataCentersFile;
    expect(config.dataCenters.map(({ name, region, dr }) => [name, region, dr.region])).toEqual([
      ["shanghai", "cn-shanghai", "cn-beijing"],
    ]);
    expect([config.state.region, config.state.dr.region]).toEqual(["cn-shanghai", "cn-beijing"]);
    expect(config.account).toEqual({ auditDataCenter: "shanghai" });
  });

  it("has a schema generated from the TypeScript type, and the committed one is up to date", () => {
    const run = spawnSync(
      process.execPath,
      [join(PROJECT, "scripts/generate-config-schema.mjs"), "--check"],
      {
        encoding: "utf8",
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("accepts the fixture with Shenzhen and Chengdu beside Shanghai", () => {
    const config = validateConfig("three.json", threeDataCenters());
    expect(config.dataCenters.map(({ name }) => name)).toEqual(["shanghai", "shenzhen", "chengdu"]);
  });
});

describe("validateConfig refuses, naming the file, the data center and the field", () => {
  it("a region outside the mainland catalog: cn-hongkong, an unknown ID, a DR region abroad", () => {
    expect(refusal(defaults((file) => (file.dataCenters[0].region = "cn-hongkong")))).toBe(
      'Invalid data-center configuration datacenters.json: dataCenters[0] (shanghai) region "cn-hongkong" is not a mainland China region of the catalog (policies/catalog/regions.ts); data must stay in mainland China',
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].dr.region = "cn-atlantis")))).toMatch(
      /dataCenters\[0\] \(shanghai\) dr\.region "cn-atlantis" is not a mainland China region/,
    );
    expect(refusal(defaults((file) => (file.state.dr.region = "ap-southeast-1")))).toMatch(
      /: state\.dr\.region "ap-southeast-1" is not a mainland China region/,
    );
  });

  it("a region that merely starts with cn- is not mainland: the catalog decides", () => {
    expect(refusal(defaults((file) => (file.dataCenters[0].region = "cn-hongkong-2")))).toMatch(
      /region "cn-hongkong-2" is not a mainland China region/,
    );
  });

  it("a DR region equal to its home region", () => {
    expect(refusal(defaults((file) => (file.dataCenters[0].dr.region = "cn-shanghai")))).toMatch(
      /dataCenters\[0\] \(shanghai\) dr\.region "cn-shanghai" must differ from the home region/,
    );
    expect(refusal(defaults((file) => (file.state.dr.region = "cn-shanghai")))).toMatch(
      /state\.dr\.region "cn-shanghai" must differ/,
    );
  });

  it("zones that repeat or are not in their region, in the second data center", () => {
    expect(
      refusal(
        threeDataCenters((file) => (file.dataCenters[1].zones[1].zone = file.dataCenters[1].zones[0].zone)),
      ),
    ).toMatch(/dataCenters\[1\] \(shenzhen\) zones\[1\]\.zone "cn-shenzhen-e" repeats zones\[0\]\.zone/);
    expect(
      refusal(threeDataCenters((file) => (file.dataCenters[2].dr.zones[0].zone = "cn-shanghai-g"))),
    ).toMatch(
      /dataCenters\[2\] \(chengdu\) dr\.zones\[0\]\.zone "cn-shanghai-g" is not a zone of cn-beijing/,
    );
    expect(refusal(defaults((file) => (file.state.zones[1].zone = "cn-shanghai")))).toMatch(
      /state\.zones\[1\]\.zone "cn-shanghai" is not a zone of cn-shanghai/,
    );
  });

  it("fewer than two zones, by the schema", () => {
    expect(refusal(defaults((file) => file.dataCenters[0].zones.pop()))).toMatch(
      /dataCenters\[0\] \(shanghai\)\.zones should NOT have fewer than 2 items/,
    );
  });

  it("a CIDR with host bits, saying which network address was meant", () => {
    expect(refusal(defaults((file) => (file.dataCenters[0].vpcCidr = "10.20.0.5/16")))).toBe(
      'Invalid data-center configuration datacenters.json: dataCenters[0] (shanghai) vpcCidr "10.20.0.5/16" has host bits set: write its network address, 10.20.0.0/16',
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].zones[1].cidr = "10.20.16.1/20")))).toMatch(
      /zones\[1\]\.cidr "10.20.16.1\/20" has host bits set: write its network address, 10.20.16.0\/20/,
    );
  });

  it("a CIDR that is malformed, outside its VPC, or overlapping another vSwitch", () => {
    expect(refusal(defaults((file) => (file.dataCenters[0].vpcCidr = "10.20.0.0/33")))).toMatch(
      /vpcCidr "10.20.0.0\/33" is not an IPv4 CIDR block/,
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].dr.zones[1].cidr = "10.20.0.0/20")))).toMatch(
      /dataCenters\[0\] \(shanghai\) dr\.zones\[1\]\.cidr "10.20.0.0\/20" is not inside vpcCidr "10.30.0.0\/16"/,
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].zones[1].cidr = "10.20.8.0/24")))).toMatch(
      /zones\[1\]\.cidr "10.20.8.0\/24" overlaps zones\[0\]\.cidr "10.20.0.0\/20"/,
    );
  });

  it("any two VPCs that overlap: across data centers, with a DR network, with the state networks", () => {
    const shenzhenOverShanghai = threeDataCenters((file) => {
      file.dataCenters[1].vpcCidr = "10.20.0.0/16";
      file.dataCenters[1].zones = [
        { zone: "cn-shenzhen-e", cidr: "10.20.0.0/20" },
        { zone: "cn-shenzhen-f", cidr: "10.20.16.0/20" },
      ];
    });
    expect(refusal(shenzhenOverShanghai)).toMatch(
      /dataCenters\[1\] \(shenzhen\) vpcCidr "10.20.0.0\/16" overlaps dataCenters\[0\] \(shanghai\) vpcCidr "10.20.0.0\/16"/,
    );
    const chengduDrOverShenzhenDr = threeDataCenters((file) => {
      file.dataCenters[2].dr.vpcCidr = "10.48.0.0/12";
      file.dataCenters[2].dr.zones = [
        { zone: "cn-beijing-h", cidr: "10.48.0.0/20" },
        { zone: "cn-beijing-i", cidr: "10.48.16.0/20" },
      ];
    });
    expect(refusal(chengduDrOverShenzhenDr)).toMatch(
      /dataCenters\[2\] \(chengdu\) dr\.vpcCidr "10.48.0.0\/12" overlaps dataCenters\[1\] \(shenzhen\) dr\.vpcCidr "10.50.0.0\/16"/,
    );
    const stateInsideHome = defaults((file) => {
      file.state.vpcCidr = "10.20.0.0/24";
      file.state.zones = [
        { zone: "cn-shanghai-e", cidr: "10.20.0.0/26" },
        { zone: "cn-shanghai-f", cidr: "10.20.0.64/26" },
      ];
    });
    expect(refusal(stateInsideHome)).toMatch(
      /state\.vpcCidr "10.20.0.0\/24" overlaps dataCenters\[0\] \(shanghai\) vpcCidr "10.20.0.0\/16"/,
    );
  });

  it("a name prefix that makes the state lock instance's name longer than Tablestore allows", () => {
    expect(refusal(defaults((file) => (file.namePrefix = "acme-platform")))).toBe(
      'Invalid data-center configuration datacenters.json: namePrefix "acme-platform" with environment "prod" names the state lock instance "acme-platform-prod-tf", longer than Tablestore\'s 16 characters: shorten one of them',
    );
  });

  it("two data centers of one name, an audit data center that does not exist, an unknown field", () => {
    expect(refusal(threeDataCenters((file) => (file.dataCenters[2].name = "shanghai")))).toMatch(
      /dataCenters\[2\] \(shanghai\) name repeats dataCenters\[0\]\.name/,
    );
    expect(refusal(defaults((file) => (file.account.auditDataCenter = "hangzhou")))).toMatch(
      /account\.auditDataCenter "hangzhou" is not the name of a data center of the file \(shanghai\)/,
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].drRegion = "cn-beijing")))).toMatch(
      /dataCenters\[0\] \(shanghai\)\.drRegion is not a known field/,
    );
    expect(refusal(defaults((file) => (file.dataCenters[0].name = "Shang Hai")))).toMatch(
      /dataCenters\[0\] \(Shang Hai\)\.name should match pattern/,
    );
  });
});

describe("loadConfig", () => {
  const dir = mkdtempSync(join(tmpdir(), "config-"));

  it("reads datacenters.json by default and the file DATA_CENTER_CONFIG names otherwise", () => {
    const cwd = process.cwd();
    try {
      process.chdir(PROJECT);
      expect(loadConfig({}).dataCenters.map(({ name }) => name)).toEqual(["shanghai"]);
    } finally {
      process.chdir(cwd);
    }
    expect(loadConfig({ DATA_CENTER_CONFIG: THREE_FILE }).dataCenters).toHaveLength(3);
  });

  it("selects the state backend from STATE_BACKEND, local by default", () => {
    expect(loadConfig({ DATA_CENTER_CONFIG: THREE_FILE }).stateBackend).toBe("local");
    expect(loadConfig({ DATA_CENTER_CONFIG: THREE_FILE, STATE_BACKEND: "oss" }).stateBackend).toBe("oss");
    expect(() => loadConfig({ DATA_CENTER_CONFIG: THREE_FILE, STATE_BACKEND: "s3" })).toThrow(
      'Invalid data-center configuration STATE_BACKEND: "s3" must be "local" or "oss"',
    );
  });

  it("refuses a file that is missing or not JSON, naming it", () => {
    const missing = join(dir, "missing.json");
    expect(() => loadConfig({ DATA_CENTER_CONFIG: missing })).toThrow(`${missing}: cannot be read (ENOENT)`);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{ "dataCenters": [');
    expect(() => loadConfig({ DATA_CENTER_CONFIG: broken })).toThrow(
      new RegExp(`${broken}: is not valid JSON`),
    );
  });
});

describe("main.ts on an invalid configuration", () => {
  it("prints one line naming the file, the data center and the field, exits 1, and writes nothing", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "config-")), "datacenters.json");
    writeFileSync(bad, JSON.stringify(defaults((file) => (file.dataCenters[0].vpcCidr = "10.20.0.5/16"))));
    const outdir = mkdtempSync(join(tmpdir(), "out-"));
    // The built app (npm test builds first), as cdktf synth runs it.
    const run = spawnSync(process.execPath, [join(PROJECT, "dist/main.js")], {
      env: { ...process.env, DATA_CENTER_CONFIG: bad, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Invalid data-center configuration ${bad}: dataCenters[0] (shanghai) vpcCidr "10.20.0.5/16" has host bits set: write its network address, 10.20.0.0/16\n`,
    );
    expect(spawnSync("ls", [outdir], { encoding: "utf8" }).stdout).toBe("");
  });
});
