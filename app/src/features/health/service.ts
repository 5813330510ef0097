/**
 * Readiness: the service can serve when the grammar engine and the database answer; the cache never
 * blocks it, since without Redis every instance still has its memory layer.
 */
import type { FastifyInstance } from "fastify";

export const DATABASE_PING_TIMEOUT_MS = 2_000;

type DependencyStatus = "ready" | "degraded" | "down";

interface DependencyReport {
  status: DependencyStatus;
  detail: string;
}

export interface Readiness {
  /** Whether to answer 200 (the service can answer) or 503. */
  canServe: boolean;
  status: "ready" | "degraded" | "unavailable";
  dependencies: { grammar: DependencyReport; database: DependencyReport; cache: DependencyReport };
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

export async function checkReadiness(app: FastifyInstance): Promise<Readiness> {
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
  return { canServe, status, dependencies: { grammar, database, cache } };
}
