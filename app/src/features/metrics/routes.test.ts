/**
 * Prometheus metrics, served by the metrics server: cache hits and misses, request latency by route, engine
 * figures, and the counters of what went wrong underneath (database retries, worker restarts, Redis state),
 * each caused here for real.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MAX_TEXT_LENGTH, formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { freePort } from "../../../testing/network.js";
import { startRedisServer, stopRedisServer } from "../../../testing/redis-server.js";
import { waitFor } from "../../../testing/wait.js";
import { LayeredCache } from "../../infra/cache/layered-cache.js";
import { SEED_DATABASE_SETTINGS, openDatabase } from "../../infra/db/index.js";
import { GrammalecteEngine } from "../../infra/grammar/worker-pool.js";
import { createMetrics, type AppMetrics } from "../../infra/metrics/metrics.js";
import { buildServer } from "../../server.js";
import { buildMetricsServer } from "./server.js";

let stack: TestStack;
let metricsServer: FastifyInstance;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "metrics" });
  metricsServer = await buildMetricsServer(stack.metrics);
});

afterAll(async () => {
  await metricsServer?.close();
  await stack?.close();
});

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf("}"));
    const present = labelText.split(",");
    if (wanted.every((pair) => present.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

async function scrape(metrics: AppMetrics): Promise<string> {
  return metrics.registry.metrics();
}

describe("/metrics", () => {
  it("exposes cache misses then hits per layer, request latency by route and engine figures", async () => {
    const text = `Les enfant ${randomUUID()} jouent.`;
    for (let i = 0; i < 2; i++) {
      const response = await stack.app.inject({
        method: "POST",
        url: "/v2/check",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({ text, language: "fr" }),
      });
      expect(response.statusCode).toBe(200);
    }
    const response = await metricsServer.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    const exposition = response.body;
    expect(sample(exposition, "francaisfluide_cache_misses_total", { layer: "corrections" })).toBeGreaterThanOrEqual(1);
    expect(sample(exposition, "francaisfluide_cache_hits_total", { layer: "corrections", tier: "memory" })).toBeGreaterThanOrEqual(1);
    expect(
      sample(exposition, "francaisfluide_http_request_duration_seconds_count", { route: "/v2/check", status_code: "200", method: "POST" }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(exposition, "francaisfluide_engine_duration_seconds_count", { operation: "check", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(exposition).toMatch(/^francaisfluide_engine_queue_depth \d+$/m);
  });

  it("is not served on the API's port, and the metrics server serves nothing else", async () => {
    const onApi = await stack.app.inject({ method: "GET", url: "/metrics" });
    expect(onApi.statusCode).toBe(404);
    expect(onApi.json()).toMatchObject({ error: "route_not_found" });
    const other = await metricsServer.inject({ method: "GET", url: "/v2/languages" });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: "route_not_found" });
  });

  it("counts exactly one miss and one hit for one text sent twice", async () => {
    const metrics = createMetrics();
    const cache = new LayeredCache({ onEvent: metrics.recordCacheEvent });
    const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine: stack.engine, database: stack.database, cache, metrics });
    try {
      for (let i = 0; i < 2; i++) {
        await app.inject({
          method: "POST",
          url: "/api/v1/corrections",
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ text: "Il a manger." }),
        });
      }
      const exposition = await scrape(metrics);
      expect(sample(exposition, "francaisfluide_cache_misses_total", { layer: "corrections" })).toBe(1);
      expect(sample(exposition, "francaisfluide_cache_hits_total", { layer: "corrections", tier: "memory" })).toBe(1);
    } finally {
      await app.close();
      await cache.close();
    }
  });
});

describe("counters of what fails underneath", () => {
  it("counts database retries by reason when PostgreSQL refuses connections", async () => {
    const metrics = createMetrics();
    // Nothing listens on this port: every connection is refused, a transient error retried twice.
    const database = await openDatabase(
      { ...SEED_DATABASE_SETTINGS, poolMin: 0, poolMax: 1, retryAttempts: 2, retryBaseDelayMs: 1, url: `postgres://postgres@127.0.0.1:${await freePort()}/ff` },
      undefined,
      { onRetry: metrics.recordDatabaseRetry },
    );
    try {
      await expect(database.exercises.list({ limit: 1 })).rejects.toMatchObject({ name: "DatabaseUnavailableError", attempts: 3 });
      expect(sample(await scrape(metrics), "francaisfluide_database_retries_total", { reason: "connection_refused" })).toBe(2);
    } finally {
      await database.close();
    }
  });

  it("counts a grammar worker restarted after it was killed", async () => {
    const metrics = createMetrics();
    const engine = await GrammalecteEngine.start({ workers: 1, onWorkerRestart: metrics.recordWorkerRestart });
    try {
      expect(sample(await scrape(metrics), "francaisfluide_engine_worker_restarts_total", { reason: "crash" })).toBeUndefined();
      const [pid] = engine.workerPids();
      process.kill(pid as number, "SIGKILL");
      await waitFor(async () => sample(await scrape(metrics), "francaisfluide_engine_worker_restarts_total", { reason: "crash" }) === 1, "the restart to be counted");
      await waitFor(() => engine.isReady() && !engine.workerPids().includes(pid as number), "the replacement worker");
    } finally {
      await engine.close();
    }
  });

  it("shows Redis's state and counts its transitions when it goes down", async () => {
    const metrics = createMetrics();
    const port = await freePort();
    const redis = await startRedisServer(port);
    const cache = new LayeredCache({
      redis: { mode: "single", url: `redis://127.0.0.1:${port}` },
      keyPrefix: `ff-test:metrics:${randomUUID()}:`,
      onRedisStateChange: metrics.recordRedisTransition,
    });
    metrics.watchRedisState(() => cache.redisState());
    try {
      await waitFor(() => cache.redisState() === "ready", "Redis to be ready");
      let exposition = await scrape(metrics);
      expect(sample(exposition, "francaisfluide_redis_state", { state: "ready" })).toBe(1);
      expect(sample(exposition, "francaisfluide_redis_state", { state: "down" })).toBe(0);
      expect(sample(exposition, "francaisfluide_redis_state_transitions_total", { state: "ready" })).toBe(1);

      await stopRedisServer(redis);
      await waitFor(() => cache.redisState() === "down", "Redis to be seen down");
      exposition = await scrape(metrics);
      expect(sample(exposition, "francaisfluide_redis_state", { state: "ready" })).toBe(0);
      expect(sample(exposition, "francaisfluide_redis_state", { state: "down" })).toBe(1);
      expect(sample(exposition, "francaisfluide_redis_state_transitions_total", { state: "down" })).toBe(1);
    } finally {
      await cache.close();
      await stopRedisServer(redis);
    }
  });
});
