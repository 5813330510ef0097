/**
 * Application settings read from environment variables once at start. Every bad value is reported with the
 * variable's name, the value given and what is expected, all at once, so an operator fixes them in one pass
 * instead of one restart per mistake.
 */
import { availableParallelism } from "node:os";
import type { CacheLayerName, CacheLayerSetting } from "./defaults.js";
import { settingsVariables, type LoaderDefaults, type LogLevel, type ShardSetting } from "./variables.js";

/**
 * Where the shared cache is and how to reach it. A single Redis takes TLS from its URL's scheme (rediss://); a
 * cluster's host:port list has no scheme, so `tls` says it. `authToken` is the AUTH password, kept out of the URL
 * so that it can be handed over as a secret of its own.
 */
export type RedisSetting =
  | { mode: "single"; url: string; authToken?: string }
  | { mode: "cluster"; nodes: string[]; tls: boolean; authToken?: string };

export interface AppConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Longest text accepted by /v2/check and /api/v1/corrections, in UTF-16 code units (what clients count). */
  maxTextLength: number;
  database: {
    /** Absent with no shards: an embedded PGlite is started. */
    url?: string;
    shards?: ShardSetting[];
    poolMin: number;
    poolMax: number;
    queryTimeoutMs: number;
    retryAttempts: number;
    migrateOnStart: boolean;
  };
  /** Absent: in-process cache only. */
  redis?: RedisSetting;
  cache: {
    keyPrefix: string;
    layers: Record<CacheLayerName, CacheLayerSetting>;
  };
  grammar: {
    workers: number;
    requestTimeoutMs: number;
    /** Python interpreter that has the grammalecte module; the engine's own default when absent. */
    pythonPath?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function environmentSchema(defaults: LoaderDefaults) {
  return settingsVariables(defaults).superRefine((env, ctx) => {
    if (env.DATABASE_URL !== undefined && env.DATABASE_SHARDS !== undefined) {
      ctx.addIssue({
        code: "custom",
        message:
          "DATABASE_URL and DATABASE_SHARDS are both set: expected only one (DATABASE_URL for a single PostgreSQL, DATABASE_SHARDS for a sharded one); unset the other",
      });
    }
    if (env.REDIS_URL !== undefined && env.REDIS_CLUSTER_NODES !== undefined) {
      ctx.addIssue({
        code: "custom",
        message:
          "REDIS_URL and REDIS_CLUSTER_NODES are both set: expected only one (REDIS_URL for a single Redis, REDIS_CLUSTER_NODES for a cluster); unset the other",
      });
    }
    const redisTarget = env.REDIS_URL ?? env.REDIS_CLUSTER_NODES;
    for (const name of ["REDIS_AUTH_TOKEN", "REDIS_TLS"] as const) {
      if (env[name] !== undefined && redisTarget === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `${name} is set but no Redis is: expected REDIS_URL or REDIS_CLUSTER_NODES beside it, or unset ${name}`,
        });
      }
    }
    if (env.REDIS_TLS !== undefined && env.REDIS_URL !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `REDIS_TLS is set with REDIS_URL, whose scheme already decides: expected rediss:// for TLS or redis:// without, and REDIS_TLS only with REDIS_CLUSTER_NODES; unset REDIS_TLS`,
      });
    }
    if (env.REDIS_AUTH_TOKEN !== undefined && env.REDIS_URL !== undefined && new URL(env.REDIS_URL).password !== "") {
      ctx.addIssue({
        code: "custom",
        message: "REDIS_URL carries a password and REDIS_AUTH_TOKEN is set: expected only one; remove the password from REDIS_URL so that the secret lives in REDIS_AUTH_TOKEN alone",
      });
    }
    if (env.DB_POOL_MIN > env.DB_POOL_MAX) {
      ctx.addIssue({
        code: "custom",
        message: `DB_POOL_MIN=${env.DB_POOL_MIN} is above DB_POOL_MAX=${env.DB_POOL_MAX}: expected DB_POOL_MIN ≤ DB_POOL_MAX`,
      });
    }
  });
}

/**
 * Reads the settings from `env` (process.env in production, a literal object in tests). Pure: no I/O, the
 * core count comes from `defaults`. Throws ConfigError listing every bad variable.
 */
export function loadAppConfig(env: Env, defaults: LoaderDefaults = { cpuCount: availableParallelism() }): AppConfig {
  const result = environmentSchema(defaults).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const e = result.data;
  const embedded = e.DATABASE_URL === undefined && e.DATABASE_SHARDS === undefined;
  const authToken = e.REDIS_AUTH_TOKEN === undefined ? {} : { authToken: e.REDIS_AUTH_TOKEN };
  const redis: RedisSetting | undefined =
    e.REDIS_URL !== undefined
      ? { mode: "single", url: e.REDIS_URL, ...authToken }
      : e.REDIS_CLUSTER_NODES !== undefined
        ? { mode: "cluster", nodes: e.REDIS_CLUSTER_NODES, tls: e.REDIS_TLS ?? false, ...authToken }
        : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    maxTextLength: e.MAX_TEXT_LENGTH,
    database: {
      ...(e.DATABASE_URL === undefined ? {} : { url: e.DATABASE_URL }),
      ...(e.DATABASE_SHARDS === undefined ? {} : { shards: e.DATABASE_SHARDS }),
      poolMin: e.DB_POOL_MIN,
      poolMax: e.DB_POOL_MAX,
      queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
      retryAttempts: e.DB_RETRY_ATTEMPTS,
      // An embedded database starts empty every time, so it is migrated unless told otherwise; a shared
      // PostgreSQL is migrated by `npm run migrate` (one job), not by every instance racing at start.
      migrateOnStart: e.MIGRATE_ON_START ?? embedded,
    },
    ...(redis === undefined ? {} : { redis }),
    cache: {
      keyPrefix: e.CACHE_KEY_PREFIX,
      layers: {
        corrections: { maxEntries: e.CACHE_CORRECTIONS_MAX, ttlMs: e.CACHE_CORRECTIONS_TTL_MS },
        exercises: { maxEntries: e.CACHE_EXERCISES_MAX, ttlMs: e.CACHE_EXERCISES_TTL_MS },
        explanations: { maxEntries: e.CACHE_EXPLANATIONS_MAX, ttlMs: e.CACHE_EXPLANATIONS_TTL_MS },
      },
    },
    grammar: {
      workers: e.GRAMMAR_WORKERS,
      requestTimeoutMs: e.GRAMMAR_TIMEOUT_MS,
      ...(e.GRAMMAR_PYTHON === undefined ? {} : { pythonPath: e.GRAMMAR_PYTHON }),
    },
  };
}
