import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import type pg from "pg";
import type { Logger } from "pino";

/** app/migrations, found from this file so the runner works whatever the working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations", import.meta.url));
export const MIGRATIONS_TABLE = "pgmigrations";

/** The migrations this version of the app has, in the order they run: their file names without extension, as the runner records them. */
export function appMigrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => entry.name.replace(/\.(ts|js)$/, ""))
    .sort();
}

/**
 * Applies pending migrations on one connected client, all in one transaction (a failure leaves the schema as
 * it was). Instances starting together wait on node-pg-migrate's advisory lock instead of failing.
 * Returns the names of the migrations applied.
 */
export async function applyMigrations(client: pg.ClientBase, logger: Logger): Promise<string[]> {
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    direction: "up",
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: "wait",
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.debug(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
  });
  return applied.map((migration) => migration.name);
}

/** The databases to migrate, from the environment; throws explaining what to set when there is none. */
export function migrationTargets(env: NodeJS.ProcessEnv): string[] {
  const shardUrls = (env.DATABASE_SHARD_URLS ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
  const targets = [...new Set([env.DATABASE_URL?.trim() ?? "", ...shardUrls].filter((url) => url.length > 0))];
  if (targets.length === 0) {
    throw new Error(
      "Nothing to migrate: set DATABASE_URL (e.g. postgresql://user@host:5432/francaisfluide) " +
        "or DATABASE_SHARD_URLS (comma-separated writer URLs)",
    );
  }
  return targets;
}
