/**
 * Prometheus metrics, one registry per server instance (tests build many servers in one process).
 * Names are prefixed `francaisfluide_` so they sort together on a shared Prometheus.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CacheEvent, CacheLayerName, RedisState } from "../cache/layered-cache.js";
import type { DatabaseRetryReason } from "../db/types.js";
import type { WorkerRestartReason } from "../grammar/worker-pool.js";

export type EngineOperation = "check" | "conjugate";
export type EngineOutcome = "ok" | "timeout" | "unavailable" | "error";

export interface AppMetrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<"method" | "route" | "status_code">;
  readonly cacheHits: Counter<"layer" | "tier">;
  readonly cacheMisses: Counter<"layer">;
  readonly engineDuration: Histogram<"operation" | "outcome">;
  /** Pass as LayeredCache's `onEvent`. */
  recordCacheEvent(layer: CacheLayerName, event: CacheEvent): void;
  /** Where the queue-depth gauge reads from at scrape time. */
  watchEngineQueue(read: () => number): void;
  /** Pass as openDatabase's `onRetry`. */
  recordDatabaseRetry(reason: DatabaseRetryReason): void;
  /** Pass as GrammalecteEngine's `onWorkerRestart`. */
  recordWorkerRestart(reason: WorkerRestartReason): void;
  /** Where the Redis state gauge reads from at scrape time. */
  watchRedisState(read: () => RedisState): void;
  /** Pass as LayeredCache's `onRedisStateChange`. */
  recordRedisTransition(state: RedisState): void;
}

const REDIS_STATES: readonly RedisState[] = ["disabled", "ready", "down"];

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag); on in production, off in most tests. */
  collectProcessMetrics?: boolean;
}

const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  if (options.collectProcessMetrics) collectDefaultMetrics({ register: registry, prefix: "francaisfluide_" });

  const httpRequestDuration = new Histogram({
    name: "francaisfluide_http_request_duration_seconds",
    help: "HTTP request latency by route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: "francaisfluide_cache_hits_total",
    help: "Cache hits per layer and tier (memory: this instance's LRU, redis: shared cache)",
    labelNames: ["layer", "tier"] as const,
    registers: [registry],
  });
  const cacheMisses = new Counter({
    name: "francaisfluide_cache_misses_total",
    help: "Cache misses per layer (the value was computed)",
    labelNames: ["layer"] as const,
    registers: [registry],
  });
  const engineDuration = new Histogram({
    name: "francaisfluide_engine_duration_seconds",
    help: "Grammar engine call latency (queue wait included) by operation and outcome",
    labelNames: ["operation", "outcome"] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  let readQueueDepth: () => number = () => 0;
  new Gauge({
    name: "francaisfluide_engine_queue_depth",
    help: "Grammar requests waiting for a free engine worker",
    registers: [registry],
    collect() {
      this.set(readQueueDepth());
    },
  });

  const databaseRetries = new Counter({
    name: "francaisfluide_database_retries_total",
    help: "PostgreSQL operations tried again after a transient error, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const workerRestarts = new Counter({
    name: "francaisfluide_engine_worker_restarts_total",
    help: "Grammalecte worker processes replaced, by reason (crash: died by itself; timeout: killed for one)",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  let readRedisState: () => RedisState = () => "disabled";
  new Gauge({
    name: "francaisfluide_redis_state",
    help: "State of the Redis connection: 1 for the current state (ready, down or disabled), 0 for the others",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const current = readRedisState();
      for (const state of REDIS_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  const redisTransitions = new Counter({
    name: "francaisfluide_redis_state_transitions_total",
    help: "Changes of the Redis connection's state, by the state entered",
    labelNames: ["state"] as const,
    registers: [registry],
  });

  return {
    registry,
    httpRequestDuration,
    cacheHits,
    cacheMisses,
    engineDuration,
    recordCacheEvent(layer, event) {
      if (event === "miss") cacheMisses.inc({ layer });
      else cacheHits.inc({ layer, tier: event === "memory-hit" ? "memory" : "redis" });
    },
    watchEngineQueue(read) {
      readQueueDepth = read;
    },
    recordDatabaseRetry(reason) {
      databaseRetries.inc({ reason });
    },
    recordWorkerRestart(reason) {
      workerRestarts.inc({ reason });
    },
    watchRedisState(read) {
      readRedisState = read;
    },
    recordRedisTransition(state) {
      redisTransitions.inc({ state });
    },
  };
}
