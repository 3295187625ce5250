import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ConfigError, configFromEnvironment, DEFAULT_CONFIG, validateConfig } from "../../stacks/config";
import type { DataCenterConfig } from "../../stacks/config";

function refusal(change: Partial<DataCenterConfig>): string {
  try {
    validateConfig({ ...DEFAULT_CONFIG, ...change });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("validateConfig", () => {
  it("accepts the defaults: cn-shanghai home, a mainland DR region, two Shanghai zones", () => {
    expect(validateConfig(DEFAULT_CONFIG)).toBe(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.homeRegion).toBe("cn-shanghai");
    expect(DEFAULT_CONFIG.drRegion).toBe("cn-beijing");
  });

  it("refuses cn-hongkong, which is outside mainland China", () => {
    expect(refusal({ drRegion: "cn-hongkong" })).toMatch(
      /drRegion "cn-hongkong" is not a mainland China region/,
    );
    expect(refusal({ homeRegion: "cn-hongkong" })).toMatch(/homeRegion "cn-hongkong"/);
  });

  it("refuses an unknown region", () => {
    expect(refusal({ drRegion: "cn-atlantis" })).toMatch(/drRegion "cn-atlantis"/);
  });

  it("refuses a zone outside the home region", () => {
    const zones = [DEFAULT_CONFIG.zones[0], { zoneId: "cn-hangzhou-b", cidr: "10.20.16.0/20" }];
    expect(refusal({ zones })).toMatch(/zones\[1\]\.zoneId "cn-hangzhou-b" is not a zone of cn-shanghai/);
    const drZones = [DEFAULT_CONFIG.drZones[0], { zoneId: "cn-shanghai-g", cidr: "10.30.16.0/20" }];
    expect(refusal({ drZones })).toMatch(/drZones\[1\]\.zoneId "cn-shanghai-g" is not a zone of cn-beijing/);
  });

  it("refuses a DR network like the home one: one zone, a CIDR outside its VPC, a VPC overlapping the home VPC", () => {
    expect(refusal({ drZones: [DEFAULT_CONFIG.drZones[0]] })).toMatch(
      /drZones needs at least two distinct zones of cn-beijing, got 1/,
    );
    const outside = [DEFAULT_CONFIG.drZones[0], { zoneId: "cn-beijing-i", cidr: "10.20.0.0/20" }];
    expect(refusal({ drZones: outside })).toMatch(
      /drZones\[1\]\.cidr "10.20.0.0\/20" is not inside drVpcCidr/,
    );
    expect(refusal({ drVpcCidr: "10.0.0.0/8" })).toMatch(
      /drVpcCidr "10.0.0.0\/8" overlaps vpcCidr "10.20.0.0\/16"/,
    );
  });

  it("refuses a state network outside the home region, with one zone, or overlapping another VPC", () => {
    const foreignZone = [DEFAULT_CONFIG.stateZones[0], { zoneId: "cn-beijing-h", cidr: "10.10.0.64/26" }];
    expect(refusal({ stateZones: foreignZone })).toMatch(
      /stateZones\[1\]\.zoneId "cn-beijing-h" is not a zone of cn-shanghai/,
    );
    expect(refusal({ stateZones: [DEFAULT_CONFIG.stateZones[0]] })).toMatch(
      /stateZones needs at least two distinct zones of cn-shanghai, got 1/,
    );
    const outside = [DEFAULT_CONFIG.stateZones[0], { zoneId: "cn-shanghai-f", cidr: "10.10.1.0/26" }];
    expect(refusal({ stateZones: outside })).toMatch(
      /stateZones\[1\]\.cidr "10.10.1.0\/26" is not inside stateVpcCidr "10.10.0.0\/24"/,
    );
    const insideHome = {
      stateVpcCidr: "10.20.0.0/24",
      stateZones: [
        { zoneId: "cn-shanghai-e", cidr: "10.20.0.0/26" },
        { zoneId: "cn-shanghai-f", cidr: "10.20.0.64/26" },
      ],
    };
    expect(refusal(insideHome)).toMatch(/stateVpcCidr "10.20.0.0\/24" overlaps vpcCidr "10.20.0.0\/16"/);
  });

  it("refuses overlapping vSwitch CIDRs and a CIDR outside the VPC", () => {
    const overlapping = [DEFAULT_CONFIG.zones[0], { zoneId: "cn-shanghai-f", cidr: "10.20.8.0/24" }];
    expect(refusal({ zones: overlapping })).toMatch(
      /zones\[1\]\.cidr "10.20.8.0\/24" overlaps zones\[0\]\.cidr/,
    );
    const outside = [DEFAULT_CONFIG.zones[0], { zoneId: "cn-shanghai-f", cidr: "10.30.0.0/20" }];
    expect(refusal({ zones: outside })).toMatch(/zones\[1\]\.cidr "10.30.0.0\/20" is not inside vpcCidr/);
    expect(refusal({ vpcCidr: "10.20.0.0/33" })).toMatch(/vpcCidr "10.20.0.0\/33" is not an IPv4 CIDR/);
  });

  it("refuses a single zone, also when it is listed twice", () => {
    expect(refusal({ zones: [DEFAULT_CONFIG.zones[0]] })).toMatch(/zones needs at least two distinct zones/);
    const twice = [
      DEFAULT_CONFIG.zones[0],
      { zoneId: DEFAULT_CONFIG.zones[0].zoneId, cidr: "10.20.16.0/20" },
    ];
    expect(refusal({ zones: twice })).toMatch(
      /zones needs at least two distinct zones of cn-shanghai, got 1/,
    );
  });

  it("refuses a DR region equal to the home region", () => {
    expect(refusal({ drRegion: "cn-shanghai" })).toMatch(/drRegion must differ from homeRegion/);
  });
});

describe("configFromEnvironment", () => {
  it("selects the state backend from STATE_BACKEND, local by default", () => {
    expect(configFromEnvironment({}).stateBackend).toBe("local");
    expect(configFromEnvironment({ STATE_BACKEND: "oss" }).stateBackend).toBe("oss");
    expect(() => configFromEnvironment({ STATE_BACKEND: "s3" })).toThrow(
      /STATE_BACKEND "s3" must be "local" or "oss"/,
    );
  });
});

describe("main.ts on invalid configuration", () => {
  it("prints the message naming the field and exits 1, without a stack trace", () => {
    // The built app (npm test builds first), as cdktf synth runs it.
    const run = spawnSync(process.execPath, [join(__dirname, "../../dist/main.js")], {
      env: { ...process.env, STATE_BACKEND: "s3" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Invalid data-center configuration: STATE_BACKEND "s3" must be "local" or "oss"',
    );
  });
});
