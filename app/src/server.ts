/**
 * The HTTP server, built from already-started dependencies so that main and the tests assemble the same
 * thing: one plugin per concern (grammar, db, cache, metrics) decorating the instance, and routes that
 * only compose them. Starting and stopping the dependencies is the caller's job (see main.ts).
 */
import { readFileSync } from "node:fs";
import cors from "@fastify/cors";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { LayeredCache } from "./cache/layered-cache.js";
import type { AppConfig } from "./config.js";
import type { Database } from "./db/database.js";
import type { GrammarEngine } from "./grammar/engine.js";
import type { AppMetrics } from "./metrics.js";
import { bodyParsingPlugin } from "./plugins/body-parsing.js";
import { cachePlugin } from "./plugins/cache.js";
import { databasePlugin } from "./plugins/db.js";
import { docsPlugin } from "./plugins/docs.js";
import { errorHandlerPlugin } from "./plugins/error-handler.js";
import { grammarPlugin } from "./plugins/grammar.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { correctionRoutes } from "./routes/corrections.js";
import { exerciseRoutes } from "./routes/exercises.js";
import { explanationRoutes } from "./routes/explanations.js";
import { healthRoutes } from "./routes/health.js";
import { languageToolRoutes } from "./routes/languagetool.js";
import { learnerRoutes } from "./routes/learners.js";
import { metricsRoutes } from "./routes/metrics.js";

export const APP_NAME = "FrançaisFluide";

/** The app's version, from app/package.json. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export interface ServerDependencies {
  config: Pick<AppConfig, "maxTextLength">;
  engine: GrammarEngine;
  database: Database;
  cache: LayeredCache;
  metrics: AppMetrics;
  /** A pino logger for request logs; no logging when absent (tests). */
  logger?: FastifyBaseLogger;
  /** LanguageTool's `software.buildDate`; the server's start time when absent. */
  buildDate?: string;
}

/**
 * Largest body accepted: room for a text of maxTextLength UTF-16 units even fully percent-encoded
 * (up to 9 bytes per unit), plus annotated-text markup.
 */
export function bodyLimitFor(maxTextLength: number): number {
  return maxTextLength * 9 + 1024 * 1024;
}

function formatBuildDate(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

export async function buildServer(deps: ServerDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: bodyLimitFor(deps.config.maxTextLength),
    // Behind a load balancer: client address and protocol come from X-Forwarded-*.
    trustProxy: true,
  });
  // Route schemas document the API (OpenAPI); requests are validated by the handlers, with messages that
  // name the field, the value and what is expected (see routes/validation.ts).
  app.setValidatorCompiler(() => (data) => ({ value: data }));

  await app.register(errorHandlerPlugin);
  await app.register(bodyParsingPlugin);
  // LanguageTool clients include browser extensions and web editors on any origin; nothing here relies on cookies.
  await app.register(cors, { origin: "*", methods: ["GET", "POST", "PATCH", "OPTIONS"], maxAge: 86_400 });
  await app.register(metricsPlugin, { metrics: deps.metrics });
  await app.register(grammarPlugin, { engine: deps.engine, metrics: deps.metrics });
  await app.register(databasePlugin, { database: deps.database });
  await app.register(cachePlugin, { cache: deps.cache });
  await app.register(docsPlugin, { version: APP_VERSION });

  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(languageToolRoutes, {
    maxTextLength: deps.config.maxTextLength,
    software: { name: APP_NAME, appVersion: APP_VERSION, buildDate: deps.buildDate ?? formatBuildDate(new Date()) },
  });
  await app.register(correctionRoutes, { maxTextLength: deps.config.maxTextLength });
  await app.register(explanationRoutes);
  await app.register(exerciseRoutes);
  await app.register(learnerRoutes);

  await app.ready();
  return app;
}
