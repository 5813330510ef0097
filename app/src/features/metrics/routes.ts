/** Prometheus scrape endpoint. */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

async function routes(app: FastifyInstance): Promise<void> {
  app.get(
    "/",
    {
      prefixTrailingSlash: "no-slash",
      schema: { tags: ["operations"], summary: "Prometheus metrics (text exposition format)", produces: ["text/plain"] },
    },
    async (_request, reply) => {
      const body = await app.metrics.registry.metrics();
      return reply.header("content-type", app.metrics.registry.contentType).send(body);
    },
  );
}

/** Registered under /metrics: the one route is the prefix itself, without a trailing-slash twin. */
export const metricsRoutes = fp(routes, {
  name: "metrics-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["metrics"],
});
