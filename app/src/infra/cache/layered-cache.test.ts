import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEED_CACHE_LAYERS, type CacheLayerSetting } from "../../config/index.js";
import { LayeredCache, cacheKey, memoryTtlForRedisHit, redisReconnectDelayMs, type CacheEvent, type CacheLayerName } from "./layered-cache.js";
import { waitFor } from "../../../testing/wait.js";

const REDIS_URL = "redis://127.0.0.1:6379";

class ManualClock {
  private current = 1_000_000;
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

describe("cache keys and TTL rules (pure)", () => {
  it("hashes the JSON of the key input with sorted keys, per layer", () => {
    const key = cacheKey("corrections", { text: "Il a manger.", options: { level: "picky", motherTongue: "en" }, engine: "2.1.1" });
    expect(key).toMatch(/^corrections:[0-9a-f]{64}$/);
    expect(cacheKey("corrections", { engine: "2.1.1", options: { motherTongue: "en", level: "picky" }, text: "Il a manger." })).toBe(key);
    expect(cacheKey("corrections", { text: "Il a mangé.", options: { level: "picky", motherTongue: "en" }, engine: "2.1.1" })).not.toBe(key);
    expect(cacheKey("corrections", "même texte").split(":")[1]).toBe(cacheKey("explanations", "même texte").split(":")[1]);
  });

  it("never lets a memory copy of a Redis value outlive it", () => {
    expect(memoryTtlForRedisHit(5_000, 60_000)).toBe(5_000);
    expect(memoryTtlForRedisHit(120_000, 60_000)).toBe(60_000);
    expect(memoryTtlForRedisHit(-1, 60_000)).toBe(60_000);
    expect(memoryTtlForRedisHit(-2, 60_000)).toBe(0);
  });

  it("reconnects to Redis with a capped doubling delay, for ever", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(redisReconnectDelayMs)).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it("holds the scaling plan's layer settings", () => {
    expect(SEED_CACHE_LAYERS).toEqual({
      corrections: { ttlMs: 1_800_000, maxEntries: 1000 },
      exercises: { ttlMs: 3_600_000, maxEntries: 500 },
      explanations: { ttlMs: 86_400_000, maxEntries: 200 },
    });
  });
});

describe("LayeredCache with the real Redis", () => {
  const keyPrefix = `ff:test:${randomUUID()}:`;
  let direct: Redis;
  const opened: LayeredCache[] = [];

  function openCache(options: { layers?: Record<CacheLayerName, CacheLayerSetting>; clock?: ManualClock } = {}): {
    cache: LayeredCache;
    events: Array<[CacheLayerName, CacheEvent]>;
  } {
    const events: Array<[CacheLayerName, CacheEvent]> = [];
    const cache = new LayeredCache({ ...options, redis: { mode: "single", url: REDIS_URL }, keyPrefix, onEvent: (layer, event) => events.push([layer, event]) });
    opened.push(cache);
    return { cache, events };
  }

  async function ready(cache: LayeredCache): Promise<LayeredCache> {
    await waitFor(() => cache.redisState() === "ready", "Redis ready");
    return cache;
  }

  beforeAll(() => {
    direct = new Redis(REDIS_URL);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((cache) => cache.close()));
  });

  afterAll(async () => {
    const keys = await direct.keys(`${keyPrefix}*`);
    if (keys.length) await direct.del(...keys);
    await direct.quit();
  });

  it("answers a repeat from memory without computing again", async () => {
    const { cache, events } = openCache();
    await ready(cache);
    let computations = 0;
    const compute = async () => ({ matches: [{ ruleId: "HOMOPHONES", offset: ++computations }] });
    const first = await cache.getOrCompute("corrections", { text: "Il a manger." }, compute);
    const second = await cache.getOrCompute("corrections", { text: "Il a manger." }, compute);
    expect(second).toEqual(first);
    expect(computations).toBe(1);
    expect(events).toEqual([
      ["corrections", "miss"],
      ["corrections", "memory-hit"],
    ]);
  });

  it("writes through to Redis with the layer's TTL and serves another instance from Redis", async () => {
    const writer = await ready(openCache().cache);
    const keyInput = { text: "Ces ses c'est s'est", engine: "test" };
    await writer.getOrCompute("explanations", keyInput, async () => ({ explanation: "homophones" }));

    const redisKey = keyPrefix + cacheKey("explanations", keyInput);
    expect(JSON.parse((await direct.get(redisKey)) ?? "null")).toEqual({ explanation: "homophones" });
    const pttl = await direct.pttl(redisKey);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(SEED_CACHE_LAYERS.explanations.ttlMs);

    // A second instance has an empty memory layer: the value must come from Redis, not from compute.
    const { cache: reader, events } = openCache();
    await ready(reader);
    const value = await reader.getOrCompute("explanations", keyInput, async () => {
      throw new Error("must not compute: Redis holds the value");
    });
    expect(value).toEqual({ explanation: "homophones" });
    expect(await reader.getOrCompute("explanations", keyInput, async () => ({ explanation: "other" }))).toEqual({ explanation: "homophones" });
    expect(events).toEqual([
      ["explanations", "redis-hit"],
      ["explanations", "memory-hit"],
    ]);
  });

  it("expires the memory layer after its TTL (lru-cache, injected clock) and then reads Redis", async () => {
    const clock = new ManualClock();
    const { cache, events } = openCache({ clock });
    await ready(cache);
    await cache.getOrCompute("exercises", "a1", async () => ["a1-fill-01"]);
    clock.advance(SEED_CACHE_LAYERS.exercises.ttlMs - 1);
    await cache.getOrCompute("exercises", "a1", async () => ["recomputed"]);
    clock.advance(2);
    expect(await cache.getOrCompute("exercises", "a1", async () => ["recomputed"])).toEqual(["a1-fill-01"]);
    expect(events.map(([, event]) => event)).toEqual(["miss", "memory-hit", "redis-hit"]);
  });

  it("expires Redis entries after the layer's TTL, then computes again", async () => {
    const shortLived = { ...SEED_CACHE_LAYERS, corrections: { ttlMs: 300, maxEntries: 10 } };
    const clock = new ManualClock();
    const { cache, events } = openCache({ layers: shortLived, clock });
    await ready(cache);
    const keyInput = { text: `court ${randomUUID()}` };
    await cache.getOrCompute("corrections", keyInput, async () => "v1");
    const redisKey = keyPrefix + cacheKey("corrections", keyInput);
    const pttl = await direct.pttl(redisKey);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(300);

    await waitFor(async () => (await direct.pttl(redisKey)) === -2, "Redis to expire the key");
    clock.advance(301);
    expect(await cache.getOrCompute("corrections", keyInput, async () => "v2")).toBe("v2");
    expect(events.map(([, event]) => event)).toEqual(["miss", "miss"]);
  });

  it("keeps at most maxEntries per layer in memory, evicting the least recently used", async () => {
    const tiny = { ...SEED_CACHE_LAYERS, exercises: { ttlMs: 60_000, maxEntries: 2 } };
    const { cache } = openCache({ layers: tiny });
    await ready(cache);
    for (const level of ["A1", "A2", "B1"]) await cache.getOrCompute("exercises", `lru ${keyPrefix} ${level}`, async () => level);
    expect(cache.memorySizes()).toEqual({ corrections: 0, exercises: 2, explanations: 0 });
  });

  it("computes once for 100 concurrent misses of one key, giving each caller its own copy", async () => {
    const { cache, events } = openCache();
    await ready(cache);
    let computations = 0;
    const keyInput = { text: `concurrent ${randomUUID()}` };
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        cache.getOrCompute("corrections", keyInput, async () => {
          computations += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return { matches: ["a"] };
        }),
      ),
    );
    expect(computations).toBe(1);
    expect(events.filter(([, event]) => event === "miss")).toHaveLength(1);
    for (const result of results) expect(result).toEqual({ matches: ["a"] });
    results[0]!.matches.push("mutated by one caller");
    expect(results[1]).toEqual({ matches: ["a"] });
    expect(await cache.getOrCompute("corrections", keyInput, async () => ({ matches: [] }))).toEqual({ matches: ["a"] });
  });

  it("passes a failed computation to every waiting caller and caches nothing", async () => {
    const { cache } = openCache();
    await ready(cache);
    const keyInput = `fails ${randomUUID()}`;
    let computations = 0;
    const failing = async (): Promise<string> => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("Grammalecte crashed");
    };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => cache.getOrCompute("corrections", keyInput, failing)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(computations).toBe(1);
    expect(await cache.getOrCompute("corrections", keyInput, async () => "recovered")).toBe("recovered");
    expect(await direct.exists(keyPrefix + cacheKey("corrections", keyInput))).toBe(1);
  });
});

describe("LayeredCache without Redis", () => {
  it("reports Redis as disabled and caches in memory", async () => {
    const events: CacheEvent[] = [];
    const cache = new LayeredCache({ onEvent: (_layer, event) => events.push(event) });
    try {
      expect(cache.redisState()).toBe("disabled");
      let computations = 0;
      await cache.getOrCompute("exercises", "A1", async () => ++computations);
      expect(await cache.getOrCompute("exercises", "A1", async () => ++computations)).toBe(1);
      expect(events).toEqual(["miss", "memory-hit"]);
    } finally {
      await cache.close();
    }
  });
});
