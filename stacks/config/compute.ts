import { z } from "zod";
import type { Problem } from "./errors.js";
import { percent, positiveInt } from "./primitives.js";
import { minAboveMaxProblems, type Range } from "./range.js";

export const computeKeyShape = {
  backendPlatform: z.enum(["fargate", "kubernetes"]),
  instanceVcpu: positiveInt,
  instanceMemoryGb: positiveInt,
  instanceStorageGb: positiveInt,
  instanceCountMin: positiveInt,
  instanceCountMax: positiveInt,
  autoscalingCpuTargetPercent: percent.optional(),
  autoscalingMemoryTargetPercent: percent.optional(),
  autoscalingRequestsPerTarget: positiveInt.optional(),
};

export type ComputeKeys = z.output<z.ZodObject<typeof computeKeyShape>>;

export interface AutoscalingConfig {
  cpuTargetPercent: number;
  memoryTargetPercent: number;
  requestsPerTarget?: number;
}

export interface ComputeConfig {
  platform: "fargate" | "kubernetes";
  vcpu: number;
  memoryGb: number;
  storageGb: number;
  instanceCount: Range;
  /** Absent when the instance count is fixed (min equals max). */
  autoscaling?: AutoscalingConfig;
}

const autoscalingKeys = ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent", "autoscalingRequestsPerTarget"] as const;
const requiredAutoscalingKeys = ["autoscalingCpuTargetPercent", "autoscalingMemoryTargetPercent"] as const;

function autoscales(keys: ComputeKeys): boolean {
  return keys.instanceCountMax > keys.instanceCountMin;
}

export function computeProblems(keys: ComputeKeys): Problem<keyof ComputeKeys>[] {
  return [...minAboveMaxProblems(keys, "instanceCountMin", "instanceCountMax"), ...autoscalingProblems(keys)];
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
  };
}
