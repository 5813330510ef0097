/** Prometheus scrape endpoint. */
import type { FastifyInstance } from "fastify";

export async function metricsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/metrics",
    { schema: { tags: ["operations"], summary: "Prometheus metrics (text exposition format)", produces: ["text/plain"] } },
    async (_request, reply) => {
      const body = await app.metrics.registry.metrics();
      return reply.header("content-type", app.metrics.registry.contentType).send(body);
    },
  );
}
