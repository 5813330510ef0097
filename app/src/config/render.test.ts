import { describe, expect, it } from "vitest";
import { loadAppConfig, type AppConfig } from "./load.js";
import { renderSettingsEnvironment } from "./render.js";
import { SECRET_SETTING_VARIABLES, SETTING_VARIABLES } from "./variables.js";

const defaults = { cpuCount: 2 };

const sharded: AppConfig = {
  port: 8080,
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
  grammar: { workers: 4, requestTimeoutMs: 5000, pythonPath: "/usr/bin/python3" },
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
    expect(rendered).toEqual(SETTING_VARIABLES.filter((name) => name !== "DATABASE_URL" && name !== "REDIS_URL").sort());
  });

  it("renders only what is given, so the app's defaults apply to the rest", () => {
    expect(renderSettingsEnvironment({ database: { url: "postgres://db/ff" } })).toEqual({ DATABASE_URL: "postgres://db/ff" });
    expect(loadAppConfig(renderSettingsEnvironment({}), defaults)).toEqual(loadAppConfig({}, defaults));
  });

  it("renders a plain cluster and a plain single Redis that load back without TLS or password", () => {
    expect(renderSettingsEnvironment({ redis: { mode: "cluster", nodes: ["redis-0:6379"], tls: false } })).toEqual({ REDIS_CLUSTER_NODES: "redis-0:6379", REDIS_TLS: "false" });
    expect(loadAppConfig(renderSettingsEnvironment({ redis: { mode: "single", url: "redis://cache:6379" } }), defaults).redis).toEqual({ mode: "single", url: "redis://cache:6379" });
  });

  it("refuses a database url together with shards", () => {
    expect(() => renderSettingsEnvironment({ database: { url: "postgres://db/ff", shards: sharded.database.shards } })).toThrow(
      /both database.url and database.shards/,
    );
  });

  it("marks the variables that can carry credentials", () => {
    expect(SECRET_SETTING_VARIABLES).toEqual(["DATABASE_URL", "DATABASE_SHARDS", "REDIS_URL", "REDIS_AUTH_TOKEN"]);
    for (const name of SECRET_SETTING_VARIABLES) expect(SETTING_VARIABLES).toContain(name);
  });
});
