/** The load test's output: the report for people, the document for machines, and the progress line. */
import { mixShares, REQUEST_KINDS } from "./mix.js";
import type { Check, LatencySummary, LoadReport, Verdict } from "./report.js";
import type { LoadTarget } from "./targets.js";

export interface RunDescription {
  target: LoadTarget;
  /** What served the requests: "the app at <url>", or the app the load test started and with what. */
  server: string;
  durationSeconds: number;
  connections: number;
}

function round(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function latencies(latency: LatencySummary): string {
  return `p50 ${latency.p50} ms, p90 ${latency.p90} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms`;
}

function describeCheck(check: Check): string {
  const digits = check.unit === "%" ? 2 : check.unit === "ms" ? 0 : 1;
  return `${check.passed ? "pass" : "FAIL"}  ${check.name} ${round(check.measured, digits)} ${check.unit}, ${check.bound} ${round(check.limit, digits)} ${check.unit}`;
}

export function renderText(run: RunDescription, report: LoadReport, verdict: Verdict): string {
  const { target } = run;
  const shares = mixShares();
  const errorsByStatus = Object.entries(report.errors.byStatus).map(([status, count]) => `${count} × ${status}`);
  if (report.errors.unanswered > 0) errorsByStatus.push(`${report.errors.unanswered} unanswered`);
  const lines = [
    `Load test of ${target.stack} (${target.scope === "fleet" ? "the whole fleet" : "one instance"}) against ${run.server}`,
    `  rate       ${target.requestsPerSecond} requests/s: ${target.rateBasis}`,
    `  duration   ${run.durationSeconds} s, ${run.connections} connections`,
    `  mix        ${REQUEST_KINDS.map((kind) => `${round(shares[kind], 0)} % ${kind}`).join(", ")}`,
    "",
    `Requests     ${report.requests} in ${round(report.durationSeconds)} s = ${round(report.requestsPerSecond)} requests/s`,
    `Latency      ${latencies(report.latencyMs)}`,
    `Errors       ${report.errors.total} (${round(report.errorRatePercent, 2)} %)${errorsByStatus.length > 0 ? `: ${errorsByStatus.join(", ")}` : ""}`,
    ...REQUEST_KINDS.map((kind) => {
      const summary = report.byKind[kind];
      return `  ${kind.padEnd(20)} ${String(summary.requests).padStart(6)} requests, ${summary.errors} errors, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms`;
    }),
    "",
    `Verdict      ${verdict.passed ? "PASS" : "FAIL"}: ${target.stack}'s targets on ${target.scope === "fleet" ? "the whole fleet" : "one instance"}`,
    ...verdict.checks.map((check) => `  ${describeCheck(check)}`),
    `  (response-time target: ${target.stack}'s responseTimeTargetMs; error-rate threshold: ${target.errorRateBasis})`,
  ];
  return `${lines.join("\n")}\n`;
}

export function renderJson(run: RunDescription, report: LoadReport, verdict: Verdict): string {
  return `${JSON.stringify({ target: run.target, server: run.server, durationSeconds: run.durationSeconds, connections: run.connections, report, verdict, mix: mixShares() }, null, 2)}\n`;
}

export interface Progress {
  elapsedSeconds: number;
  durationSeconds: number;
  responses: number;
  errors: number;
}

export function progressLine(progress: Progress): string {
  const rate = progress.elapsedSeconds > 0 ? progress.responses / progress.elapsedSeconds : 0;
  return `[${Math.round(progress.elapsedSeconds)}/${progress.durationSeconds} s] ${progress.responses} requests, ${round(rate)} requests/s, ${progress.errors} errors`;
}
