import { z } from "zod";
import type { Problem } from "./errors.js";
import { decimalString, positiveInt } from "./primitives.js";
import { minAboveMaxProblems, type Range } from "./range.js";

const LAST_PHASE = 4;

export const targetsKeyShape = {
  phase: z.number().int().min(1).max(LAST_PHASE),
  phaseName: z.string().min(1),
  costCenter: z.string().min(1),
  concurrentUsersMin: positiveInt,
  concurrentUsersMax: positiveInt,
  requestsPerMinuteMin: positiveInt,
  requestsPerMinuteMax: positiveInt,
  responseTimeTargetMs: positiveInt,
  uptimeTargetPercent: decimalString,
  monthlyBudgetMinUsd: positiveInt,
  monthlyBudgetMaxUsd: positiveInt,
  nextPhaseTriggerUsers: positiveInt.optional(),
  nextPhaseTriggerRequestsPerMinute: positiveInt.optional(),
  nextPhaseTriggerResponseTimeMs: positiveInt.optional(),
  nextPhaseTriggerErrorRatePercent: decimalString.optional(),
};

export type TargetsKeys = z.output<z.ZodObject<typeof targetsKeyShape>>;

/** What the phase is sized for, and what it may cost. */
export interface TargetsConfig {
  concurrentUsers: Range;
  requestsPerMinute: Range;
  responseTimeMs: number;
  uptimePercent: number;
  monthlyBudgetUsd: Range;
}

/** The load at which to start preparing the next phase. */
export interface NextPhaseTrigger {
  users: number;
  requestsPerMinute: number;
  responseTimeMs: number;
  errorRatePercent: number;
}

const triggerKeys = ["nextPhaseTriggerUsers", "nextPhaseTriggerRequestsPerMinute", "nextPhaseTriggerResponseTimeMs", "nextPhaseTriggerErrorRatePercent"] as const;

export function targetsProblems(keys: TargetsKeys): Problem<keyof TargetsKeys>[] {
  return [
    ...minAboveMaxProblems(keys, "concurrentUsersMin", "concurrentUsersMax"),
    ...minAboveMaxProblems(keys, "requestsPerMinuteMin", "requestsPerMinuteMax"),
    ...minAboveMaxProblems(keys, "monthlyBudgetMinUsd", "monthlyBudgetMaxUsd"),
    ...nextPhaseTriggerProblems(keys),
  ];
}

function nextPhaseTriggerProblems(keys: TargetsKeys): Problem<keyof TargetsKeys>[] {
  if (keys.phase < LAST_PHASE) {
    return triggerKeys
      .filter((key) => keys[key] === undefined)
      .map((key) => ({ key, message: `is required before the last phase (phase ${keys.phase}): it says when to prepare phase ${keys.phase + 1}` }));
  }
  return triggerKeys.filter((key) => keys[key] !== undefined).map((key) => ({ key, message: `has no meaning in phase ${LAST_PHASE}, the last phase: remove it` }));
}

export function nestTargets(keys: TargetsKeys): TargetsConfig {
  return {
    concurrentUsers: { min: keys.concurrentUsersMin, max: keys.concurrentUsersMax },
    requestsPerMinute: { min: keys.requestsPerMinuteMin, max: keys.requestsPerMinuteMax },
    responseTimeMs: keys.responseTimeTargetMs,
    uptimePercent: keys.uptimeTargetPercent,
    monthlyBudgetUsd: { min: keys.monthlyBudgetMinUsd, max: keys.monthlyBudgetMaxUsd },
  };
}

/** The rules make the four trigger keys all present or all absent, so the first one decides. */
export function nestNextPhaseTrigger(keys: TargetsKeys): NextPhaseTrigger | undefined {
  if (keys.nextPhaseTriggerUsers === undefined) return undefined;
  return {
    users: keys.nextPhaseTriggerUsers,
    requestsPerMinute: keys.nextPhaseTriggerRequestsPerMinute as number,
    responseTimeMs: keys.nextPhaseTriggerResponseTimeMs as number,
    errorRatePercent: keys.nextPhaseTriggerErrorRatePercent as number,
  };
}
