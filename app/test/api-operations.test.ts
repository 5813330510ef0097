/** Health, readiness, Prometheus metrics and the OpenAPI document. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache } from "../src/cache/layered-cache.js";
import { SEED_DATABASE_SETTINGS, openDatabase } from "../src/db/database.js";
import { GrammalecteEngine } from "../src/grammar/grammalecte-engine.js";
import { createMetrics } from "../src/metrics.js";
import { buildServer } from "../src/server.js";
import { TEST_MAX_TEXT_LENGTH, formBody, startTestStack, type TestStack } from "./api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "ops" });
});

afterAll(async () => {
  await stack?.close();
});

interface Readiness {
  status: string;
  dependencies: Record<"grammar" | "database" | "cache", { status: string; detail: string }>;
}

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

describe("health", () => {
  it("answers liveness", async () => {
    const response = await stack.app.inject({ method: "GET", url: "/health/live" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "live" });
  });

  it("is ready when engine, database and Redis all answer", async () => {
    const response = await stack.app.inject({ method: "GET", url: "/health/ready" });
    expect(response.statusCode, response.body).toBe(200);
    const readiness = response.json() as Readiness;
    expect(readiness.status).toBe("ready");
    expect(readiness.dependencies.grammar.status).toBe("ready");
    expect(readiness.dependencies.grammar.detail).toContain(stack.engine.version);
    expect(readiness.dependencies.database.status).toBe("ready");
    expect(readiness.dependencies.cache.status).toBe("ready");
  });

  it("stays ready but degraded without Redis (configured but unreachable, or not configured)", async () => {
    for (const cache of [
      new LayeredCache({ redis: { mode: "single", url: "redis://127.0.0.1:1" }, keyPrefix: `ff-test:${randomUUID()}:` }),
      new LayeredCache({}),
    ]) {
      const app = await buildServer({
        config: { maxTextLength: TEST_MAX_TEXT_LENGTH },
        engine: stack.engine,
        database: stack.database,
        cache,
        metrics: createMetrics(),
      });
      try {
        const response = await app.inject({ method: "GET", url: "/health/ready" });
        expect(response.statusCode, response.body).toBe(200);
        const readiness = response.json() as Readiness;
        expect(readiness.status).toBe("degraded");
        expect(readiness.dependencies.cache.status).toBe("degraded");
        expect(readiness.dependencies.cache.detail).toMatch(cache.redisState() === "disabled" ? /not configured/ : /unreachable/);
        // The service still answers from memory.
        const check = await app.inject({
          method: "POST",
          url: "/v2/check",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: formBody({ text: "Les enfant jouent.", language: "fr" }),
        });
        expect(check.statusCode).toBe(200);
      } finally {
        await app.close();
        await cache.close();
      }
    }
  });

  it("is unavailable (503) when the database does not answer, naming it", async () => {
    // Port 1 on loopback refuses connections: a real database that is down.
    const database = await openDatabase({ ...SEED_DATABASE_SETTINGS, url: "postgresql://postgres@127.0.0.1:1/none", retryAttempts: 0 });
    const cache = new LayeredCache({});
    const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine: stack.engine, database, cache, metrics: createMetrics() });
    try {
      const response = await app.inject({ method: "GET", url: "/health/ready" });
      expect(response.statusCode, response.body).toBe(503);
      const readiness = response.json() as Readiness;
      expect(readiness.status).toBe("unavailable");
      expect(readiness.dependencies.database.status).toBe("down");
      expect(readiness.dependencies.database.detail).toContain("127.0.0.1:1");
      // Learner routes say the database is the problem, with Retry-After; corrections keep working.
      const learners = await app.inject({
        method: "POST",
        url: "/api/v1/learners",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ displayName: "Ana", level: "A1" }),
      });
      expect(learners.statusCode, learners.body).toBe(503);
      expect(learners.json()).toMatchObject({ error: "database_unavailable" });
      expect(learners.headers["retry-after"]).toMatch(/^\d+$/);
    } finally {
      await app.close();
      await cache.close();
      await database.close();
    }
  });

  it("is unavailable (503) when the grammar engine has no worker", async () => {
    const engine = await GrammalecteEngine.start({ workers: 1 });
    await engine.close();
    const cache = new LayeredCache({});
    const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine, database: stack.database, cache, metrics: createMetrics() });
    try {
      const response = await app.inject({ method: "GET", url: "/health/ready" });
      expect(response.statusCode).toBe(503);
      expect((response.json() as Readiness).dependencies.grammar.status).toBe("down");
      const check = await app.inject({
        method: "POST",
        url: "/v2/check",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({ text: `Texte ${randomUUID()} jamais vu.`, language: "fr" }),
      });
      expect(check.statusCode).toBe(503);
      expect(check.json()).toMatchObject({ error: "engine_unavailable" });
      expect(check.headers["retry-after"]).toMatch(/^\d+$/);
    } finally {
      await app.close();
      await cache.close();
    }
  });
});

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
    const response = await stack.app.inject({ method: "GET", url: "/metrics" });
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
      const exposition = (await app.inject({ method: "GET", url: "/metrics" })).body;
      expect(sample(exposition, "francaisfluide_cache_misses_total", { layer: "corrections" })).toBe(1);
      expect(sample(exposition, "francaisfluide_cache_hits_total", { layer: "corrections", tier: "memory" })).toBe(1);
    } finally {
      await app.close();
      await cache.close();
    }
  });
});

describe("OpenAPI", () => {
  it("serves the document at /docs/json and the UI at /docs", async () => {
    const json = await stack.app.inject({ method: "GET", url: "/docs/json" });
    expect(json.statusCode).toBe(200);
    const document = json.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      "/v2/check",
      "/v2/languages",
      "/api/v1/corrections",
      "/api/v1/explanations/{ruleId}",
      "/api/v1/exercises",
      "/api/v1/exercises/{id}",
      "/api/v1/exercises/{id}/attempts",
      "/api/v1/learners",
      "/api/v1/learners/{id}/progress",
      "/health/ready",
      "/metrics",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const ui = await stack.app.inject({ method: "GET", url: "/docs" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });
});
