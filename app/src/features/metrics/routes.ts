/** Prometheus scrape endpoint, served by the metrics server (see server.ts) and never on the API's port. */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { AppMetrics } from "../../infra/metrics/metrics.js";

export interface MetricsRoutesOptions {
  metrics: AppMetrics;
}

async function routes(app: FastifyInstance, { metrics }: MetricsRoutesOptions): Promise<void> {
  app.get("/metrics", async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header("content-type", metrics.registry.contentType).send(body);
  });
}

export const metricsRoutes = fp(routes, { name: "metrics-routes", fastify: "5.x", encapsulate: true });
