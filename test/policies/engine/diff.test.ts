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
});
