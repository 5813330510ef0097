import { describe, expect, it } from "vitest";
import { progressLine, renderJson, renderText } from "./render.js";
import { judge, percentile, summarize, type ResponseSample } from "./report.js";
import type { LoadTarget } from "./targets.js";

const target: LoadTarget = {
  stack: "phase1",
  phase: 1,
  scope: "instance",
  requestsPerSecond: 10,
  rateBasis: "test",
  responseTimeTargetMs: 2000,
  errorRateThresholdPercent: 0.5,
  errorRateBasis: "phase1's nextPhaseTriggerErrorRatePercent",
};

function samples(count: number, latencyMs: (index: number) => number, status = 200): ResponseSample[] {
  return Array.from({ length: count }, (_, index) => ({ kind: index % 2 === 0 ? "languagetool-typing" : "exercise-read", status, latencyMs: latencyMs(index) }));
}

describe("percentile", () => {
  it("is the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect([50, 95, 99, 100].map((p) => percentile(values, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
});

describe("summarize and judge", () => {
  it("passes a run within the targets", () => {
    const report = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: samples(100, (index) => index + 1), unanswered: 0 });
    expect(report).toMatchObject({ requests: 100, requestsPerSecond: 10, errorRatePercent: 0, latencyMs: { p50: 50, p95: 95, p99: 99, max: 100 } });
    expect(report.byKind["languagetool-typing"].requests).toBe(50);
    expect(report.byKind["learner-attempt"].requests).toBe(0);
    expect(judge(report, target)).toMatchObject({ passed: true });
  });

  it("counts non-2xx answers and unanswered requests as errors, and fails above the threshold", () => {
    const report = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: [...samples(97, () => 5), ...samples(2, () => 5, 503)], unanswered: 1 });
    expect(report.errors).toEqual({ total: 3, unanswered: 1, byStatus: { "503": 2 } });
    expect(report.errorRatePercent).toBeCloseTo(3);
    const verdict = judge(report, target);
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(["error rate"]);
  });

  it("fails a slow p95, a rate the service did not carry, and a run with no request at all", () => {
    const slow = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: samples(100, (index) => (index < 90 ? 10 : 2500)), unanswered: 0 });
    expect(judge(slow, target).checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(["p95 latency"]);
    const behind = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: samples(50, () => 10), unanswered: 0 });
    expect(judge(behind, target).checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(["throughput"]);
    const empty = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: [], unanswered: 0 });
    expect(judge(empty, target).checks.every((check) => !check.passed)).toBe(true);
  });

  it("renders the figures and the verdict, and a progress line", () => {
    const report = summarize({ url: "http://x", durationMs: 10_000, connections: 4, responses: [...samples(99, () => 5), ...samples(1, () => 5, 500)], unanswered: 0 });
    const text = renderText({ target, server: "the service at http://x", durationSeconds: 10, connections: 4 }, report, judge(report, target));
    expect(text).toContain("Requests     100 in 10.0 s = 10.0 requests/s");
    expect(text).toContain("Errors       1 (1.00 %): 1 × 500");
    expect(text).toContain("Verdict      FAIL");
    expect(text).toContain("FAIL  error rate 1.00 %, at most 0.50 %");
    const document = JSON.parse(renderJson({ target, server: "the service at http://x", durationSeconds: 10, connections: 4 }, report, judge(report, target))) as {
      verdict: { passed: boolean };
      report: { requests: number };
      target: { stack: string };
    };
    expect(document).toMatchObject({ verdict: { passed: false }, report: { requests: 100 }, target: { stack: "phase1" } });
    expect(progressLine({ elapsedSeconds: 4, durationSeconds: 30, responses: 68, errors: 0 })).toBe("[4/30 s] 68 requests, 17.0 requests/s, 0 errors");
  });
});
