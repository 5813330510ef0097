import { describe, expect, it } from "vitest";
import { loadAppConfig, type AppConfig } from "./load.js";
import { renderSettingsEnvironment } from "./render.js";
import { isSecretVariable, isSettingVariable, SECRET_SETTING_VARIABLES, SETTING_VARIABLES, shardPasswordVariable } from "./variables.js";

const defaults = { cpuCount: 2 };

const sharded: AppConfig = {
  role: "grammar",
  port: 8080,
  metricsPort: 9464,
  host: "0.0.0.0",
  logLevel: "warn",
  maxTextLength: 12_000,
  database: {
    shards: [
      { id: "us", writerUrl: "postgres://ff@us-writer:5432/ff", readerUrl: "postgres://ff@us-reader:5432/ff", firstBucket: 0, lastBucket: 33 },
      { id: "eu", writerUrl: "postgres://ff@eu-writer:5432/ff", firstBucket: 34, lastBucket: 99 },
    ],
    poolMin: 2,
    poolMax: 40,
    queryTimeoutMs: 15_000,
    retryAttempts: 2,
    migrateOnStart: false,
  },
  redis: { mode: "cluster", nodes: ["cache-0:6379", "cache-1:6379"], tls: true, authToken: "offline-placeholder-auth-token-0001" },
  cache: {
    keyPrefix: "ff3:",
    layers: {
      corrections: { maxEntries: 5000, ttlMs: 600_000 },
      exercises: { maxEntries: 800, ttlMs: 1_800_000 },
      explanations: { maxEntries: 300, ttlMs: 3_600_000 },
    },
  },
  grammar: { workers: 4, requestTimeoutMs: 5000, pythonPath: "/usr/bin/python3", learnerRules: false },
  telemetry: {
    sentry: { dsn: "https://0123456789abcdef@o0.ingest.sentry.io/42", environment: "phase3" },
    traces: { otlpEndpoint: "http://otel-collector.internal:4318", serviceName: "francaisfluide-grammar" },
  },
};

