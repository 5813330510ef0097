import { z } from "zod";
import type { ComputeKeys } from "./compute.js";
import type { Problem } from "./errors.js";

/** GCP's project-id rules: 6 to 30 lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const gcpProjectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "expected a GCP project id such as francaisfluide-prod (6-30 lower-case letters, digits, hyphens)");
const gcpRegion = z.string().regex(/^[a-z]+-[a-z]+\d+$/, "expected a GCP region name such as europe-west9");

/**
 * The second cloud of the Kubernetes phase: GKE runs the same workload beside EKS. Only that phase has a GCP
 * project, so the keys are required with backendPlatform kubernetes and refused otherwise.
 */
export const gcpKeyShape = {
  gcpProject: gcpProjectId.optional(),
  gcpRegion: gcpRegion.optional(),
};

export type GcpKeys = z.output<z.ZodObject<typeof gcpKeyShape>>;

export interface GcpConfig {
  project: string;
  region: string;
}

const gcpKeys = ["gcpProject", "gcpRegion"] as const;

export function gcpProblems(keys: GcpKeys & Pick<ComputeKeys, "backendPlatform" | "autoscalingRequestsPerTarget">): Problem<keyof GcpKeys | "autoscalingRequestsPerTarget">[] {
  if (keys.backendPlatform !== "kubernetes") {
    return gcpKeys
      .filter((key) => keys[key] !== undefined)
      .map((key) => ({ key, message: `has no effect with backendPlatform ${keys.backendPlatform}: only the kubernetes platform runs on GCP (GKE); remove it` }));
  }
  const problems: Problem<keyof GcpKeys | "autoscalingRequestsPerTarget">[] = gcpKeys
    .filter((key) => keys[key] === undefined)
    .map((key) => ({ key, message: "is required with backendPlatform kubernetes: GKE runs the workload in that project and region" }));
  if (keys.autoscalingRequestsPerTarget === undefined) {
    problems.push({ key: "autoscalingRequestsPerTarget", message: "is required with backendPlatform kubernetes: the regions' replica floors are sized from it" });
  }
  return problems;
}

export function nestGcp(keys: GcpKeys): GcpConfig | undefined {
  return keys.gcpProject !== undefined && keys.gcpRegion !== undefined ? { project: keys.gcpProject, region: keys.gcpRegion } : undefined;
}
