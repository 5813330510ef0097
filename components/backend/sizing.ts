/**
 * Fargate's task sizes: for each CPU value (in CPU units, 1024 per vCPU), the memory it accepts, in MiB
 * (Amazon ECS developer guide, "Task CPU and memory", Linux tasks on platform version 1.4).
 */
const FARGATE_MEMORY_BY_CPU: Record<number, { minMiB: number; maxMiB: number; stepMiB: number }> = {
  1024: { minMiB: 2048, maxMiB: 8192, stepMiB: 1024 },
  2048: { minMiB: 4096, maxMiB: 16384, stepMiB: 1024 },
  4096: { minMiB: 8192, maxMiB: 30720, stepMiB: 1024 },
  8192: { minMiB: 16384, maxMiB: 61440, stepMiB: 4096 },
  16384: { minMiB: 32768, maxMiB: 122880, stepMiB: 8192 },
};

export interface FargateTaskSize {
  /** CPU units, as the task definition takes them. */
  cpu: string;
  /** MiB. */
  memory: string;
}

/** The task definition's cpu and memory for the stack's instance size; throws, naming both values, on a pair Fargate refuses. */
export function fargateTaskSize(vcpu: number, memoryGb: number): FargateTaskSize {
  const cpu = vcpu * 1024;
  const memory = memoryGb * 1024;
  const accepted = FARGATE_MEMORY_BY_CPU[cpu];
  const fits = accepted !== undefined && memory >= accepted.minMiB && memory <= accepted.maxMiB && (memory - accepted.minMiB) % accepted.stepMiB === 0;
  if (!fits) {
    const choices = accepted
      ? `${accepted.minMiB / 1024}-${accepted.maxMiB / 1024} GB in steps of ${accepted.stepMiB / 1024} GB`
      : `none: Fargate takes ${Object.keys(FARGATE_MEMORY_BY_CPU).map((units) => Number(units) / 1024).join(", ")} vCPUs`;
    throw new Error(`Fargate has no task size of ${vcpu} vCPU with ${memoryGb} GB of memory (instanceVcpu ${vcpu}, instanceMemoryGb ${memoryGb}): with ${vcpu} vCPU it takes ${choices}`);
  }
  return { cpu: String(cpu), memory: String(memory) };
}

/** Fargate gives every task 20 GiB of ephemeral storage, and takes a size from 21 to 200 GiB when asked for more. */
export const FARGATE_EPHEMERAL_STORAGE_GIB = { included: 20, min: 21, max: 200 } as const;

/**
 * The task's ephemeral storage for the seed's instance storage in GB. A GiB is larger than a GB, so asking
 * the same number of GiB always covers it. Up to 20 GB the included 20 GiB already do, and ephemeralStorage
 * cannot even ask for less than 21: undefined, leave it out. Above 200 GB Fargate has nothing: throws (that
 * much local disk is a Kubernetes node's, as in phase 4).
 */
export function fargateEphemeralStorageGib(storageGb: number): number | undefined {
  if (storageGb <= FARGATE_EPHEMERAL_STORAGE_GIB.included) return undefined;
  if (storageGb > FARGATE_EPHEMERAL_STORAGE_GIB.max) {
    throw new Error(`Fargate tasks have at most ${FARGATE_EPHEMERAL_STORAGE_GIB.max} GiB of ephemeral storage, and instanceStorageGb asks for ${storageGb} GB: run the phase on Kubernetes, or lower it`);
  }
  return storageGb;
}

export interface ScalingTargets {
  cpuPercent: number;
  memoryPercent: number;
  requestsPerTarget?: number;
}

/** How one service scales: a fixed count, or target tracking between bounds on each metric the stack gives. */
export type ScalingPlan =
  | { kind: "fixed"; count: number }
  | { kind: "target-tracking"; min: number; max: number; metrics: { metric: "cpu" | "memory" | "requests"; target: number }[] };

export function planScaling(count: { min: number; max: number }, targets: ScalingTargets | undefined): ScalingPlan {
  if (count.min > count.max) throw new Error(`Scaling bounds are reversed: min ${count.min} is above max ${count.max}`);
  if (count.min === count.max) {
    if (targets) throw new Error(`Scaling targets were given for a fixed count of ${count.min}: widen the bounds or drop the targets`);
    return { kind: "fixed", count: count.min };
  }
  if (!targets) throw new Error(`Scaling between ${count.min} and ${count.max} needs targets (CPU and memory at least)`);
  return {
    kind: "target-tracking",
    min: count.min,
    max: count.max,
    metrics: [
      { metric: "cpu", target: targets.cpuPercent },
      { metric: "memory", target: targets.memoryPercent },
      ...(targets.requestsPerTarget === undefined ? [] : [{ metric: "requests" as const, target: targets.requestsPerTarget }]),
    ],
  };
}
