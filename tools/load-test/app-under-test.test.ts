import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { appSettings, describeSettings } from "./app-under-test.js";

describe("the app the load test starts", () => {
  it("runs with the embedded defaults and one worker per core when the machine gives nothing", () => {
    const settings = appSettings({});
    expect(settings).toEqual({ LOG_LEVEL: "warn", GRAMMAR_WORKERS: String(availableParallelism()) });
    expect(describeSettings(settings)).toBe(`${availableParallelism()} Grammalecte workers, embedded PostgreSQL (PGlite), the in-process cache only`);
  });

  it("uses the machine's PostgreSQL (migrated at start) and Redis when their URLs are set, and never shows a password", () => {
    const settings = appSettings({ DATABASE_URL: "postgresql://app:s3cret@db.internal:5432/ff", REDIS_URL: "redis://:t0ken@cache.internal:6379", GRAMMAR_WORKERS: "3" });
    expect(settings).toEqual({
      LOG_LEVEL: "warn",
      GRAMMAR_WORKERS: "3",
      DATABASE_URL: "postgresql://app:s3cret@db.internal:5432/ff",
      MIGRATE_ON_START: "true",
      REDIS_URL: "redis://:t0ken@cache.internal:6379",
    });
    const description = describeSettings(settings);
    expect(description).toBe("3 Grammalecte workers, PostgreSQL at db.internal:5432, Redis at cache.internal:6379");
    expect(description).not.toMatch(/s3cret|t0ken/);
  });
});
