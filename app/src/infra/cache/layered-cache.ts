import { createHash } from "node:crypto";
import { Cluster, Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { pino, type Logger } from "pino";
import { configure as configureStringify } from "safe-stable-stringify";
import { SEED_CACHE_LAYERS, type CacheLayerName, type CacheLayerSetting, type RedisSetting } from "../../config/index.js";

export type { CacheLayerName } from "../../config/index.js";

export type CacheEvent = "memory-hit" | "redis-hit" | "miss";
export type RedisState = "disabled" | "ready" | "down";

export interface LayeredCacheOptions {
  layers?: Record<CacheLayerName, CacheLayerSetting>;
  redis?: RedisSetting;
  /** Prepended to every Redis key, e.g. "ff:" — lets instances (and tests) share or separate a Redis. */
  keyPrefix?: string;
  onEvent?: (layer: CacheLayerName, event: CacheEvent) => void;
  /** Told of every change of the Redis connection's state (see redisState), for metrics. */
  onRedisStateChange?: (state: RedisState) => void;
  logger?: Logger;
  /** Longest a Redis command may take before the cache carries on without it. Defaults to 250 ms. */
  redisCommandTimeoutMs?: number;
  /** Time source of the memory layer's TTLs (milliseconds); lets tests move time instead of waiting. */
  clock?: { now(): number };
  /**
   * PEM of the only certificate authority a TLS Redis may chain to, instead of Node's bundled ones (which hold
   * the Amazon CA that ElastiCache's certificates chain to); lets tests trust a throwaway certificate.
   */
  trustedCa?: string;
}

const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250;
const REDIS_CONNECT_TIMEOUT_MS = 2_000;
const CACHE_LAYER_NAMES = Object.keys(SEED_CACHE_LAYERS) as CacheLayerName[];

/** Sorted keys so that {a,b} and {b,a} share a cache entry; circular input is a caller bug, so it throws. */
const stableStringify = configureStringify({ deterministic: true, circularValue: TypeError, bigint: true });

/** "<layer>:<sha256 of the JSON-stable key input>": fixed length whatever the input size, no user text in Redis keys. */
export function cacheKey(layer: CacheLayerName, keyInput: unknown): string {
  const canonical = stableStringify(keyInput) ?? "undefined";
  return `${layer}:${createHash("sha256").update(canonical).digest("hex")}`;
}

/** Reconnect backoff: 100 ms doubling to a 2 s ceiling, forever, so the cache heals itself when Redis returns. */
export function redisReconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 2_000);
}

/**
 * How long a value read back from Redis may stay in memory: what Redis has left (PTTL), never more than
 * the layer's TTL, so that a memory copy never outlives the shared one. PTTL is -1 without expiry, -2 when gone.
 */
export function memoryTtlForRedisHit(redisPttlMs: number, layerTtlMs: number): number {
  if (redisPttlMs === -1) return layerTtlMs;
  if (redisPttlMs <= 0) return 0;
  return Math.min(redisPttlMs, layerTtlMs);
}

type RedisClient = Redis | Cluster;

