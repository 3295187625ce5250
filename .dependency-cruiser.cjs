/**
 * The guard's layers, lowest first: each may import only the layers below it (and itself). The engine is
 * given its rule packs and imports none; the stacks use the guard only through its CDKTF adapter and the
 * catalog. `npm run lint` runs this check.
 */
const LAYERS = ["language", "catalog", "engine", "rules", "packs", "report", "adapters"];

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer}`,
  comment: `policies/${layer}/ may import only ${LAYERS.slice(0, index).join(", ") || "no other layer"}`,
  severity: "error",
  from: { path: `^policies/${layer}/` },
  to: { path: `^policies/(${LAYERS.slice(index + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "policies-outside-layers",
      comment: "every module of the guard belongs to a layer",
      severity: "error",
      from: { path: "^policies/[^/]+\\.ts$" },
      to: {},
    },
    {
      name: "policies-not-stacks",
      comment: "the guard knows nothing of the stacks it checks",
      severity: "error",
      from: { path: "^policies/" },
      to: { path: "^(stacks/|main\\.ts)" },
    },
    {
      name: "stacks-through-adapter",
      comment: "stacks use the guard only through its CDKTF adapter and the catalog",
      severity: "error",
      from: { path: "^(stacks/|main\\.ts)" },
      to: { path: "^policies/", pathNot: "^policies/(adapters/cdktf|catalog)/" },
    },
    {
      name: "engine-without-cdk",
      comment:
        "only the CDKTF adapter touches the CDK: the engine reads Terraform JSON, so it works the same under cdktf or CDK Terrain",
      severity: "error",
      from: { path: "^policies/", pathNot: "^policies/adapters/cdktf/" },
      to: { path: "node_modules/(cdktf|cdktn|constructs)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^policies/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules stay in the graph, unfollowed, so that engine-without-cdk sees imports of the CDK.
    exclude: { path: "^(dist|\\.gen|cdktf\\.out)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
