/**
 * `npm start`: reads the configuration, starts the grammar engine, the database (embedded PGlite when
 * DATABASE_URL is unset) and the cache (memory only when REDIS_URL is unset), then serves the API on PORT and
 * /metrics on METRICS_PORT. SIGTERM/SIGINT stop accepting connections, let in-flight requests finish, then
 * close the metrics server, the engine, the cache and the database, in that order; a second signal, or a drain longer than
 * SHUTDOWN_TIMEOUT_MS, exits at once.
 */
import { pino, type Logger } from "pino";
import { APP_DEFAULTS, ConfigError, loadAppConfig, type AppConfig } from "./config/index.js";
import { buildMetricsServer } from "./features/metrics/server.js";
import { LayeredCache } from "./infra/cache/layered-cache.js";
import { openDatabase, type Database } from "./infra/db/index.js";
import type { GrammarEngine } from "./infra/grammar/engine.js";
import { GrammalecteEngine } from "./infra/grammar/worker-pool.js";
import { createMetrics } from "./infra/metrics/metrics.js";
import { traceLogFields } from "./infra/telemetry/log-correlation.js";
import { flushTelemetry } from "./infra/telemetry/start.js";
import { buildServer } from "./server.js";
import { APP_VERSION } from "./version.js";

/** Kubernetes waits 30 s by default between SIGTERM and SIGKILL; finish well before. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;
/** Part of the shutdown budget left to send buffered errors and spans. */
const TELEMETRY_FLUSH_TIMEOUT_MS = 2_000;

function readConfig(): AppConfig {
  try {
    return loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix these environment variables and start again.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function closeQuietly(logger: Logger, name: string, close: () => Promise<void>): Promise<void> {
  try {
    await close();
    logger.info(`${name} closed`);
  } catch (error) {
    logger.error({ err: error }, `${name} did not close cleanly`);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({
    level: config.logLevel,
    base: { service: APP_DEFAULTS.serviceName, version: APP_VERSION },
    ...(config.telemetry.traces ? { mixin: traceLogFields } : {}),
  });
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));

  const metrics = createMetrics({ collectProcessMetrics: true });
  let engine: GrammarEngine | undefined;
  let database: Database | undefined;
  let cache: LayeredCache | undefined;
  const closeDependencies = async () => {
    if (engine) await closeQuietly(logger, "grammar engine", () => engine!.close());
    if (cache) await closeQuietly(logger, "cache", () => cache!.close());
    if (database) await closeQuietly(logger, "database", () => database!.close());
  };

  try {
    engine = await GrammalecteEngine.start({
      workers: config.grammar.workers,
      requestTimeoutMs: config.grammar.requestTimeoutMs,
      ...(config.grammar.pythonPath ? { pythonPath: config.grammar.pythonPath } : {}),
      logger: logger.child({ component: "grammar" }),
      onWorkerRestart: metrics.recordWorkerRestart,
    });
    database = await openDatabase(
      {
        ...(config.database.url ? { url: config.database.url } : {}),
        ...(config.database.shards ? { shards: config.database.shards } : {}),
        poolMin: config.database.poolMin,
        poolMax: config.database.poolMax,
        queryTimeoutMs: config.database.queryTimeoutMs,
        retryAttempts: config.database.retryAttempts,
        migrateOnStart: config.database.migrateOnStart,
      },
      logger.child({ component: "database" }),
      { onRetry: metrics.recordDatabaseRetry },
    );
    cache = new LayeredCache({
      layers: config.cache.layers,
      ...(config.redis ? { redis: config.redis } : {}),
      keyPrefix: config.cache.keyPrefix,
      onEvent: metrics.recordCacheEvent,
      onRedisStateChange: metrics.recordRedisTransition,
      logger: logger.child({ component: "cache" }),
    });
    const startedCache = cache;
    metrics.watchRedisState(() => startedCache.redisState());
  } catch (error) {
    logger.fatal({ err: error }, "start-up failed; nothing is served");
    await closeDependencies();
    process.exit(1);
  }

  const app = await buildServer({ config, engine, database, cache, metrics, logger });
  const metricsServer = await buildMetricsServer(metrics, logger.child({ component: "metrics" }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "second signal during shutdown; exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down: draining in-flight requests");
    const forced = setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, "shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    await closeQuietly(logger, "HTTP server", () => app.close());
    await closeQuietly(logger, "metrics server", () => metricsServer.close());
    await closeDependencies();
    await flushTelemetry(TELEMETRY_FLUSH_TIMEOUT_MS);
    clearTimeout(forced);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const listeners = [
    { server: app, port: config.port, variable: "PORT" },
    { server: metricsServer, port: config.metricsPort, variable: "METRICS_PORT" },
  ];
  for (const { server, port, variable } of listeners) {
    try {
      await server.listen({ port, host: config.host });
    } catch (error) {
      logger.fatal({ err: error, host: config.host, port }, `cannot listen on ${config.host}:${port}; set ${variable} or HOST to a free address`);
      await app.close();
      await closeDependencies();
      process.exit(1);
    }
  }
  logger.info(
    {
      url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`,
      metricsPort: config.metricsPort,
      role: config.role,
      engine: app.grammar.version,
      workers: config.grammar.workers,
      database: database.describe().mode,
      redis: cache.redisState(),
    },
    "FrançaisFluide is serving; API docs at /docs",
  );
}

void main();
