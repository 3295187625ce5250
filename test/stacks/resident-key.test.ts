import { ResidentKey } from "../../stacks/resident-key";
import type { ResidentKeyProps } from "../../stacks/resident-key";
import { only, synth } from "./synth-scope";

const KEY: ResidentKeyProps = {
  kmsInstanceId: "kst-shh-example",
  aliasName: "acme-prod-shanghai-home-personal-information",
  description: "personal information",
  dataClass: "personal-information",
};

describe("ResidentKey", () => {
  it("rotates yearly, is protected from deletion, waits 30 days, and has its alias", () => {
    let key: ResidentKey | undefined;
    const stack = synth((scope) => (key = new ResidentKey(scope, "key", KEY)));
    expect(only(stack, "alicloud_kms_key")).toMatchObject({
      dkms_instance_id: "kst-shh-example",
      automatic_rotation: "Enabled",
      rotation_interval: "31536000s",
      deletion_protection: "Enabled",
      pending_window_in_days: 30,
    });
    expect(only(stack, "alicloud_kms_alias").alias_name).toBe(
      "alias/acme-prod-shanghai-home-personal-information",
    );
    for (const accessor of [key?.keyId, key?.keyArn, key?.aliasName]) expect(accessor).toMatch(/TOKEN/);
  });

  it.each([
    [{ kmsInstanceId: "" }, "kmsInstanceId is required: only a key in a KMS instance rotates"],
    [{ pendingWindowInDays: 3 }, "pendingWindowInDays 3 must be a whole number of days from 7 to 366"],
    [{ rotationInterval: "365d" }, 'rotationInterval "365d" must be <seconds>s between 604800s'],
    [{ rotationInterval: "86400s" }, 'rotationInterval "86400s" must be <seconds>s'],
    [{ aliasName: "acs/system" }, 'aliasName "acs/system" must be 1-200 letters'],
  ])("refuses %j", (change, message) => {
    expect(() => synth((scope) => new ResidentKey(scope, "key", { ...KEY, ...change }))).toThrow(
      `ResidentKey stack/key: ${message}`,
    );
  });
});
