/** Redis killed under steady load and started again: no request fails, readiness goes degraded, then ready again. */
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentenceAt } from "../bench/french-sentences.js";
import { startAppProcess, type AppProcess } from "../testing/app-process.js";
import { freePort } from "../testing/network.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";
import { startRedisServer, stopRedisServer } from "../testing/redis-server.js";
import { failures, startSteadyLoad } from "../testing/steady-load.js";
import { waitFor } from "../testing/wait.js";
import { cacheReadiness, checkText } from "./requests.js";

let database: ScratchDatabase;
let redisPort: number;
let redis: ChildProcess | undefined;
let app: AppProcess;

beforeAll(async () => {
  database = await createScratchDatabase("fault_redis");
  redisPort = await freePort();
  redis = await startRedisServer(redisPort);
  app = await startAppProcess({ DATABASE_URL: database.url, MIGRATE_ON_START: "true", REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: "warn" });
});

afterAll(async () => {
  const exitCode = await app?.stop();
  if (redis) await stopRedisServer(redis);
  await database?.drop();
  expect(exitCode, app?.output()).toBe(0);
});

describe("Redis killed during steady load", () => {
  it("fails no request, reports the cache degraded while Redis is gone and ready once it is back", async () => {
    expect(await cacheReadiness(app.url)).toEqual({ httpStatus: 200, cache: "ready" });
    // Half repeated texts (cache hits, in memory and in Redis), half new ones, and exercise reads through the cache.
    const load = startSteadyLoad({
      clients: 3,
      pauseMs: 10,
      send: (sequence) =>
        sequence % 3 === 2
          ? fetch(`${app.url}/api/v1/exercises?level=A1&limit=5&offset=${sequence % 20}`)
          : checkText(app.url, sentenceAt(sequence % 2 === 0 ? sequence % 10 : 1000 + sequence)),
    });
    await sleep(1000);

    await stopRedisServer(redis as ChildProcess);
    const killedAt = Date.now();
    await waitFor(async () => (await cacheReadiness(app.url)).cache === "degraded", "readiness to report the cache degraded", 15_000);
    expect(await cacheReadiness(app.url)).toEqual({ httpStatus: 200, cache: "degraded" });
    await sleep(1500);

    redis = await startRedisServer(redisPort);
    const restartedAt = Date.now();
    await waitFor(async () => (await cacheReadiness(app.url)).cache === "ready", "readiness to report the cache ready again", 15_000);
    await sleep(500);
    const outcomes = await load.stop();

    expect(failures(outcomes)).toEqual([]);
    const duringOutage = outcomes.filter((outcome) => outcome.sentAt > killedAt && outcome.sentAt < restartedAt);
    expect(duringOutage.length, "requests sent while Redis was down").toBeGreaterThan(20);
    expect(outcomes.filter((outcome) => outcome.sentAt > restartedAt).length, "requests sent after Redis came back").toBeGreaterThan(0);
  });
});
