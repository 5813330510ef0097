/**
 * The database as the rest of the app sees it. Modules outside infra/db import this file only; the modules
 * inside import each other directly, never this file, so no import cycle can run through it. Tools outside the app
 * (the phase migration) reach it as `@francaisfluide/app/db`.
 */
export * from "./models.js";
export * from "./types.js";
export { appMigrationNames, applyMigrations, MIGRATIONS_TABLE, migrationTargets } from "./migrations.js";
export { openDatabase } from "./open-database.js";
export { databasePlugin } from "./plugin.js";
export { describeDatabaseUrl } from "./postgres-pool.js";
export { SEED_DATABASE_SETTINGS } from "./settings.js";
export { learnerBucket, shardForBucket, shardForLearner, validateShardMap } from "./shard-routing.js";