describe("renderSettingsEnvironment", () => {
  it("renders settings that the loader reads back unchanged", () => {
    expect(loadAppConfig(renderSettingsEnvironment(sharded), defaults)).toEqual(sharded);
    const single: AppConfig = { ...sharded, database: { ...sharded.database, shards: undefined, url: "postgres://ff@db:5432/ff" }, redis: { mode: "single", url: "rediss://cache:6379", authToken: "offline-placeholder-auth-token-0002" } };
    delete single.database.shards;
    expect(loadAppConfig(renderSettingsEnvironment(single), defaults)).toEqual(single);
  });

  it("writes every variable of the contract for a full sharded configuration but the single-server alternatives", () => {
    const rendered = Object.keys(renderSettingsEnvironment(sharded)).sort();
    // A loaded configuration has its passwords in its URLs already: DATABASE_PASSWORD is for deployments.
    expect(rendered).toEqual(SETTING_VARIABLES.filter((name) => !["DATABASE_URL", "DATABASE_PASSWORD", "REDIS_URL"].includes(name)).sort());
  });

  it("renders only what is given, so the app's defaults apply to the rest", () => {
    expect(renderSettingsEnvironment({ database: { url: "postgres://db/ff" } })).toEqual({ DATABASE_URL: "postgres://db/ff" });
    expect(loadAppConfig(renderSettingsEnvironment({}), defaults)).toEqual(loadAppConfig({}, defaults));
  });

  it("renders Sentry's environment without its DSN, for a deployment that injects the DSN as a secret", () => {
    const plain = renderSettingsEnvironment({ telemetry: { sentry: { environment: "phase3" } } });
    expect(plain).toEqual({ SENTRY_ENVIRONMENT: "phase3" });
    const dsn = "https://key@o0.ingest.sentry.io/1";
    expect(loadAppConfig({ ...plain, SENTRY_DSN: dsn }, defaults).telemetry.sentry).toEqual({ dsn, environment: "phase3" });
  });

  it("renders a plain cluster and a plain single Redis that load back without TLS or password", () => {
    expect(renderSettingsEnvironment({ redis: { mode: "cluster", nodes: ["redis-0:6379"], tls: false } })).toEqual({ REDIS_CLUSTER_NODES: "redis-0:6379", REDIS_TLS: "false" });
    expect(loadAppConfig(renderSettingsEnvironment({ redis: { mode: "single", url: "redis://cache:6379" } }), defaults).redis).toEqual({ mode: "single", url: "redis://cache:6379" });
  });

  it("renders telemetry only when given, the service name defaulting to the logs' service", () => {
    expect(renderSettingsEnvironment({ telemetry: { traces: { otlpEndpoint: "http://collector:4318" } } })).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(loadAppConfig(renderSettingsEnvironment({ telemetry: { traces: { otlpEndpoint: "http://collector:4318" } } }), defaults).telemetry).toEqual({
      traces: { otlpEndpoint: "http://collector:4318", serviceName: "francaisfluide" },
    });
    expect(loadAppConfig(renderSettingsEnvironment({ telemetry: { sentry: { dsn: "https://key@sentry.example/7" } } }), defaults).telemetry).toEqual({
      sentry: { dsn: "https://key@sentry.example/7" },
    });
  });

  it("refuses a database url together with shards", () => {
    expect(() => renderSettingsEnvironment({ database: { url: "postgres://db/ff", shards: sharded.database.shards } })).toThrow(
      /both database.url and database.shards/,
    );
  });

  it("marks the variables that hold credentials, shard passwords included", () => {
    expect(SECRET_SETTING_VARIABLES).toEqual(["DATABASE_PASSWORD", "REDIS_AUTH_TOKEN", "SENTRY_DSN"]);
    for (const name of SECRET_SETTING_VARIABLES) expect(SETTING_VARIABLES).toContain(name);
    expect(["DATABASE_PASSWORD", "REDIS_AUTH_TOKEN", "DATABASE_PASSWORD_SHARD_1", "SENTRY_DSN"].every(isSecretVariable)).toBe(true);
    expect(["DATABASE_URL", "DATABASE_SHARDS", "REDIS_URL", "APP_ROLE", "SENTRY_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT"].some(isSecretVariable)).toBe(false);
    expect(isSettingVariable("DATABASE_PASSWORD_SHARD_2")).toBe(true);
    expect(isSettingVariable("DATABASE_PASSWORD2")).toBe(false);
  });

  it("renders passwords apart from the URLs, for a deployment to inject as secrets, and the loader puts them back", () => {
    const single = renderSettingsEnvironment({ database: { url: "postgres://ff_admin@db:5432/ff?sslmode=verify-full", password: "p@ss:w/rd%1" } });
    expect(single).toEqual({ DATABASE_URL: "postgres://ff_admin@db:5432/ff?sslmode=verify-full", DATABASE_PASSWORD: "p@ss:w/rd%1" });
    const loadedUrl = new URL(loadAppConfig(single, defaults).database.url as string);
    expect(decodeURIComponent(loadedUrl.password)).toBe("p@ss:w/rd%1");
    expect(`${loadedUrl.host}${loadedUrl.pathname}${loadedUrl.search}`).toBe("db:5432/ff?sslmode=verify-full");

    const shards = [
      { id: "shard-1", writerUrl: "postgres://ff@w1:5432/ff", readerUrl: "postgres://ff@r1:5432/ff", firstBucket: 0, lastBucket: 49, password: "one" },
      { id: "shard-2", writerUrl: "postgres://ff@w2:5432/ff", firstBucket: 50, lastBucket: 99, password: "two" },
    ];
    const env = renderSettingsEnvironment({ database: { shards } });
    expect(Object.keys(env).sort()).toEqual(["DATABASE_PASSWORD_SHARD_1", "DATABASE_PASSWORD_SHARD_2", "DATABASE_SHARDS"]);
    expect(env.DATABASE_SHARDS).not.toContain("password");
    expect(env[shardPasswordVariable("shard-2")]).toBe("two");
    expect(loadAppConfig(env, defaults).database.shards).toEqual([
      { id: "shard-1", writerUrl: "postgres://ff:one@w1:5432/ff", readerUrl: "postgres://ff:one@r1:5432/ff", firstBucket: 0, lastBucket: 49 },
      { id: "shard-2", writerUrl: "postgres://ff:two@w2:5432/ff", firstBucket: 50, lastBucket: 99 },
    ]);
    expect(() => renderSettingsEnvironment({ database: { shards, password: "x" } })).toThrow(/database.password without database.url/);
  });
});
