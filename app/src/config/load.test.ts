import { describe, expect, it } from "vitest";
import { ConfigError, loadAppConfig } from "./load.js";

const defaults = { cpuCount: 4 };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe("loadAppConfig", () => {
  it("gives a local, self-contained setup when nothing is set", () => {
    const config = loadAppConfig({}, defaults);
    expect(config.port).toBe(8080);
    expect(config.metricsPort).toBe(9464);
    expect(config.host).toBe("127.0.0.1");
    expect(config.maxTextLength).toBe(20_000);
    expect(config.logLevel).toBe("info");
    expect(config.database.url).toBeUndefined();
    expect(config.database.shards).toBeUndefined();
    expect(config.database.poolMin).toBe(5);
    expect(config.database.poolMax).toBe(20);
    // Embedded PGlite starts empty, so it is migrated at start by default.
    expect(config.database.migrateOnStart).toBe(true);
    expect(config.redis).toBeUndefined();
    expect(config.grammar.workers).toBe(4);
    expect(config.grammar.learnerRules).toBe(true);
    expect(config.cache.layers.corrections.maxEntries).toBe(1000);
    // No error reporting and no tracing unless a destination is given.
    expect(config.telemetry).toEqual({});
  });

  it("reads where errors and traces go", () => {
    const config = loadAppConfig(
      {
        SENTRY_DSN: " https://0123456789abcdef@o123.ingest.de.sentry.io/4507 ",
        SENTRY_ENVIRONMENT: "phase4",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
        OTEL_SERVICE_NAME: "francaisfluide-grammar",
      },
      defaults,
    );
    expect(config.telemetry).toEqual({
      sentry: { dsn: "https://0123456789abcdef@o123.ingest.de.sentry.io/4507", environment: "phase4" },
      traces: { otlpEndpoint: "http://127.0.0.1:4318", serviceName: "francaisfluide-grammar" },
    });
    expect(loadAppConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://otlp.example" }, defaults).telemetry.traces?.serviceName).toBe("francaisfluide");
  });

  it("refuses a DSN of the wrong shape without showing its key", () => {
    for (const dsn of ["https://sentry.example/42", "https://secretkey0001@sentry.example/", "ftp://secretkey0001@sentry.example/42", "secretkey0001"]) {
      const problems = problemsOf({ SENTRY_DSN: dsn });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SENTRY_DSN=.* is not valid: expected the project's DSN/);
      expect(problems[0]).not.toContain("secretkey0001");
    }
    expect(problemsOf({ SENTRY_DSN: "https://secretkey0001@sentry.example/" })[0]).toContain('"https://***@sentry.example/"');
  });

  it("refuses telemetry names and endpoints it cannot use, and a name without its destination", () => {
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is not valid: expected a URL starting with http:// or https://, e.g. http://otel-collector:4318',
    ]);
    expect(problemsOf({ SENTRY_DSN: "https://k@sentry.example/1", SENTRY_ENVIRONMENT: "phase 3/eu" })[0]).toMatch(/^SENTRY_ENVIRONMENT="phase 3\/eu" is not valid/);
    expect(problemsOf({ SENTRY_ENVIRONMENT: "phase3", OTEL_SERVICE_NAME: "ff" })).toEqual([
      "SENTRY_ENVIRONMENT is set but SENTRY_DSN is not: expected SENTRY_DSN beside it, or unset SENTRY_ENVIRONMENT",
      "OTEL_SERVICE_NAME is set but OTEL_EXPORTER_OTLP_ENDPOINT is not: expected OTEL_EXPORTER_OTLP_ENDPOINT beside it, or unset OTEL_SERVICE_NAME",
    ]);
  });

  it("reads every variable", () => {
    const config = loadAppConfig(
      {
        PORT: "9090",
        METRICS_PORT: "9100",
        HOST: "0.0.0.0",
        LOG_LEVEL: "WARN",
        MAX_TEXT_LENGTH: "5000",
        DATABASE_URL: "postgres://ff@db.internal:5432/ff",
        DB_POOL_MIN: "2",
        DB_POOL_MAX: "8",
        MIGRATE_ON_START: "yes",
        REDIS_URL: "redis://cache:6379",
        CACHE_CORRECTIONS_MAX: "5000",
        CACHE_EXERCISES_TTL_MS: "60000",
        GRAMMAR_WORKERS: "3",
        GRAMMAR_TIMEOUT_MS: "2500",
        GRAMMAR_PYTHON: "/usr/bin/python3",
        GRAMMAR_LEARNER_RULES: "off",
      },
      defaults,
    );
    expect(config).toMatchObject({
      port: 9090,
      metricsPort: 9100,
      host: "0.0.0.0",
      logLevel: "warn",
      maxTextLength: 5000,
      database: { url: "postgres://ff@db.internal:5432/ff", poolMin: 2, poolMax: 8, migrateOnStart: true },
      redis: { mode: "single", url: "redis://cache:6379" },
      cache: { layers: { corrections: { maxEntries: 5000 }, exercises: { ttlMs: 60_000 } } },
      grammar: { workers: 3, requestTimeoutMs: 2500, pythonPath: "/usr/bin/python3", learnerRules: false },
    });
  });

  it("refuses METRICS_PORT equal to PORT, which would put /metrics behind the load balancer", () => {
    expect(problemsOf({ PORT: "9000", METRICS_PORT: "9000" })).toEqual([
      "METRICS_PORT=9000 is the same as PORT: expected another port, so that /metrics stays off the port the load balancer forwards (default 9464)",
    ]);
    expect(problemsOf({ PORT: "9464" })).toHaveLength(1);
    expect(loadAppConfig({ PORT: "0", METRICS_PORT: "0" }, defaults)).toMatchObject({ port: 0, metricsPort: 0 });
  });

  it("does not migrate a shared PostgreSQL at start unless told to", () => {
    expect(loadAppConfig({ DATABASE_URL: "postgresql://db/ff" }, defaults).database.migrateOnStart).toBe(false);
  });

  it("turns REDIS_CLUSTER_NODES into cluster mode, without TLS unless REDIS_TLS says so", () => {
    const config = loadAppConfig({ REDIS_CLUSTER_NODES: "redis-0:6379, redis-1:6379 ,redis-2:6379" }, defaults);
    expect(config.redis).toEqual({ mode: "cluster", nodes: ["redis-0:6379", "redis-1:6379", "redis-2:6379"], tls: false });
    expect(loadAppConfig({ REDIS_CLUSTER_NODES: "clustercfg.ff.cache.amazonaws.com:6379", REDIS_TLS: "true" }, defaults).redis).toEqual({
      mode: "cluster",
      nodes: ["clustercfg.ff.cache.amazonaws.com:6379"],
      tls: true,
    });
  });

  it("reads the AUTH password beside either kind of Redis, exactly as given", () => {
    const token = "Tr0ub4dor&3-correct-horse$battery<staple>";
    expect(loadAppConfig({ REDIS_URL: "rediss://master.ff.cache.amazonaws.com:6379", REDIS_AUTH_TOKEN: token }, defaults).redis).toEqual({
      mode: "single",
      url: "rediss://master.ff.cache.amazonaws.com:6379",
      authToken: token,
    });
    expect(loadAppConfig({ REDIS_CLUSTER_NODES: "cfg:6379", REDIS_TLS: "on", REDIS_AUTH_TOKEN: token }, defaults).redis).toEqual({
      mode: "cluster",
      nodes: ["cfg:6379"],
      tls: true,
      authToken: token,
    });
  });

  it("refuses Redis settings that contradict each other or have no Redis to apply to, and never shows the password", () => {
    expect(problemsOf({ REDIS_AUTH_TOKEN: "a-long-enough-password" })).toEqual([
      "REDIS_AUTH_TOKEN is set but no Redis is: expected REDIS_URL or REDIS_CLUSTER_NODES beside it, or unset REDIS_AUTH_TOKEN",
    ]);
    expect(problemsOf({ REDIS_TLS: "true" })[0]).toMatch(/^REDIS_TLS is set but no Redis is/);
    expect(problemsOf({ REDIS_URL: "redis://cache:6379", REDIS_TLS: "true" })[0]).toMatch(/^REDIS_TLS is set with REDIS_URL, whose scheme already decides: expected rediss:\/\//);
    expect(problemsOf({ REDIS_URL: "redis://:hunter2@cache:6379", REDIS_AUTH_TOKEN: "another-password" })[0]).toMatch(
      /^REDIS_URL carries a password and REDIS_AUTH_TOKEN is set: expected only one/,
    );
    const problems = problemsOf({ REDIS_URL: "rediss://cache:6379", REDIS_AUTH_TOKEN: "s3cret-value-with-newline\n" });
    expect(problems[0]).toMatch(/^REDIS_AUTH_TOKEN is not valid: it contains white space/);
    expect(problems.join("\n")).not.toContain("s3cret");
    expect(problemsOf({ REDIS_CLUSTER_NODES: "cfg:6379", REDIS_TLS: "maybe" })[0]).toMatch(/^REDIS_TLS="maybe" is not valid/);
  });

  it("serves every feature unless APP_ROLE names one part of the split API", () => {
    expect(loadAppConfig({}, defaults).role).toBe("all");
    expect(loadAppConfig({ APP_ROLE: "Grammar" }, defaults).role).toBe("grammar");
    expect(problemsOf({ APP_ROLE: "billing" })).toEqual(['APP_ROLE="billing" is not valid: expected one of all, grammar, exercises, analytics (default all)']);
  });

  it("refuses database passwords that have no URL to go with, or that the URL already carries, and never shows them", () => {
    expect(problemsOf({ DATABASE_PASSWORD: "hunter2-secret" })).toEqual([
      "DATABASE_PASSWORD is set but DATABASE_URL is not: expected DATABASE_URL beside it, or unset DATABASE_PASSWORD",
    ]);
    expect(problemsOf({ DATABASE_URL: "postgres://ff:old@db/ff", DATABASE_PASSWORD: "hunter2-secret" })[0]).toMatch(/^DATABASE_URL carries a password and DATABASE_PASSWORD is set/);
    const shards = JSON.stringify([
      { id: "shard-1", writerUrl: "postgres://ff@a/ff", firstBucket: 0, lastBucket: 49 },
      { id: "shard-2", writerUrl: "postgres://ff:inline@b/ff", firstBucket: 50, lastBucket: 99 },
    ]);
    expect(problemsOf({ DATABASE_SHARDS: shards, DATABASE_PASSWORD: "hunter2-secret" })[0]).toBe(
      "DATABASE_PASSWORD is set with DATABASE_SHARDS: expected each shard's password in its own variable (DATABASE_PASSWORD_SHARD_1, DATABASE_PASSWORD_SHARD_2)",
    );
    const problems = problemsOf({ DATABASE_SHARDS: shards, DATABASE_PASSWORD_SHARD_3: "hunter2-secret", DATABASE_PASSWORD_SHARD_2: "hunter2-secret", DATABASE_PASSWORD_SHARD_1: "hunter2 secret" });
    expect(problems).toEqual([
      "DATABASE_PASSWORD_SHARD_3 names no shard of DATABASE_SHARDS: expected one of DATABASE_PASSWORD_SHARD_1, DATABASE_PASSWORD_SHARD_2",
      expect.stringMatching(/^DATABASE_SHARDS gives shard "shard-2" a URL with a password and DATABASE_PASSWORD_SHARD_2 is set/),
      expect.stringMatching(/^DATABASE_PASSWORD_SHARD_1 is not valid: it contains white space/),
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(problemsOf({ DATABASE_PASSWORD_SHARD_1: "hunter2-secret" })[0]).toMatch(/^DATABASE_PASSWORD_SHARD_1 is set but DATABASE_SHARDS is not/);
    const clash = JSON.stringify([
      { id: "eu-1", writerUrl: "postgres://a/ff", firstBucket: 0, lastBucket: 49 },
      { id: "eu_1", writerUrl: "postgres://b/ff", firstBucket: 50, lastBucket: 99 },
    ]);
    expect(problemsOf({ DATABASE_SHARDS: clash })[0]).toMatch(/shards "eu-1" and "eu_1" whose passwords would share DATABASE_PASSWORD_EU_1/);
  });

  it("reads a shard map that covers every bucket once", () => {
    const shards = [
      { id: "eu-1", writerUrl: "postgres://a/ff", readerUrl: "postgres://a-ro/ff", firstBucket: 0, lastBucket: 49 },
      { id: "eu-2", writerUrl: "postgres://b/ff", firstBucket: 50, lastBucket: 99 },
    ];
    const config = loadAppConfig({ DATABASE_SHARDS: JSON.stringify(shards) }, defaults);
    expect(config.database.shards).toEqual(shards);
  });

  it("names the variable, the value and what is expected for each bad value, all at once", () => {
    const problems = problemsOf({ PORT: "eighty", GRAMMAR_WORKERS: "0", LOG_LEVEL: "loud", MIGRATE_ON_START: "maybe", GRAMMAR_LEARNER_RULES: "sometimes" });
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith("GRAMMAR_LEARNER_RULES"))).toMatch(/GRAMMAR_LEARNER_RULES="sometimes" is not valid: expected one of 1, true, yes, on, 0, false/);
    expect(problems[0]).toMatch(/^PORT="eighty" is not valid: expected a whole number from 0 to 65535/);
    expect(problems.find((p) => p.startsWith("GRAMMAR_WORKERS"))).toMatch(/GRAMMAR_WORKERS="0" .*from 1 to 64/);
    expect(problems.find((p) => p.startsWith("LOG_LEVEL"))).toMatch(/LOG_LEVEL="loud" .*fatal, error, warn, info/);
    expect(problems.find((p) => p.startsWith("MIGRATE_ON_START"))).toMatch(/MIGRATE_ON_START="maybe" .*true/);
  });

  it("puts every problem in the error message", () => {
    expect(() => loadAppConfig({ PORT: "-1", MAX_TEXT_LENGTH: "1e9" }, defaults)).toThrow(
      /Invalid configuration \(2 problems\):\n {2}- PORT="-1".*\n {2}- MAX_TEXT_LENGTH="1e9"/,
    );
  });

  it("rejects URLs of the wrong kind", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://db/ff" })[0]).toMatch(/DATABASE_URL="mysql:\/\/db\/ff" .*postgres:\/\//);
    expect(problemsOf({ REDIS_URL: "cache:6379" })[0]).toMatch(/REDIS_URL="cache:6379" .*redis:\/\//);
    expect(problemsOf({ REDIS_CLUSTER_NODES: "redis-0,redis-1:6379" })[0]).toMatch(/"redis-0" not host:port/);
  });

  it("never repeats a password of a rejected URL", () => {
    const [database] = problemsOf({ DATABASE_URL: "mysql://ff:s3cret-pw@db/ff" });
    expect(database).toContain('DATABASE_URL="mysql://ff:***@db/ff" is not valid');
    expect(database).not.toContain("s3cret-pw");
    expect(problemsOf({ REDIS_URL: "http://:t0ken-value@cache:6379" })[0]).not.toContain("t0ken-value");
    const shards = JSON.stringify([{ id: "a", writerUrl: "postgres://ff:s3cret-pw@a/ff", firstBucket: 0, lastBucket: 40 }]);
    const [shardProblem] = problemsOf({ DATABASE_SHARDS: shards });
    expect(shardProblem).toMatch(/buckets 41-99 belong to no shard/);
    expect(shardProblem).not.toContain("s3cret-pw");
  });

  it("rejects contradictory settings", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://a/ff", DATABASE_SHARDS: '[{"id":"a","writerUrl":"postgres://a/ff","firstBucket":0,"lastBucket":99}]' })).toEqual([
      expect.stringMatching(/DATABASE_URL and DATABASE_SHARDS are both set/),
    ]);
    expect(problemsOf({ REDIS_URL: "redis://a:6379", REDIS_CLUSTER_NODES: "b:6379" })[0]).toMatch(/both set/);
    expect(problemsOf({ DB_POOL_MIN: "30", DB_POOL_MAX: "10" })[0]).toMatch(/DB_POOL_MIN=30 is above DB_POOL_MAX=10/);
  });

  it("explains what is wrong with a shard map", () => {
    expect(problemsOf({ DATABASE_SHARDS: "{not json" })[0]).toMatch(/DATABASE_SHARDS="{not json" is not valid \(not JSON/);
    const gap = JSON.stringify([{ id: "a", writerUrl: "postgres://a/ff", firstBucket: 0, lastBucket: 40 }]);
    expect(problemsOf({ DATABASE_SHARDS: gap })[0]).toMatch(/buckets 41-99 belong to no shard/);
    const overlap = JSON.stringify([
      { id: "a", writerUrl: "postgres://a/ff", firstBucket: 0, lastBucket: 60 },
      { id: "b", writerUrl: "postgres://b/ff", firstBucket: 50, lastBucket: 99 },
    ]);
    expect(problemsOf({ DATABASE_SHARDS: overlap })[0]).toMatch(/buckets 50-60 are claimed by "a" and "b"/);
    const badUrl = JSON.stringify([{ id: "a", writerUrl: "http://a", firstBucket: 0, lastBucket: 99 }]);
    expect(problemsOf({ DATABASE_SHARDS: badUrl })[0]).toMatch(/at 0.writerUrl: expected a postgres:\/\/ URL/);
  });
});
