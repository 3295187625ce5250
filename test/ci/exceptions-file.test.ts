import * as fs from "fs";
import * as path from "path";
import { validateExceptions } from "../../policies/engine/exceptions";
import { PACKS } from "../../policies/packs";

describe("residency-exceptions.json", () => {
  it("is committed and valid for every pack, so synth and the workflow can read it", () => {
    const file = path.join(__dirname, "../../residency-exceptions.json");
    const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(() => validateExceptions(value, PACKS.all ?? [])).not.toThrow();
  });
});
