import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache, cacheKey } from "./layered-cache.js";
import { freePort } from "../../../testing/network.js";
import { startRedisServer, stopRedisServer } from "../../../testing/redis-server.js";
import { waitFor } from "../../../testing/wait.js";

/** A logger whose lines a test can read, to wait for what the cache saw rather than for a fixed time. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { logger, lines };
}

describe("LayeredCache on a Redis that requires a password (redis-server --requirepass)", () => {
  const password = `auth-${randomUUID()}`;
  const keyPrefix = `ff:auth:${randomUUID()}:`;
  let port: number;
  let server: ChildProcess;

  beforeAll(async () => {
    port = await freePort();
    server = await startRedisServer(port, [], { password });
  });

  afterAll(async () => {
    if (server) await stopRedisServer(server);
  });

  it("authenticates with the AUTH token and writes through to Redis", async () => {
    const cache = new LayeredCache({ redis: { mode: "single", url: `redis://127.0.0.1:${port}`, authToken: password }, keyPrefix });
    const direct = new Redis({ port, host: "127.0.0.1", password });
    try {
      await waitFor(() => cache.redisState() === "ready", "the cache to authenticate");
      expect(await cache.getOrCompute("corrections", "avec mot de passe", async () => ({ matches: 3 }))).toEqual({ matches: 3 });
      expect(JSON.parse((await direct.get(keyPrefix + cacheKey("corrections", "avec mot de passe"))) ?? "null")).toEqual({ matches: 3 });
    } finally {
      await cache.close();
      direct.disconnect();
    }
  });

  it.each([
    ["a wrong token", "not-the-password", /WRONGPASS|invalid username-password/],
    ["no token", undefined, /NOAUTH/],
  ])("stays down with %s, serving from compute and saying why in its log", async (_case, authToken, refusal) => {
    const { logger, lines } = recordingLogger();
    const cache = new LayeredCache({
      redis: { mode: "single", url: `redis://127.0.0.1:${port}`, ...(authToken === undefined ? {} : { authToken }) },
      keyPrefix,
      logger,
    });
    try {
      await waitFor(() => lines.some((line) => refusal.test(line)), "Redis to refuse the connection");
      expect(cache.redisState()).toBe("down");
      expect(await cache.getOrCompute("corrections", "sans mot de passe", async () => "calculé")).toBe("calculé");
    } finally {
      await cache.close();
    }
  });
});
