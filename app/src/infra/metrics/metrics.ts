/**
 * Prometheus metrics, one registry per server instance (tests build many servers in one process).
 * Names are prefixed `francaisfluide_` so they sort together on a shared Prometheus.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CacheEvent, CacheLayerName } from "../cache/layered-cache.js";

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
}

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
  };
}
