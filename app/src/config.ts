/**
 * Application settings read from environment variables once at start. Every bad value is reported with
 * the variable's name, the value given and what is expected, all at once, so an operator fixes them in
 * one pass instead of one restart per mistake.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ShardSetting {
  id: string;
  writerUrl: string;
  readerUrl?: string;
  userPercentFrom: number;
  userPercentTo: number;
}

export type RedisSetting = { mode: "single"; url: string } | { mode: "cluster"; nodes: string[] };

export interface CacheLayerSetting {
  maxEntries: number;
  ttlMs: number;
}

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
    layers: {
      corrections: CacheLayerSetting;
      exercises: CacheLayerSetting;
      explanations: CacheLayerSetting;
    };
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

export interface ConfigDefaults {
  /** Default for GRAMMAR_WORKERS; the machine's core count unless a test pins it. */
  cpuCount: number;
}

type Env = Record<string, string | undefined>;

function shown(raw: string): string {
  return JSON.stringify(raw);
}

function isBlank(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === "";
}

function integerVariable(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number => {
      if (isBlank(raw)) return fallback;
      const value = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${shown(raw)} is not valid: expected a whole number from ${min} to ${max} (default ${fallback})`,
        });
        return z.NEVER;
      }
      return value;
    });
}

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["0", "false", "no", "off"];

function booleanVariable(name: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): boolean | undefined => {
      if (isBlank(raw)) return undefined;
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      ctx.addIssue({
        code: "custom",
        message: `${name}=${shown(raw)} is not valid: expected one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(", ")}`,
      });
      return z.NEVER;
    });
}

function urlVariable(name: string, protocols: string[], example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      if (isBlank(raw)) return undefined;
      const value = raw.trim();
      if (!isUrlWithProtocol(value, protocols)) {
        ctx.addIssue({
          code: "custom",
          message: `${name}=${shown(raw)} is not valid: expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}, e.g. ${example}`,
        });
        return z.NEVER;
      }
      return value;
    });
}

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

const POSTGRES_PROTOCOLS = ["postgres:", "postgresql:"];
const POSTGRES_EXAMPLE = "postgres://user@db.internal:5432/francaisfluide";

const shardSchema = z.object({
  id: z.string().min(1),
  writerUrl: z.string().refine((value) => isUrlWithProtocol(value, POSTGRES_PROTOCOLS), "expected a postgres:// URL"),
  readerUrl: z
    .string()
    .refine((value) => isUrlWithProtocol(value, POSTGRES_PROTOCOLS), "expected a postgres:// URL")
    .optional(),
  userPercentFrom: z.number().int().min(0).max(99),
  userPercentTo: z.number().int().min(0).max(99),
});

const SHARDS_EXPECTED =
  'a JSON array of {"id","writerUrl","readerUrl"?,"userPercentFrom","userPercentTo"} whose percent ranges (0-99, inclusive) cover 0 to 99 once, e.g. ' +
  '[{"id":"a","writerUrl":"postgres://a:5432/ff","userPercentFrom":0,"userPercentTo":49},{"id":"b","writerUrl":"postgres://b:5432/ff","userPercentFrom":50,"userPercentTo":99}]';

const shardsVariable = z
  .string()
  .optional()
  .transform((raw, ctx): ShardSetting[] | undefined => {
    if (isBlank(raw)) return undefined;
    const fail = (problem: string) => {
      ctx.addIssue({
        code: "custom",
        message: `DATABASE_SHARDS=${shown(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw)} is not valid (${problem}): expected ${SHARDS_EXPECTED}`,
      });
      return z.NEVER;
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return fail(`not JSON: ${(error as Error).message}`);
    }
    const result = z.array(shardSchema).min(1).safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      return fail(first ? `at ${first.path.join(".") || "top level"}: ${first.message}` : "wrong shape");
    }
    const shards = result.data;
    const ids = new Set<string>();
    for (const shard of shards) {
      if (ids.has(shard.id)) return fail(`shard id "${shard.id}" appears twice`);
      ids.add(shard.id);
      if (shard.userPercentFrom > shard.userPercentTo) {
        return fail(`shard "${shard.id}" has userPercentFrom ${shard.userPercentFrom} above userPercentTo ${shard.userPercentTo}`);
      }
    }
    const owners = new Array<string | undefined>(100).fill(undefined);
    for (const shard of shards) {
      for (let bucket = shard.userPercentFrom; bucket <= shard.userPercentTo; bucket++) {
        const owner = owners[bucket];
        if (owner !== undefined) return fail(`bucket ${bucket} is claimed by both "${owner}" and "${shard.id}"`);
        owners[bucket] = shard.id;
      }
    }
    const orphan = owners.findIndex((owner) => owner === undefined);
    if (orphan !== -1) return fail(`bucket ${orphan} belongs to no shard`);
    return shards.map((shard) => ({
      id: shard.id,
      writerUrl: shard.writerUrl,
      ...(shard.readerUrl === undefined ? {} : { readerUrl: shard.readerUrl }),
      userPercentFrom: shard.userPercentFrom,
      userPercentTo: shard.userPercentTo,
    }));
  });

const clusterNodesVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string[] | undefined => {
    if (isBlank(raw)) return undefined;
    const nodes = raw
      .split(",")
      .map((node) => node.trim())
      .filter((node) => node !== "");
    const bad = nodes.filter((node) => !/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(node));
    if (nodes.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `REDIS_CLUSTER_NODES=${shown(raw)} is not valid${bad.length > 0 ? ` (${bad.map(shown).join(", ")} not host:port)` : ""}: expected comma-separated host:port pairs, e.g. redis-0:6379,redis-1:6379,redis-2:6379`,
      });
      return z.NEVER;
    }
    return nodes;
  });

const logLevelVariable = z
  .string()
  .optional()
  .transform((raw, ctx): LogLevel => {
    if (isBlank(raw)) return "info";
    const level = raw.trim().toLowerCase();
    if (!(LOG_LEVELS as readonly string[]).includes(level)) {
      ctx.addIssue({ code: "custom", message: `LOG_LEVEL=${shown(raw)} is not valid: expected one of ${LOG_LEVELS.join(", ")}` });
      return z.NEVER;
    }
    return level as LogLevel;
  });

const hostVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string => {
    if (isBlank(raw)) return "127.0.0.1";
    const host = raw.trim();
    if (/\s|\/|^:\d+$/.test(host)) {
      ctx.addIssue({
        code: "custom",
        message: `HOST=${shown(raw)} is not valid: expected an interface address or name without scheme or port, e.g. 127.0.0.1, 0.0.0.0 or ::`,
      });
      return z.NEVER;
    }
    return host;
  });

const keyPrefixVariable = z
  .string()
  .optional()
  .transform((raw, ctx): string => {
    if (raw === undefined || raw === "") return "ff:";
    if (/\s/.test(raw) || raw.length > 64) {
      ctx.addIssue({
        code: "custom",
        message: `CACHE_KEY_PREFIX=${shown(raw)} is not valid: expected up to 64 characters without spaces, e.g. ff:`,
      });
      return z.NEVER;
    }
    return raw;
  });

const pythonPathVariable = z
  .string()
  .optional()
  .transform((raw) => (isBlank(raw) ? undefined : raw.trim()));

const MINUTE = 60_000;

function buildEnvSchema(defaults: ConfigDefaults) {
  const cores = Math.max(1, Math.min(64, Math.floor(defaults.cpuCount)));
  return z
    .object({
      PORT: integerVariable("PORT", 0, 65_535, 8080),
      HOST: hostVariable,
      LOG_LEVEL: logLevelVariable,
      MAX_TEXT_LENGTH: integerVariable("MAX_TEXT_LENGTH", 1, 1_000_000, 20_000),
      DATABASE_URL: urlVariable("DATABASE_URL", POSTGRES_PROTOCOLS, POSTGRES_EXAMPLE),
      DATABASE_SHARDS: shardsVariable,
      DB_POOL_MIN: integerVariable("DB_POOL_MIN", 0, 1000, 5),
      DB_POOL_MAX: integerVariable("DB_POOL_MAX", 1, 1000, 20),
      DB_QUERY_TIMEOUT_MS: integerVariable("DB_QUERY_TIMEOUT_MS", 100, 600_000, 30_000),
      DB_RETRY_ATTEMPTS: integerVariable("DB_RETRY_ATTEMPTS", 0, 10, 3),
      MIGRATE_ON_START: booleanVariable("MIGRATE_ON_START"),
      REDIS_URL: urlVariable("REDIS_URL", ["redis:", "rediss:"], "redis://cache.internal:6379"),
      REDIS_CLUSTER_NODES: clusterNodesVariable,
      CACHE_KEY_PREFIX: keyPrefixVariable,
      CACHE_CORRECTIONS_MAX: integerVariable("CACHE_CORRECTIONS_MAX", 1, 10_000_000, 1000),
      CACHE_CORRECTIONS_TTL_MS: integerVariable("CACHE_CORRECTIONS_TTL_MS", 1000, 30 * 24 * 60 * MINUTE, 30 * MINUTE),
      CACHE_EXERCISES_MAX: integerVariable("CACHE_EXERCISES_MAX", 1, 10_000_000, 500),
      CACHE_EXERCISES_TTL_MS: integerVariable("CACHE_EXERCISES_TTL_MS", 1000, 30 * 24 * 60 * MINUTE, 60 * MINUTE),
      CACHE_EXPLANATIONS_MAX: integerVariable("CACHE_EXPLANATIONS_MAX", 1, 10_000_000, 200),
      CACHE_EXPLANATIONS_TTL_MS: integerVariable("CACHE_EXPLANATIONS_TTL_MS", 1000, 30 * 24 * 60 * MINUTE, 24 * 60 * MINUTE),
      GRAMMAR_WORKERS: integerVariable("GRAMMAR_WORKERS", 1, 64, cores),
      GRAMMAR_TIMEOUT_MS: integerVariable("GRAMMAR_TIMEOUT_MS", 100, 600_000, 10_000),
      GRAMMAR_PYTHON: pythonPathVariable,
    })
    .superRefine((env, ctx) => {
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
      if (env.DB_POOL_MIN > env.DB_POOL_MAX) {
        ctx.addIssue({
          code: "custom",
          message: `DB_POOL_MIN=${env.DB_POOL_MIN} is above DB_POOL_MAX=${env.DB_POOL_MAX}: expected DB_POOL_MIN ≤ DB_POOL_MAX`,
        });
      }
    });
}

/**
 * Reads the settings from `env` (process.env in production, a literal object in tests). Pure: no I/O,
 * the core count comes from `defaults`. Throws ConfigError listing every bad variable.
 */
export function loadAppConfig(env: Env, defaults: ConfigDefaults = { cpuCount: availableParallelism() }): AppConfig {
  const result = buildEnvSchema(defaults).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const e = result.data;
  const embedded = e.DATABASE_URL === undefined && e.DATABASE_SHARDS === undefined;
  const redis: RedisSetting | undefined =
    e.REDIS_URL !== undefined
      ? { mode: "single", url: e.REDIS_URL }
      : e.REDIS_CLUSTER_NODES !== undefined
        ? { mode: "cluster", nodes: e.REDIS_CLUSTER_NODES }
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

/** Names of the variables loadAppConfig reads, for the README and for start-up logs. */
export const CONFIG_VARIABLES = [
  "PORT",
  "HOST",
  "LOG_LEVEL",
  "MAX_TEXT_LENGTH",
  "DATABASE_URL",
  "DATABASE_SHARDS",
  "DB_POOL_MIN",
  "DB_POOL_MAX",
  "DB_QUERY_TIMEOUT_MS",
  "DB_RETRY_ATTEMPTS",
  "MIGRATE_ON_START",
  "REDIS_URL",
  "REDIS_CLUSTER_NODES",
  "CACHE_KEY_PREFIX",
  "CACHE_CORRECTIONS_MAX",
  "CACHE_CORRECTIONS_TTL_MS",
  "CACHE_EXERCISES_MAX",
  "CACHE_EXERCISES_TTL_MS",
  "CACHE_EXPLANATIONS_MAX",
  "CACHE_EXPLANATIONS_TTL_MS",
  "GRAMMAR_WORKERS",
  "GRAMMAR_TIMEOUT_MS",
  "GRAMMAR_PYTHON",
] as const;
