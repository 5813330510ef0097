/**
 * What a run measured, and the verdict against the phase's targets. The verdict reads p95: the statistic the
 * phase's CloudWatch alarm watches (components/monitoring), so the load test and production judge the same number.
 */
import { REQUEST_KINDS, type RequestKind } from "./mix.js";
import type { LoadTarget } from "./targets.js";

export interface ResponseSample {
  kind: RequestKind;
  status: number;
  latencyMs: number;
}

/** Everything the runner saw. Requests that got no answer (refused, reset, timed out) are only counted. */
export interface RunRecord {
  url: string;
  durationMs: number;
  connections: number;
  responses: readonly ResponseSample[];
  unanswered: number;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface KindSummary {
  requests: number;
  errors: number;
  latencyMs: LatencySummary;
}

export interface LoadReport {
  url: string;
  durationSeconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  /** Over every answered request, errors included. */
  latencyMs: LatencySummary;
  errors: { total: number; unanswered: number; byStatus: Record<string, number> };
  errorRatePercent: number;
  byKind: Record<RequestKind, KindSummary>;
}

export interface Check {
  name: string;
  measured: number;
  /** Whether `limit` is the most or the least the measure may be. */
  bound: "at most" | "at least";
  limit: number;
  unit: string;
  passed: boolean;
}

function check(name: string, measured: number, bound: Check["bound"], limit: number, unit: string, measuredAnything: boolean): Check {
  const within = bound === "at most" ? measured <= limit : measured >= limit;
  return { name, measured, bound, limit, unit, passed: measuredAnything && within };
}

export interface Verdict {
  passed: boolean;
  checks: Check[];
}

/** Nearest-rank percentile of ascending values; 0 when there are none. */
export function percentile(ascending: readonly number[], percent: number): number {
  if (ascending.length === 0) return 0;
  const rank = Math.ceil((percent / 100) * ascending.length);
  return ascending[Math.min(ascending.length, Math.max(1, rank)) - 1] as number;
}

function latencySummary(latencies: readonly number[]): LatencySummary {
  const ascending = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(ascending, 50),
    p90: percentile(ascending, 90),
    p95: percentile(ascending, 95),
    p99: percentile(ascending, 99),
    max: ascending.at(-1) ?? 0,
  };
}

/** Anything but a 2xx is an error: the mix only sends requests the service should accept. */
function isError(status: number): boolean {
  return status < 200 || status >= 300;
}

export function summarize(run: RunRecord): LoadReport {
  const durationSeconds = run.durationMs / 1000;
  const requests = run.responses.length + run.unanswered;
  const byStatus: Record<string, number> = {};
  for (const response of run.responses) if (isError(response.status)) byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
  const answeredErrors = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  const totalErrors = answeredErrors + run.unanswered;
  const byKind = Object.fromEntries(
    REQUEST_KINDS.map((kind) => {
      const samples = run.responses.filter((response) => response.kind === kind);
      const summary: KindSummary = {
        requests: samples.length,
        errors: samples.filter((sample) => isError(sample.status)).length,
        latencyMs: latencySummary(samples.map((sample) => sample.latencyMs)),
      };
      return [kind, summary];
    }),
  ) as Record<RequestKind, KindSummary>;
  return {
    url: run.url,
    durationSeconds,
    connections: run.connections,
    requests,
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    latencyMs: latencySummary(run.responses.map((response) => response.latencyMs)),
    errors: { total: totalErrors, unanswered: run.unanswered, byStatus },
    errorRatePercent: requests > 0 ? (totalErrors / requests) * 100 : 0,
    byKind,
  };
}

/**
 * Passes when p95 is within the phase's response-time target, the error rate within its threshold, and the
 * service took the rate asked of it (at least 90 %: autocannon paces per second, so a run loses a little at its
 * edges, but a service that falls far behind has not carried the load, however fast its few answers were).
 */
const MIN_RATE_SHARE = 0.9;

export function judge(report: LoadReport, target: LoadTarget): Verdict {
  const measuredAnything = report.requests > 0;
  const checks = [
    check("p95 latency", report.latencyMs.p95, "at most", target.responseTimeTargetMs, "ms", measuredAnything),
    check("error rate", report.errorRatePercent, "at most", target.errorRateThresholdPercent, "%", measuredAnything),
    check("throughput", report.requestsPerSecond, "at least", target.requestsPerSecond * MIN_RATE_SHARE, "req/s", measuredAnything),
  ];
  return { passed: checks.every((check) => check.passed), checks };
}
