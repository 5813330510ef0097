/**
 * The scaling plan's application settings, declared once: the settings loader's defaults, the database and
 * cache modules, and the stacks (which size the database from the pool) all read them here.
 */

const MINUTE_MS = 60_000;

/** Seed: "pool de connexions 5-20, timeout 30 s, 3 tentatives". */
export const SEED_DATABASE_POOL = { poolMin: 5, poolMax: 20, queryTimeoutMs: 30 * 1000, retryAttempts: 3 } as const;

export interface CacheLayerSetting {
  maxEntries: number;
  ttlMs: number;
}

export type CacheLayerName = "corrections" | "exercises" | "explanations";

/** Seed: corrections 30 min / 1000 entries, exercises 1 h / 500, explanations 24 h / 200. */
export const SEED_CACHE_LAYERS: Readonly<Record<CacheLayerName, Readonly<CacheLayerSetting>>> = {
  corrections: { maxEntries: 1000, ttlMs: 30 * MINUTE_MS },
  exercises: { maxEntries: 500, ttlMs: 60 * MINUTE_MS },
  explanations: { maxEntries: 200, ttlMs: 24 * 60 * MINUTE_MS },
};

/** What the app does when a variable is unset, besides the seed's figures above. */
export const APP_DEFAULTS = {
  port: 8080,
  /**
   * Prometheus scrapes /metrics here, never through the load balancer, which forwards `port` only (9464: the
   * OpenTelemetry Prometheus exporter's port).
   */
  metricsPort: 9464,
  /** Loopback until told otherwise: a laptop's `npm start` is not reachable from the network. */
  host: "127.0.0.1",
  logLevel: "info",
  maxTextLength: 20_000,
  cacheKeyPrefix: "ff:",
  grammarRequestTimeoutMs: 10_000,
  /** The `service` of the logs and OpenTelemetry's `service.name` of the traces, so that both join up. */
  serviceName: "francaisfluide",
} as const;
