/**
 * Application settings read from environment variables once at start. Every bad value is reported with the
 * variable's name, the value given and what is expected, all at once, so an operator fixes them in one pass
 * instead of one restart per mistake.
 */
import { availableParallelism } from "node:os";
import { APP_DEFAULTS, type CacheLayerName, type CacheLayerSetting } from "./defaults.js";
import type { AppRole } from "./roles.js";
import { passwordVariable, SHARD_PASSWORD_PREFIX, shardPasswordVariable, settingsVariables, type LoaderDefaults, type LogLevel, type ShardSetting } from "./variables.js";

/**
 * Where the shared cache is and how to reach it. A single Redis takes TLS from its URL's scheme (rediss://); a
 * cluster's host:port list has no scheme, so `tls` says it. `authToken` is the AUTH password, kept out of the URL
 * so that it can be handed over as a secret of its own.
 */
export type RedisSetting =
  | { mode: "single"; url: string; authToken?: string }
  | { mode: "cluster"; nodes: string[]; tls: boolean; authToken?: string };

export interface AppConfig {
  /** Which features this instance serves (see roles.ts); `all` unless the deployment splits the API. */
  role: AppRole;
  port: number;
  /** Where /metrics is served, apart from the API so that the load balancer never exposes it. */
  metricsPort: number;
  host: string;
  logLevel: LogLevel;
  /** Longest text accepted by /v2/check and /api/v1/corrections, in UTF-16 code units (what clients count). */
  maxTextLength: number;
  database: {
    /**
     * Absent with no shards: an embedded PGlite is started. The URLs here carry the password: given apart
     * (DATABASE_PASSWORD, a shard's password variable), it is put into them when loading.
     */
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
    /** The learner rules after the engine (learner-engine.ts); off, the engine's matches alone, as before them. */
    learnerRules: boolean;
  };
  telemetry: TelemetrySetting;
}

/** Where errors and traces go; nothing is started for what is absent. */
export interface TelemetrySetting {
  /** Sentry receives unhandled errors (5xx and crashes) when a DSN is given. */
  sentry?: { dsn: string; environment?: string };
  /** OpenTelemetry traces, exported over OTLP/HTTP to `${otlpEndpoint}/v1/traces`. */
  traces?: { otlpEndpoint: string; serviceName: string };
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.problems = problems;
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function hasPassword(url: string): boolean {
  return new URL(url).password !== "";
}

/** `url` with `password` in it, encoded as libpq and node-postgres decode it. */
export function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** Each shard's password, from its own variable: problems name the variable, never the value. */
function shardPasswords(raw: Env, shards: ShardSetting[] | undefined): { passwords: Map<string, string>; problems: string[] } {
  const passwords = new Map<string, string>();
  const problems: string[] = [];
  const given = Object.keys(raw).filter((name) => name.startsWith(SHARD_PASSWORD_PREFIX) && raw[name] !== undefined && raw[name] !== "");
  const owners = new Map<string, string[]>();
  for (const shard of shards ?? []) owners.set(shardPasswordVariable(shard.id), [...(owners.get(shardPasswordVariable(shard.id)) ?? []), shard.id]);
  for (const [name, ids] of owners) {
    if (ids.length > 1) problems.push(`DATABASE_SHARDS has shards ${ids.map((id) => `"${id}"`).join(" and ")} whose passwords would share ${name}: expected shard ids that differ in letters or digits`);
  }
  for (const name of given) {
    const shardIds = owners.get(name);
    if (shardIds === undefined) {
      problems.push(
        shards === undefined
          ? `${name} is set but DATABASE_SHARDS is not: expected a shard map beside it, or DATABASE_PASSWORD for DATABASE_URL`
          : `${name} names no shard of DATABASE_SHARDS: expected one of ${[...owners.keys()].join(", ")}`,
      );
      continue;
    }
    const parsed = passwordVariable(name).safeParse(raw[name]);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => issue.message));
      continue;
    }
    const shard = shards?.find((candidate) => candidate.id === shardIds[0]);
    if (shard && [shard.writerUrl, shard.readerUrl].some((url) => url !== undefined && hasPassword(url))) {
      problems.push(`DATABASE_SHARDS gives shard "${shard.id}" a URL with a password and ${name} is set: expected only one; remove the password from the URLs so that the secret lives in ${name} alone`);
    }
    if (parsed.data !== undefined) passwords.set(shardIds[0] as string, parsed.data);
  }
  return { passwords, problems };
}

