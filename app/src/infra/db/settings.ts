import { SEED_DATABASE_POOL } from "../../config/index.js";
import type { DatabaseSettings } from "./types.js";

/** First backoff delay of a retried query; doubles on each retry. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 100;

/** The scaling plan's pool, timeout and retries, for a database opened without the app's settings (tests, tools). */
export const SEED_DATABASE_SETTINGS: Omit<DatabaseSettings, "url" | "shards"> = {
  ...SEED_DATABASE_POOL,
  retryBaseDelayMs: DEFAULT_RETRY_BASE_DELAY_MS,
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
