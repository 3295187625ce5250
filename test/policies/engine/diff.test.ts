import { diffPlacements } from "../../../policies/engine/diff";
import type { ResourcePlacement } from "../../../policies/engine/types";

const placement = (
  address: string,
  places: string[],
  action?: ResourcePlacement["action"],
): ResourcePlacement => ({
  stack: "app",
  address,
  type: "alicloud_oss_bucket",
  provider: "alicloud",
  places,
  verdict: "mainland",
  source: { file: "cdk.tf.json" },
  ...(action === undefined ? {} : { action }),
});

describe("placement diff", () => {
  it("lists added, moved and removed resources, carrying the planned action", () => {
    const base = [
      placement("a", ["cn-shanghai"]),
      placement("b", ["cn-shanghai"]),
      placement("c", ["cn-shanghai"]),
    ];
    const head = [
      placement("a", ["cn-shanghai"]),
      placement("b", ["cn-hongkong"], "replace"),
      placement("d", ["cn-hangzhou"], "create"),
    ];
    expect(diffPlacements(base, head)).toEqual([
      {
        change: "moved",
        stack: "app",
        address: "b",
        before: ["cn-shanghai"],
        after: ["cn-hongkong"],
        action: "replace",
      },
      { change: "added", stack: "app", address: "d", after: ["cn-hangzhou"], action: "create" },
      { change: "removed", stack: "app", address: "c", before: ["cn-shanghai"] },
    ]);
  });

  it("compares places as sets: order does not move a resource, a changed or extra place does", () => {
    const base = [
      placement("same", ["cn-shanghai", "cn-hangzhou"]),
      placement("reordered", ["cn-hangzhou", "cn-shanghai"]),
      placement("changed", ["cn-shanghai", "cn-hangzhou"]),
      placement("extra", ["cn-shanghai"]),
      placement("joined", ["a", "bc"]),
    ];
    const head = [
      placement("same", ["cn-hangzhou", "cn-shanghai"], "update"),
      placement("reordered", ["cn-shanghai", "cn-hangzhou"]),
      placement("changed", ["cn-hangzhou", "cn-hongkong"]),
      placement("extra", ["cn-shanghai", "cn-shanghai"]),
      placement("joined", ["ab", "c"]),
    ];
    expect(diffPlacements(base, head).map(({ change, address }) => [change, address])).toEqual([
      ["moved", "changed"],
      ["moved", "extra"],
      ["moved", "joined"],
    ]);
  });

  it("carries no action when the placement has none", () => {
    expect(diffPlacements([], [placement("a", ["cn-shanghai"])])).toStrictEqual([
      { change: "added", stack: "app", address: "a", after: ["cn-shanghai"] },
    ]);
  });
});
