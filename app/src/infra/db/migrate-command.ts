/**
 * `npm run migrate -w app`: applies pending migrations to DATABASE_URL, or to every shard writer listed in
 * DATABASE_SHARD_URLS (comma-separated), since the schema and the exercise bank live on each shard.
 */
import { pino } from "pino";
import pg from "pg";
import { applyMigrations, describeDatabaseUrl, migrationTargets } from "./index.js";

async function migrate(url: string, logger: pino.Logger): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "francaisfluide-migrate" });
  await client.connect();
  try {
    const applied = await applyMigrations(client, logger);
    logger.info({ database: describeDatabaseUrl(url), applied }, applied.length ? "Migrations applied" : "Schema already up to date");
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const logger = pino({ name: "migrate" });
  for (const url of migrationTargets(process.env)) {
    try {
      await migrate(url, logger);
    } catch (error) {
      logger.error({ err: error, database: describeDatabaseUrl(url) }, "Migration failed; the schema of this database is unchanged");
      process.exitCode = 1;
      return;
    }
  }
}

await main();
