/**
 * What a load test of one phase aims at, from its stack file: the request rate (one instance's share of the phase's
 * peak, or the whole fleet's), the response-time target and the error-rate threshold.
 */
import type { PhaseConfig } from "../../stacks/config/index.js";

export type RateScope = "instance" | "fleet";

export interface LoadTarget {
  stack: string;
  phase: number;
  scope: RateScope;
  /** Requests per second to send, rounded up to a whole request (autocannon paces whole requests per second). */
  requestsPerSecond: number;
  /** How the rate was derived, for the report. */
  rateBasis: string;
  responseTimeTargetMs: number;
  errorRateThresholdPercent: number;
  /** Where the threshold comes from (the phase's own trigger, or an earlier phase's). */
  errorRateBasis: string;
}

/**
 * Per instance: the phase's peak (requestsPerMinuteMax) in its busiest region, spread over that region's largest
 * fleet (instanceCountMax; the stack files count instances per region). A fleet can carry the peak only if each of
 * its instances carries this much, so it is the load one instance must take. Fleet: the whole peak.
 */
export function requestRate(config: PhaseConfig, scope: RateScope): { requestsPerSecond: number; basis: string } {
  const peakPerMinute = config.targets.requestsPerMinute.max;
  if (scope === "fleet") {
    return { requestsPerSecond: Math.ceil(peakPerMinute / 60), basis: `the phase's peak, ${peakPerMinute} requests/min, over the whole fleet` };
  }
  const busiest = config.regions.reduce((a, b) => (b.trafficPercent > a.trafficPercent ? b : a));
  const instances = config.compute.instanceCount.max;
  const perMinute = (peakPerMinute * busiest.trafficPercent) / 100 / instances;
  return {
    requestsPerSecond: Math.ceil(perMinute / 60),
    basis:
      `one instance's share of the phase's peak: ${peakPerMinute} requests/min × ${busiest.trafficPercent} % in ${busiest.name} ` +
      `÷ ${instances} instance${instances === 1 ? "" : "s"} = ${Math.round(perMinute)} requests/min`,
  };
}

/**
 * The error rate at which the plan says to move to the next phase. The last phase has none; it is held to the
 * threshold of the phase before it (the rate at which that architecture was no longer enough), so phases never
 * tolerate more errors as they grow.
 */
export function errorRateThreshold(config: PhaseConfig, earlierPhases: readonly PhaseConfig[]): { percent: number; basis: string } {
  if (config.nextPhaseTrigger) return { percent: config.nextPhaseTrigger.errorRatePercent, basis: `${config.stack}'s nextPhaseTriggerErrorRatePercent` };
  const previous = [...earlierPhases].filter((earlier) => earlier.phase < config.phase && earlier.nextPhaseTrigger).sort((a, b) => b.phase - a.phase)[0];
  if (!previous?.nextPhaseTrigger) {
    throw new Error(`${config.stack} has no nextPhaseTriggerErrorRatePercent and no earlier phase has one: no error-rate threshold to test against`);
  }
  return {
    percent: previous.nextPhaseTrigger.errorRatePercent,
    basis: `${config.stack} is the last phase (no trigger of its own): ${previous.stack}'s nextPhaseTriggerErrorRatePercent`,
  };
}

export function loadTarget(config: PhaseConfig, scope: RateScope, earlierPhases: readonly PhaseConfig[]): LoadTarget {
  const rate = requestRate(config, scope);
  const errorRate = errorRateThreshold(config, earlierPhases);
  return {
    stack: config.stack,
    phase: config.phase,
    scope,
    requestsPerSecond: rate.requestsPerSecond,
    rateBasis: rate.basis,
    responseTimeTargetMs: config.targets.responseTimeMs,
    errorRateThresholdPercent: errorRate.percent,
    errorRateBasis: errorRate.basis,
  };
}
