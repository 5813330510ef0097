/**
 * Liveness (the process answers) and readiness (it can serve): readiness needs the grammar engine and
 * the database; the cache never blocks it, since without Redis every instance still has its memory layer.
 */
import type { FastifyInstance } from "fastify";

export const DATABASE_PING_TIMEOUT_MS = 2_000;

type DependencyStatus = "ready" | "degraded" | "down";

interface DependencyReport {
  status: DependencyStatus;
  detail: string;
}

async function pingWithin(ping: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const dependencyReport = {
  type: "object",
  properties: { status: { type: "string", enum: ["ready", "degraded", "down"] }, detail: { type: "string" } },
} as const;

const readinessSchema = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["ready", "degraded", "unavailable"] },
    dependencies: {
      type: "object",
      properties: { grammar: dependencyReport, database: dependencyReport, cache: dependencyReport },
    },
  },
} as const;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/health/live",
    {
      schema: {
        tags: ["operations"],
        summary: "Liveness: the process is up and its event loop answers",
        responses: { 200: { type: "object", properties: { status: { type: "string" }, uptimeSeconds: { type: "number" } } } },
      },
    },
    async () => ({ status: "live", uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    "/health/ready",
    {
      schema: {
        tags: ["operations"],
        summary: "Readiness of each dependency; 200 when the service can answer, 503 when not",
        responses: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const grammar: DependencyReport = app.grammar.isReady()
        ? { status: "ready", detail: `${app.grammar.version}, ${app.grammar.queueDepth()} request(s) queued` }
        : { status: "down", detail: "no Grammalecte worker is running" };

      let database: DependencyReport;
      try {
        await pingWithin(() => app.db.ping(), DATABASE_PING_TIMEOUT_MS);
        database = { status: "ready", detail: `${app.db.describe().mode} database answers` };
      } catch (error) {
        database = { status: "down", detail: (error as Error).message };
      }

      const redis = app.cache.redisState();
      const cache: DependencyReport =
        redis === "ready"
          ? { status: "ready", detail: "memory and Redis layers" }
          : redis === "disabled"
            ? { status: "degraded", detail: "Redis not configured: in-process memory cache only (not shared between instances)" }
            : { status: "degraded", detail: "Redis unreachable: serving from the in-process memory cache until it returns" };

      const canServe = grammar.status === "ready" && database.status === "ready";
      const status = !canServe ? "unavailable" : cache.status === "ready" ? "ready" : "degraded";
      return reply.status(canServe ? 200 : 503).send({ status, dependencies: { grammar, database, cache } });
    },
  );
}
