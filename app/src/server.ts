/**
 * The HTTP server, built from already-started dependencies so that main and the tests assemble the same
 * thing: one plugin per concern (grammar, db, cache, metrics, from infra/) decorating the instance, and one
 * plugin per feature (features/) whose routes only compose them, each registered under its URL prefix and
 * declaring the concerns it needs. Starting and stopping the dependencies is the caller's job (see main.ts).
 */
import cors from "@fastify/cors";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { AppConfig, AppRole, SplitRole } from "./config/index.js";
import { correctionRoutes } from "./features/corrections/routes.js";
import { exerciseRoutes } from "./features/exercises/routes.js";
import { explanationRoutes } from "./features/explanations/routes.js";
import { healthRoutes } from "./features/health/routes.js";
import { languageToolRoutes } from "./features/languagetool/routes.js";
import { learnerProgressRoutes, learnerRoutes } from "./features/learners/routes.js";
import type { LayeredCache } from "./infra/cache/layered-cache.js";
import { cachePlugin } from "./infra/cache/plugin.js";
import { databasePlugin, type Database } from "./infra/db/index.js";
import type { GrammarEngine } from "./infra/grammar/engine.js";
import { grammarPlugin } from "./infra/grammar/plugin.js";
import { bodyParsingPlugin } from "./infra/http/body-parsing.js";
import { docsPlugin } from "./infra/http/docs.js";
import { MAX_PATH_PARAMETER_LENGTH, answerClientError, answerFrameworkError, errorHandlerPlugin } from "./infra/http/error-handler.js";
import type { AppMetrics } from "./infra/metrics/metrics.js";
import { metricsPlugin } from "./infra/metrics/plugin.js";
import { APP_VERSION } from "./version.js";

export const APP_NAME = "FrançaisFluide";

export interface ServerDependencies {
  /** Without a role, the server serves every feature. */
  config: Pick<AppConfig, "maxTextLength"> & Partial<Pick<AppConfig, "role">> & { grammar?: Pick<AppConfig["grammar"], "learnerRules"> };
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
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    // Fastify's own answers to these are not in the API's { error, message } shape (see infra/http/error-handler.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false,
    // Behind a load balancer: client address and protocol come from X-Forwarded-*.
    trustProxy: true,
  });
  // Route schemas document the API (OpenAPI); requests are validated by the handlers, with messages that
  // name the field, the value and what is expected (see infra/http/validation.ts).
  app.setValidatorCompiler(() => (data) => ({ value: data }));

  await app.register(errorHandlerPlugin);
  await app.register(bodyParsingPlugin);
  // LanguageTool clients include browser extensions and web editors on any origin; nothing here relies on cookies.
  // strictPreflight off: an OPTIONS without the preflight headers gets the same 204 rather than cors's plain-text 400.
  await app.register(cors, { origin: "*", methods: ["GET", "POST", "PATCH", "OPTIONS"], maxAge: 86_400, strictPreflight: false });
  await app.register(metricsPlugin, { metrics: deps.metrics });
  await app.register(grammarPlugin, { engine: deps.engine, metrics: deps.metrics, learnerRules: deps.config.grammar?.learnerRules ?? true });
  await app.register(databasePlugin, { database: deps.database });
  await app.register(cachePlugin, { cache: deps.cache });
  await app.register(docsPlugin, { version: APP_VERSION });

  // Every role: the load balancer health-checks each service. /metrics has a server of its own (features/metrics/server.ts).
  await app.register(healthRoutes, { prefix: "/health" });
  const role: AppRole = deps.config.role ?? "all";
  const serves = (part: SplitRole) => role === "all" || role === part;
  if (serves("grammar")) {
    await app.register(languageToolRoutes, {
      prefix: "/v2",
      maxTextLength: deps.config.maxTextLength,
      software: { name: APP_NAME, appVersion: APP_VERSION, buildDate: deps.buildDate ?? formatBuildDate(new Date()) },
    });
    await app.register(correctionRoutes, { prefix: "/api/v1", maxTextLength: deps.config.maxTextLength });
    await app.register(explanationRoutes, { prefix: "/api/v1" });
  }
  if (serves("exercises")) {
    await app.register(exerciseRoutes, { prefix: "/api/v1" });
    await app.register(learnerRoutes, { prefix: "/api/v1" });
  }
  if (serves("analytics")) await app.register(learnerProgressRoutes, { prefix: "/api/v1" });

  await app.ready();
  return app;
}
