import type { CacheLayerName, CacheLayerSetting } from "./defaults.js";
import type { AppConfig, RedisSetting } from "./load.js";
import { shardPasswordVariable, type SettingsEnvironment, type SettingVariable, type ShardSetting } from "./variables.js";

/** The part of AppConfig a deployment decides; whatever it leaves out takes the app's default. */
export interface DeployedSettings {
  role?: AppConfig["role"];
  port?: number;
  metricsPort?: number;
  host?: string;
  logLevel?: AppConfig["logLevel"];
  maxTextLength?: number;
  /**
   * A password given here is rendered into its own variable (DATABASE_PASSWORD, or the shard's
   * `shardPasswordVariable`), for a deployment that injects it as a secret: the URLs then carry none.
   */
  database?: Partial<Omit<AppConfig["database"], "shards">> & { password?: string; shards?: (ShardSetting & { password?: string })[] };
  redis?: RedisSetting;
  cache?: { keyPrefix?: string; layers?: Partial<Record<CacheLayerName, Partial<CacheLayerSetting>>> };
  grammar?: Partial<AppConfig["grammar"]>;
  /**
   * The DSN is a secret: a deployment that injects SENTRY_DSN as one leaves `dsn` out and renders the environment
   * alone, as it leaves database passwords out of the URLs.
   */
  telemetry?: { sentry?: { dsn?: string; environment?: string }; traces?: { otlpEndpoint: string; serviceName?: string } };
}

const LAYER_VARIABLES: Record<CacheLayerName, { maxEntries: SettingVariable; ttlMs: SettingVariable }> = {
  corrections: { maxEntries: "CACHE_CORRECTIONS_MAX", ttlMs: "CACHE_CORRECTIONS_TTL_MS" },
  exercises: { maxEntries: "CACHE_EXERCISES_MAX", ttlMs: "CACHE_EXERCISES_TTL_MS" },
  explanations: { maxEntries: "CACHE_EXPLANATIONS_MAX", ttlMs: "CACHE_EXPLANATIONS_TTL_MS" },
};

/**
 * The environment variables that make `loadAppConfig` return these settings: what a task definition or a
 * Kubernetes Deployment sets. Only what is given is rendered. Throws on a combination the loader would refuse.
 */
export function renderSettingsEnvironment(settings: DeployedSettings): SettingsEnvironment {
  const env: SettingsEnvironment = {};
  const put = (name: keyof SettingsEnvironment, value: string | number | boolean | undefined) => {
    if (value !== undefined) env[name] = String(value);
  };
  const { database, cache, grammar, redis } = settings;
  if (database?.url !== undefined && database.shards !== undefined) {
    throw new Error("Settings give both database.url and database.shards: a deployment has either one PostgreSQL or a shard map, not both");
  }
  if (database?.password !== undefined && database.url === undefined) {
    throw new Error("Settings give database.password without database.url: a shard map's passwords go in each shard's password");
  }
  put("APP_ROLE", settings.role);
  put("PORT", settings.port);
  put("METRICS_PORT", settings.metricsPort);
  put("HOST", settings.host);
  put("LOG_LEVEL", settings.logLevel);
  put("MAX_TEXT_LENGTH", settings.maxTextLength);
  put("DATABASE_URL", database?.url);
  put("DATABASE_PASSWORD", database?.password);
  if (database?.shards !== undefined) {
    env.DATABASE_SHARDS = JSON.stringify(database.shards.map(({ password: _password, ...shard }) => shard));
    for (const shard of database.shards) put(shardPasswordVariable(shard.id), shard.password);
  }
  put("DB_POOL_MIN", database?.poolMin);
  put("DB_POOL_MAX", database?.poolMax);
  put("DB_QUERY_TIMEOUT_MS", database?.queryTimeoutMs);
  put("DB_RETRY_ATTEMPTS", database?.retryAttempts);
  put("MIGRATE_ON_START", database?.migrateOnStart);
  if (redis?.mode === "single") env.REDIS_URL = redis.url;
  if (redis?.mode === "cluster") {
    env.REDIS_CLUSTER_NODES = redis.nodes.join(",");
    env.REDIS_TLS = String(redis.tls);
  }
  put("REDIS_AUTH_TOKEN", redis?.authToken);
  put("CACHE_KEY_PREFIX", cache?.keyPrefix);
  for (const [layer, names] of Object.entries(LAYER_VARIABLES) as Array<[CacheLayerName, (typeof LAYER_VARIABLES)[CacheLayerName]]>) {
    put(names.maxEntries, cache?.layers?.[layer]?.maxEntries);
    put(names.ttlMs, cache?.layers?.[layer]?.ttlMs);
  }
  put("GRAMMAR_WORKERS", grammar?.workers);
  put("GRAMMAR_TIMEOUT_MS", grammar?.requestTimeoutMs);
  put("GRAMMAR_PYTHON", grammar?.pythonPath);
  put("GRAMMAR_LEARNER_RULES", grammar?.learnerRules);
  put("SENTRY_DSN", settings.telemetry?.sentry?.dsn);
  put("SENTRY_ENVIRONMENT", settings.telemetry?.sentry?.environment);
  put("OTEL_EXPORTER_OTLP_ENDPOINT", settings.telemetry?.traces?.otlpEndpoint);
  put("OTEL_SERVICE_NAME", settings.telemetry?.traces?.serviceName);
  return env;
}