function environmentSchema(defaults: LoaderDefaults) {
  return settingsVariables(defaults).superRefine((env, ctx) => {
    if (env.DATABASE_PASSWORD !== undefined && env.DATABASE_URL === undefined) {
      ctx.addIssue({
        code: "custom",
        message:
          env.DATABASE_SHARDS === undefined
            ? "DATABASE_PASSWORD is set but DATABASE_URL is not: expected DATABASE_URL beside it, or unset DATABASE_PASSWORD"
            : `DATABASE_PASSWORD is set with DATABASE_SHARDS: expected each shard's password in its own variable (${env.DATABASE_SHARDS.map((shard) => shardPasswordVariable(shard.id)).join(", ")})`,
      });
    }
    if (env.DATABASE_PASSWORD !== undefined && env.DATABASE_URL !== undefined && hasPassword(env.DATABASE_URL)) {
      ctx.addIssue({
        code: "custom",
        message: "DATABASE_URL carries a password and DATABASE_PASSWORD is set: expected only one; remove the password from DATABASE_URL so that the secret lives in DATABASE_PASSWORD alone",
      });
    }
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
    const alone: Array<[name: "SENTRY_ENVIRONMENT" | "OTEL_SERVICE_NAME", needs: "SENTRY_DSN" | "OTEL_EXPORTER_OTLP_ENDPOINT"]> = [
      ["SENTRY_ENVIRONMENT", "SENTRY_DSN"],
      ["OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT"],
    ];
    for (const [name, needs] of alone) {
      if (env[name] !== undefined && env[needs] === undefined) {
        ctx.addIssue({ code: "custom", message: `${name} is set but ${needs} is not: expected ${needs} beside it, or unset ${name}` });
      }
    }
    if (env.METRICS_PORT === env.PORT && env.PORT !== 0) {
      ctx.addIssue({
        code: "custom",
        message: `METRICS_PORT=${env.METRICS_PORT} is the same as PORT: expected another port, so that /metrics stays off the port the load balancer forwards (default ${APP_DEFAULTS.metricsPort})`,
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
  const shards = shardPasswords(env, result.success ? result.data.DATABASE_SHARDS : undefined);
  if (!result.success || shards.problems.length > 0) {
    throw new ConfigError([...(result.success ? [] : result.error.issues.map((issue) => issue.message)), ...shards.problems]);
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
    role: e.APP_ROLE,
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    maxTextLength: e.MAX_TEXT_LENGTH,
    database: {
      ...(e.DATABASE_URL === undefined ? {} : { url: withPassword(e.DATABASE_URL, e.DATABASE_PASSWORD) }),
      ...(e.DATABASE_SHARDS === undefined
        ? {}
        : {
            shards: e.DATABASE_SHARDS.map(({ readerUrl, ...shard }) => ({
              ...shard,
              writerUrl: withPassword(shard.writerUrl, shards.passwords.get(shard.id)),
              ...(readerUrl === undefined ? {} : { readerUrl: withPassword(readerUrl, shards.passwords.get(shard.id)) }),
            })),
          }),
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
      learnerRules: e.GRAMMAR_LEARNER_RULES ?? true,
    },
    telemetry: {
      ...(e.SENTRY_DSN === undefined ? {} : { sentry: { dsn: e.SENTRY_DSN, ...(e.SENTRY_ENVIRONMENT === undefined ? {} : { environment: e.SENTRY_ENVIRONMENT }) } }),
      ...(e.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
        ? {}
        : { traces: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME ?? APP_DEFAULTS.serviceName } }),
    },
  };
}
