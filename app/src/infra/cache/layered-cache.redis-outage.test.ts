import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache, cacheKey, type CacheEvent } from "./layered-cache.js";
import { freePort } from "../../../testing/network.js";
import { startRedisServer, stopRedisServer } from "../../../testing/redis-server.js";
import { waitFor } from "../../../testing/wait.js";

describe("LayeredCache when Redis dies and comes back", () => {
  const keyPrefix = `ff:outage:${randomUUID()}:`;
  let port: number;
  let redisServer: ChildProcess;
  let cache: LayeredCache;
  const events: CacheEvent[] = [];

  beforeAll(async () => {
    port = await freePort();
    redisServer = await startRedisServer(port);
    cache = new LayeredCache({ redis: { mode: "single", url: `redis://127.0.0.1:${port}` }, keyPrefix, onEvent: (_layer, event) => events.push(event) });
    await waitFor(() => cache.redisState() === "ready", "the cache to reach Redis");
  });

  afterAll(async () => {
    await cache?.close();
    if (redisServer) await stopRedisServer(redisServer);
  });

  it("keeps answering from memory and compute while Redis is down, then uses Redis again once it is back", async () => {
    const before = await cache.getOrCompute("corrections", "avant la panne", async () => ({ matches: 1 }));
    expect(before).toEqual({ matches: 1 });

    await stopRedisServer(redisServer);
    await waitFor(() => cache.redisState() === "down", "the cache to notice Redis is gone");

    // Memory still answers what it holds...
    expect(await cache.getOrCompute("corrections", "avant la panne", async () => ({ matches: -1 }))).toEqual({ matches: 1 });
    // ...and new keys are computed, not failed.
    let computations = 0;
    const during = await Promise.all(
      Array.from({ length: 20 }, (_, index) => cache.getOrCompute("corrections", `pendant la panne ${index % 4}`, async () => ++computations)),
    );
    expect(during).toHaveLength(20);
    expect(computations).toBe(4);
    expect(cache.redisState()).toBe("down");

    // An instance that starts while Redis is down works too.
    const coldStart = new LayeredCache({ redis: { mode: "single", url: `redis://127.0.0.1:${port}` }, keyPrefix });
    try {
      expect(coldStart.redisState()).toBe("down");
      expect(await coldStart.getOrCompute("explanations", "démarrage à froid", async () => "calculé")).toBe("calculé");
    } finally {
      await coldStart.close();
    }

    redisServer = await startRedisServer(port);
    await waitFor(() => cache.redisState() === "ready", "the cache to reconnect on its own");

    await cache.getOrCompute("corrections", "après la panne", async () => ({ matches: 2 }));
    const direct = new Redis({ port, host: "127.0.0.1" });
    try {
      expect(JSON.parse((await direct.get(keyPrefix + cacheKey("corrections", "après la panne"))) ?? "null")).toEqual({ matches: 2 });
    } finally {
      await direct.quit();
    }

    const secondInstanceEvents: CacheEvent[] = [];
    const secondInstance = new LayeredCache({
      redis: { mode: "single", url: `redis://127.0.0.1:${port}` },
      keyPrefix,
      onEvent: (_layer, event) => secondInstanceEvents.push(event),
    });
    try {
      await waitFor(() => secondInstance.redisState() === "ready", "the second instance to reach Redis");
      expect(await secondInstance.getOrCompute("corrections", "après la panne", async () => ({ matches: -1 }))).toEqual({ matches: 2 });
      expect(secondInstanceEvents).toEqual(["redis-hit"]);
    } finally {
      await secondInstance.close();
    }
  });
});
