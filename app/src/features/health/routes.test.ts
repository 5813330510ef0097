/** Liveness and readiness, with each dependency up, degraded or down. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MAX_TEXT_LENGTH, formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { LayeredCache } from "../../infra/cache/layered-cache.js";
import { SEED_DATABASE_SETTINGS, openDatabase } from "../../infra/db/index.js";
import { GrammalecteEngine } from "../../infra/grammar/worker-pool.js";
import { createMetrics } from "../../infra/metrics/metrics.js";
import { buildServer } from "../../server.js";

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
