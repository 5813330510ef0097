import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { gcpProblems } from "./gcp.js";
import { parsePhaseConfig } from "./index.js";
import { projectKeysOf, stackFilePath } from "./load.js";

const keysOf = (stack: string) => projectKeysOf((parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> }).config);

describe("gcpProblems", () => {
  it("requires a GCP project and region, and the per-pod request target, with the kubernetes platform", () => {
    expect(gcpProblems({ backendPlatform: "kubernetes", gcpProject: "francaisfluide-prod", gcpRegion: "europe-west9", autoscalingRequestsPerTarget: 1000 })).toEqual([]);
    expect(gcpProblems({ backendPlatform: "kubernetes" }).map((problem) => problem.key)).toEqual(["gcpProject", "gcpRegion", "autoscalingRequestsPerTarget"]);
  });

  it("refuses GCP keys on Fargate, where nothing runs on GCP", () => {
    expect(gcpProblems({ backendPlatform: "fargate", gcpRegion: "europe-west9" })).toEqual([
      { key: "gcpRegion", message: "has no effect with backendPlatform fargate: only the kubernetes platform runs on GCP (GKE); remove it" },
    ]);
  });
});

describe("the GCP keys in the stack files", () => {
  it("give phase 4 its project and region, and no earlier phase any", () => {
    expect(parsePhaseConfig("phase4", keysOf("phase4"), "Pulumi.phase4.yaml").gcp).toEqual({ project: "francaisfluide-prod", region: "europe-west9" });
    for (const stack of ["phase1", "phase2", "phase3"]) expect(parsePhaseConfig(stack, keysOf(stack), `Pulumi.${stack}.yaml`).gcp).toBeUndefined();
  });

  it("reject a project id GCP would refuse, naming the key", () => {
    expect(() => parsePhaseConfig("phase4", { ...keysOf("phase4"), gcpProject: "FrancaisFluide" }, "Pulumi.phase4.yaml")).toThrow(/francaisfluide:gcpProject/);
    expect(() => parsePhaseConfig("phase4", { ...keysOf("phase4"), gcpRegion: undefined }, "Pulumi.phase4.yaml")).toThrow(/francaisfluide:gcpRegion: is required with backendPlatform kubernetes/);
  });
});
