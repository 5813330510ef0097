import type { DatabaseSettings } from "./types.js";

/** From the scaling plan: pool 5-20, 30 s query timeout, 3 retries. */
export const SEED_DATABASE_SETTINGS: Omit<DatabaseSettings, "url" | "shards"> = {
  poolMin: 5,
  poolMax: 20,
  queryTimeoutMs: 30_000,
  retryAttempts: 3,
  retryBaseDelayMs: 100,
  migrateOnStart: false,
};

/** Rejects settings that would fail later in a less obvious way; names the setting to fix. */
export function checkDatabaseSettings(settings: DatabaseSettings): void {
  const { poolMin, poolMax, queryTimeoutMs, retryAttempts } = settings;
  if (!Number.isInteger(poolMax) || poolMax < 1) throw new Error(`Database poolMax must be an integer >= 1, got ${poolMax}`);
  if (!Number.isInteger(poolMin) || poolMin < 0 || poolMin > poolMax) {
    throw new Error(`Database poolMin must be an integer between 0 and poolMax (${poolMax}), got ${poolMin}`);
  }
  if (!(queryTimeoutMs > 0)) throw new Error(`Database queryTimeoutMs must be > 0, got ${queryTimeoutMs}`);
  if (!Number.isInteger(retryAttempts) || retryAttempts < 0) throw new Error(`Database retryAttempts must be an integer >= 0, got ${retryAttempts}`);
  if (settings.url && settings.shards?.length) {
    throw new Error("Database settings give both url and shards: use url for one database or shards for several, not both");
  }
}
