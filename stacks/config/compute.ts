import { APP_ROLES, type AppRole } from "@francaisfluide/app/config";
import { z } from "zod";
import type { Problem } from "./errors.js";
import { percent, positiveInt } from "./primitives.js";
import { minAboveMaxProblems, type Range } from "./range.js";

/** An OCI repository without tag or digest, such as ghcr.io/francaisfluide/api or <account>.dkr.ecr.<region>.amazonaws.com/api. */
const imageRepository = z
  .string()
  .regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\.[a-z0-9-]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/, "expected an image repository without tag, such as ghcr.io/francaisfluide/api");
/** A release tag: "latest" and other moving tags would let two tasks of one deployment run different code. */
const imageTag = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/, "expected an image tag such as 0.1.0 or a git commit sha")
  .refine((tag) => !["latest", "main", "master", "stable"].includes(tag), "expected an immutable release tag such as 0.1.0, not a moving one");

export const computeKeyShape = {
  backendPlatform: z.enum(["fargate", "kubernetes"]),
  appImageRepository: imageRepository,
  appImageTag: imageTag,
  instanceVcpu: positiveInt,
  instanceMemoryGb: positiveInt,
  instanceStorageGb: positiveInt,
  instanceCountMin: positiveInt,
  instanceCountMax: positiveInt,
  autoscalingCpuTargetPercent: percent.optional(),
  autoscalingMemoryTargetPercent: percent.optional(),
  autoscalingRequestsPerTarget: positiveInt.optional(),
  backendServices: z.array(z.enum(APP_ROLES)).min(1),
};

export type ComputeKeys = z.output<z.ZodObject<typeof computeKeyShape>>;

export interface AutoscalingConfig {
  cpuTargetPercent: number;
  memoryTargetPercent: number;
  requestsPerTarget?: number;
}

export interface ComputeConfig {
  platform: "fargate" | "kubernetes";
  /** The app's image, as `repository:tag`. */
  image: { repository: string; tag: string };
  vcpu: number;
  memoryGb: number;
  storageGb: number;
  instanceCount: Range;
  /** Absent when the instance count is fixed (min equals max). */
  autoscaling?: AutoscalingConfig;
  /**
   * The app's services, each one APP_ROLE of the same image scaled on its own (the seed's phase 3 microservices):
   * `["all"]` for one service, or the split roles, with `all` for whatever they leave.
   */
  services: AppRole[];
}

const autoscalingKeys = ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent", "autoscalingRequestsPerTarget"] as const;
const requiredAutoscalingKeys = ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent"] as const;

function autoscales(keys: ComputeKeys): boolean {
  return keys.instanceCountMax > keys.instanceCountMin;
}

export function computeProblems(keys: ComputeKeys): Problem<keyof ComputeKeys>[] {
  return [...minAboveMaxProblems(keys, "instanceCountMin", "instanceCountMax"), ...autoscalingProblems(keys), ...servicesProblems(keys.backendServices)];
}

/** Every route must have a service: without `all`, each split role needs its own. */
export function servicesProblems(services: AppRole[]): Problem<"backendServices">[] {
  const problems: Problem<"backendServices">[] = [];
  const repeated = [...new Set(services.filter((role, index) => services.indexOf(role) !== index))];
  if (repeated.length > 0) problems.push({ key: "backendServices", message: `lists ${repeated.join(", ")} more than once: expected each service once` });
  const missing = APP_ROLES.filter((role) => role !== "all" && !services.includes(role));
  if (!services.includes("all") && missing.length > 0) {
    problems.push({ key: "backendServices", message: `leaves the routes of ${missing.join(", ")} without a service: add them, or add all to serve what the others leave` });
  }
  if (services.includes("all") && missing.length === 0) {
    problems.push({ key: "backendServices", message: "lists all beside every split role, so all would serve nothing but health and docs: remove all" });
  }
  return problems;
}

function autoscalingProblems(keys: ComputeKeys): Problem<keyof ComputeKeys>[] {
  if (autoscales(keys)) {
    return requiredAutoscalingKeys
      .filter((key) => keys[key] === undefined)
      .map((key) => ({ key, message: `is required when instanceCountMax (${keys.instanceCountMax}) exceeds instanceCountMin (${keys.instanceCountMin})` }));
  }
  return autoscalingKeys
    .filter((key) => keys[key] !== undefined)
    .map((key) => ({ key, message: `has no effect: instanceCountMin equals instanceCountMax (${keys.instanceCountMax}); remove it or widen the range` }));
}

export function nestCompute(keys: ComputeKeys): ComputeConfig {
  return {
    platform: keys.backendPlatform,
    image: { repository: keys.appImageRepository, tag: keys.appImageTag },
    vcpu: keys.instanceVcpu,
    memoryGb: keys.instanceMemoryGb,
    storageGb: keys.instanceStorageGb,
    instanceCount: { min: keys.instanceCountMin, max: keys.instanceCountMax },
    autoscaling: autoscales(keys)
      ? {
          cpuTargetPercent: keys.autoscalingCpuTargetPercent as number,
          memoryTargetPercent: keys.autoscalingMemoryTargetPercent as number,
          requestsPerTarget: keys.autoscalingRequestsPerTarget,
        }
      : undefined,
    services: keys.backendServices,
  };
}
