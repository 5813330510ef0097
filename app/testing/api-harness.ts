/**
 * The real stack for API tests: a Grammalecte engine, a scratch PostgreSQL database of its own (created
 * and dropped here) and Redis under a unique key prefix (deleted afterwards), assembled by buildServer.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { expect } from "vitest";
import type { AppRole } from "../src/config/index.js";
import { LayeredCache } from "../src/infra/cache/layered-cache.js";
import { SEED_DATABASE_SETTINGS, openDatabase, type Database } from "../src/infra/db/index.js";
import type { GrammarEngine } from "../src/infra/grammar/engine.js";
import { GrammalecteEngine } from "../src/infra/grammar/worker-pool.js";
import { createMetrics, type AppMetrics } from "../src/infra/metrics/metrics.js";
import { buildServer } from "../src/server.js";
import { createScratchDatabase } from "./postgres.js";
import { waitFor } from "./wait.js";

export const REDIS_URL = "redis://127.0.0.1:6379";
/** Small enough that the over-length test stays fast. */
export const TEST_MAX_TEXT_LENGTH = 2000;

/** Deletes every Redis key under `prefix`. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Resolves once the cache's Redis connection is up, so tests start from a known state. */
export async function waitForRedis(cache: LayeredCache, timeoutMs = 5000): Promise<void> {
  await waitFor(() => cache.redisState() === "ready", `Redis at ${REDIS_URL} to become ready`, timeoutMs);
}

export interface TestStack {
  app: FastifyInstance;
  engine: GrammarEngine;
  database: Database;
  /** The scratch database's URL, for tests that read the rows directly. */
  databaseUrl: string;
  cache: LayeredCache;
  metrics: AppMetrics;
  keyPrefix: string;
  close(): Promise<void>;
}

export interface TestStackOptions {
  purpose: string;
  /** An engine to share; the stack starts (and closes) its own when absent. */
  engine?: GrammarEngine;
  /** The part of the API the server serves; all of it when absent. */
  role?: AppRole;
}

export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const metrics = createMetrics();
  const keyPrefix = `ff-test:${options.purpose}:${randomUUID()}:`;
  // The Grammalecte workers, the migrated scratch database and the Redis connection start side by side: each
  // mostly waits on another process. Whatever did start is closed again when one of them fails.
  const [engineStart, databaseStart, cacheStart] = await Promise.allSettled([
    options.engine ? Promise.resolve(options.engine) : GrammalecteEngine.start({ workers: 2 }),
    (async () => {
      const scratch = await createScratchDatabase(`api_${options.purpose}`);
      try {
        return { scratch, database: await openDatabase({ ...SEED_DATABASE_SETTINGS, poolMin: 0, poolMax: 5, url: scratch.url, migrateOnStart: true }) };
      } catch (error) {
        await scratch.drop();
        throw error;
      }
    })(),
    (async () => {
      const cache = new LayeredCache({ redis: { mode: "single", url: REDIS_URL }, keyPrefix, onEvent: metrics.recordCacheEvent });
      try {
        await waitForRedis(cache);
        return cache;
      } catch (error) {
        await cache.close();
        throw error;
      }
    })(),
  ]);
  if (engineStart.status === "rejected" || databaseStart.status === "rejected" || cacheStart.status === "rejected") {
    if (engineStart.status === "fulfilled" && !options.engine) await engineStart.value.close();
    if (databaseStart.status === "fulfilled") {
      await databaseStart.value.database.close();
      await databaseStart.value.scratch.drop();
    }
    if (cacheStart.status === "fulfilled") await cacheStart.value.close();
    const reasons = [engineStart, databaseStart, cacheStart].flatMap((start) => (start.status === "rejected" ? [start.reason as unknown] : []));
    throw new AggregateError(reasons, `Could not start the test stack "${options.purpose}": ${reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason))).join("; ")}`);
  }
  const engine = engineStart.value;
  const { scratch, database } = databaseStart.value;
  const cache = cacheStart.value;
  const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH, ...(options.role ? { role: options.role } : {}) }, engine, database, cache, metrics });
  return {
    app,
    engine,
    database,
    databaseUrl: scratch.url,
    cache,
    metrics,
    keyPrefix,
    async close() {
      await app.close();
      await cache.close();
      await deleteRedisKeys(keyPrefix);
      if (!options.engine) await engine.close();
      await database.close();
      await scratch.drop();
    },
  };
}

/** A form body as LanguageTool clients encode it. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** POSTs `body` as JSON. */
export function postJson(app: FastifyInstance, url: string, body: unknown) {
  return app.inject({ method: "POST", url, headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
}

/** Creates a learner through the API, checks what it answers, and returns the learner's id. */
export async function createLearner(app: FastifyInstance, level: string, correctionHistoryOptIn: boolean): Promise<string> {
  const response = await postJson(app, "/api/v1/learners", { displayName: "Camille", level, correctionHistoryOptIn });
  expect(response.statusCode, response.body).toBe(201);
  const learner = response.json() as { id: string; level: string; correctionHistoryOptIn: boolean };
  expect(learner.level).toBe(level);
  expect(learner.correctionHistoryOptIn).toBe(correctionHistoryOptIn);
  expect(response.headers.location).toBe(`/api/v1/learners/${learner.id}`);
  return learner.id;
}
