import { pino, type Logger } from "pino";
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.js";
import { applyMigrations } from "./migrations.js";
import { PostgresPool, describeDatabaseUrl } from "./postgres-pool.js";
import { createAttemptRepository } from "./repositories/attempt-repository.js";
import { createCorrectionHistoryRepository } from "./repositories/correction-history-repository.js";
import { createExerciseRepository } from "./repositories/exercise-repository.js";
import { createLearnerRepository } from "./repositories/learner-repository.js";
import { loadProgress } from "./repositories/progress.js";
import type { ShardAccess } from "./repositories/shard-access.js";
import { checkDatabaseSettings, DEFAULT_RETRY_BASE_DELAY_MS } from "./settings.js";
import { shardForLearner, validateShardMap } from "./shard-routing.js";
import type { ShardSetting } from "../../config/index.js";
import type { Database, DatabaseEvents, DatabaseMode, DatabaseSettings } from "./types.js";

interface OpenShard {
  definition: ShardSetting;
  writer: PostgresPool;
  /** The writer itself when the shard has no reader URL. */
  reader: PostgresPool;
}


/**
 * Opens the pools (no url and no shards: an embedded PGlite behind its socket server, so the same pg code runs).
 * Connections are made lazily, so a database that is down does not stop start-up unless migrations must run
 * (migrateOnStart, or always for the embedded database, which starts empty).
 */
export async function openDatabase(
  settings: DatabaseSettings,
  logger: Logger = pino({ enabled: false }),
  events: DatabaseEvents = {},
): Promise<Database> {
  checkDatabaseSettings(settings);
  const retry = { retries: settings.retryAttempts, baseDelayMs: settings.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS };
  let mode: DatabaseMode;
  let embedded: EmbeddedPostgres | undefined;
  let definitions: ShardSetting[];
  if (settings.shards?.length) {
    mode = "sharded";
    definitions = validateShardMap(settings.shards);
  } else if (settings.url) {
    mode = "single";
    definitions = [{ id: "main", writerUrl: settings.url, firstBucket: 0, lastBucket: 99 }];
  } else {
    mode = "embedded";
    embedded = await startEmbeddedPostgres();
    definitions = [{ id: "embedded", writerUrl: embedded.url, firstBucket: 0, lastBucket: 99 }];
  }

  const openPool = (name: string, url: string): PostgresPool =>
    new PostgresPool(
      mode === "embedded"
        ? {
            name,
            url,
            poolMin: EMBEDDED_POOL_SIZE,
            poolMax: EMBEDDED_POOL_SIZE,
            queryTimeoutMs: settings.queryTimeoutMs,
            retry,
            keepIdleConnections: true,
            serverStatementTimeout: false,
            ...(events.onRetry ? { onRetry: events.onRetry } : {}),
          }
        : {
            name,
            url,
            poolMin: settings.poolMin,
            poolMax: settings.poolMax,
            queryTimeoutMs: settings.queryTimeoutMs,
            retry,
            ...(events.onRetry ? { onRetry: events.onRetry } : {}),
          },
      logger,
    );
  const shards: OpenShard[] = definitions.map((definition) => {
    const writer = openPool(`${definition.id} writer`, definition.writerUrl);
    const reader = definition.readerUrl ? openPool(`${definition.id} reader`, definition.readerUrl) : writer;
    return { definition, writer, reader };
  });

  let nextReader = 0;
  const shardOf = (learnerId: string): OpenShard =>
    shardForLearner(
      shards.map((shard) => ({ ...shard.definition, shard })),
      learnerId,
    ).shard;
  const access: ShardAccess = {
    writerFor: (learnerId) => shardOf(learnerId).writer,
    readerFor: (learnerId) => shardOf(learnerId).reader,
    anyReader: () => {
      // Every shard holds the exercise bank, so its reads are spread over all of them.
      nextReader = (nextReader + 1) % shards.length;
      return (shards[nextReader] as OpenShard).reader;
    },
  };

  const distinctPools = (): PostgresPool[] => [...new Set(shards.flatMap((shard) => [shard.writer, shard.reader]))];

  const migrate = async (): Promise<void> => {
    for (const shard of shards) {
      const client = await shard.writer.connect();
      try {
        const applied = await applyMigrations(client, logger);
        logger.info({ shard: shard.definition.id, target: shard.writer.target, applied }, "Database migrations checked");
      } catch (error) {
        throw new Error(
          `Migrating shard "${shard.definition.id}" (${shard.writer.target}) failed: ${(error as Error).message}. ` +
            "Its schema is unchanged; fix the cause and run `npm run migrate -w app` again.",
          { cause: error },
        );
      } finally {
        client.release();
      }
    }
  };

  const close = async (): Promise<void> => {
    await Promise.all(distinctPools().map((pool) => pool.end()));
    await embedded?.stop();
  };

  const database: Database = {
    learners: createLearnerRepository(access),
    exercises: createExerciseRepository(access),
    attempts: createAttemptRepository(access),
    corrections: createCorrectionHistoryRepository(access),
    progress: (learnerId) => loadProgress(access, learnerId),
    async ping() {
      await Promise.all(
        distinctPools().map(async (pool) => {
          try {
            await pool.query("SELECT 1");
          } catch (error) {
            throw new Error(`Database ${pool.name} (${pool.target}) does not answer: ${(error as Error).message}`, { cause: error });
          }
        }),
      );
    },
    migrate,
    close,
    describe() {
      return {
        mode,
        poolMax: mode === "embedded" ? EMBEDDED_POOL_SIZE : settings.poolMax,
        queryTimeoutMs: settings.queryTimeoutMs,
        retryAttempts: settings.retryAttempts,
        shards: shards.map(({ definition, writer, reader }) => ({
          id: definition.id,
          writer: describeDatabaseUrl(definition.writerUrl),
          reader: definition.readerUrl ? describeDatabaseUrl(definition.readerUrl) : null,
          firstBucket: definition.firstBucket,
          lastBucket: definition.lastBucket,
          writerPool: writer.status(),
          readerPool: reader === writer ? null : reader.status(),
        })),
      };
    },
  };

  if (settings.migrateOnStart || mode === "embedded") {
    try {
      await migrate();
    } catch (error) {
      await close();
      throw error;
    }
  }
  logger.info({ mode, shards: shards.length }, "Database opened");
  return database;
}