function connectRedis(target: RedisSetting, commandTimeoutMs: number, trustedCa: string | undefined): RedisClient {
  // No offline queue and no per-request retries: while Redis is away a command fails at once and the
  // request carries on from memory or compute, instead of waiting for a reconnection.
  const failFast = {
    commandTimeout: commandTimeoutMs,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
  };
  const password = target.authToken === undefined ? {} : { password: target.authToken };
  const tls = trustedCa === undefined ? {} : { ca: trustedCa };
  if (target.mode === "cluster") {
    if (target.nodes.length === 0) throw new Error("Redis cluster target has no nodes: give at least one redis://host:port");
    return new Cluster(target.nodes, {
      enableOfflineQueue: false,
      clusterRetryStrategy: redisReconnectDelayMs,
      // A TLS cluster's certificate names its hosts, so each node is dialled by the name the cluster announces
      // rather than an address resolved beforehand (ioredis README, "AWS ElastiCache Clusters with TLS").
      ...(target.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
      redisOptions: { ...failFast, ...password, ...(target.tls ? { tls } : {}) },
    });
  }
  // A rediss:// URL turns TLS on by itself; `tls` only narrows whom it trusts.
  const trust = trustedCa !== undefined && new URL(target.url).protocol === "rediss:" ? { tls } : {};
  return new Redis(target.url, { ...failFast, ...password, ...trust, enableOfflineQueue: false, retryStrategy: redisReconnectDelayMs });
}

interface RedisLookup {
  json: string;
  pttlMs: number;
}

/**
 * Memory (lru-cache) in front of Redis in front of the computation. Values must be JSON: each hit returns a
 * fresh parse of the stored JSON, so callers may mutate what they get, and memory and Redis hits look alike.
 */
export class LayeredCache {
  private readonly layers: Record<CacheLayerName, CacheLayerSetting>;
  private readonly memory: Record<CacheLayerName, LRUCache<string, string>>;
  private readonly redis: RedisClient | undefined;
  private readonly keyPrefix: string;
  private readonly onEvent: (layer: CacheLayerName, event: CacheEvent) => void;
  private readonly onRedisStateChange: (state: RedisState) => void;
  private readonly logger: Logger;
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private lastReportedRedisState: RedisState;

  /** How long a layer keeps an entry in memory, for caches that must not outlive it (the /v2/check answers). */
  ttlMsOf(layer: CacheLayerName): number {
    return this.layers[layer].ttlMs;
  }

  constructor(options: LayeredCacheOptions = {}) {
    this.layers = options.layers ?? SEED_CACHE_LAYERS;
    this.keyPrefix = options.keyPrefix ?? "ff:cache:";
    this.onEvent = options.onEvent ?? (() => undefined);
    this.onRedisStateChange = options.onRedisStateChange ?? (() => undefined);
    this.logger = options.logger ?? pino({ enabled: false });
    this.memory = Object.fromEntries(
      CACHE_LAYER_NAMES.map((name) => {
        const settings = this.layers[name];
        const clock = options.clock ? { perf: options.clock, ttlResolution: 0 } : {};
        return [name, new LRUCache<string, string>({ max: settings.maxEntries, ttl: settings.ttlMs, ...clock })];
      }),
    ) as Record<CacheLayerName, LRUCache<string, string>>;
    this.redis = options.redis
      ? connectRedis(options.redis, options.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS, options.trustedCa)
      : undefined;
    this.lastReportedRedisState = this.redis ? "down" : "disabled";
    this.watchRedis();
  }

  /** keyInput: normalized input + options + engine version; hashed (sha256) into the key. Concurrent misses for one key compute once. */
  async getOrCompute<T>(layer: CacheLayerName, keyInput: unknown, compute: () => Promise<T>): Promise<T> {
    const key = cacheKey(layer, keyInput);
    const remembered = this.memory[layer].get(key);
    if (remembered !== undefined) {
      this.onEvent(layer, "memory-hit");
      return JSON.parse(remembered) as T;
    }
    // Every caller, first or joining, parses its own copy of the shared JSON.
    let lookup = this.inFlight.get(key);
    if (!lookup) {
      lookup = this.readThrough(layer, key, compute).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, lookup);
    }
    const json = await lookup;
    return (json === undefined ? undefined : JSON.parse(json)) as T;
  }

  redisState(): RedisState {
    if (!this.redis) return "disabled";
    return this.redis.status === "ready" ? "ready" : "down";
  }

  /** Memory entries per layer, for metrics. */
  memorySizes(): Record<CacheLayerName, number> {
    return Object.fromEntries(CACHE_LAYER_NAMES.map((name) => [name, this.memory[name].size])) as Record<CacheLayerName, number>;
  }

  async close(): Promise<void> {
    for (const name of CACHE_LAYER_NAMES) this.memory[name].clear();
    if (!this.redis) return;
    try {
      await this.redis.quit();
    } catch {
      // Already disconnected (Redis down): quit has nothing to say goodbye to.
      this.redis.disconnect();
    }
  }

  /** Resolves to the value's JSON, or undefined when compute gave a value JSON cannot hold (not cached). */
  private async readThrough(layer: CacheLayerName, key: string, compute: () => Promise<unknown>): Promise<string | undefined> {
    const stored = await this.readRedis(key);
    if (stored) {
      const ttl = memoryTtlForRedisHit(stored.pttlMs, this.layers[layer].ttlMs);
      if (ttl > 0) this.memory[layer].set(key, stored.json, { ttl });
      this.onEvent(layer, "redis-hit");
      return stored.json;
    }
    this.onEvent(layer, "miss");
    const json = JSON.stringify(await compute()) as string | undefined;
    if (json === undefined) return undefined;
    this.memory[layer].set(key, json);
    await this.writeRedis(key, json, this.layers[layer].ttlMs);
    return json;
  }

  private async readRedis(key: string): Promise<RedisLookup | undefined> {
    if (!this.redis || this.redisState() !== "ready") return undefined;
    try {
      const replies = await this.redis.multi().get(this.keyPrefix + key).pttl(this.keyPrefix + key).exec();
      const [getReply, pttlReply] = replies ?? [];
      const json = getReply?.[1];
      if (typeof json !== "string") return undefined;
      return { json, pttlMs: Number(pttlReply?.[1] ?? -1) };
    } catch (error) {
      this.logger.debug({ err: error, key }, "Redis read failed; serving from memory or compute");
      return undefined;
    }
  }

  private async writeRedis(key: string, json: string, ttlMs: number): Promise<void> {
    if (!this.redis || this.redisState() !== "ready") return;
    try {
      await this.redis.set(this.keyPrefix + key, json, "PX", ttlMs);
    } catch (error) {
      this.logger.debug({ err: error, key }, "Redis write failed; the value stays in memory only");
    }
  }

  /** Logs transitions only, so a Redis outage gives two log lines rather than one per reconnect attempt. */
  private watchRedis(): void {
    const redis = this.redis;
    if (!redis) return;
    const reportState = (): void => {
      const state = this.redisState();
      if (state === this.lastReportedRedisState) return;
      this.lastReportedRedisState = state;
      this.onRedisStateChange(state);
      if (state === "ready") this.logger.info("Redis cache layer ready");
      else this.logger.warn("Redis cache layer down; serving from memory and compute until it returns");
    };
    redis.on("ready", reportState);
    redis.on("close", reportState);
    redis.on("end", reportState);
    // Without a listener ioredis prints every connection error; the state change above is what matters.
    redis.on("error", (error: Error) => this.logger.debug({ err: error }, "Redis connection error"));
  }
}
