/** Liveness (the process answers) and readiness (it can serve). */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { livenessSchema, readinessSchema } from "./schemas.js";
import { checkReadiness } from "./service.js";

async function routes(app: FastifyInstance): Promise<void> {
  app.get(
    "/live",
    {
      schema: {
        tags: ["operations"],
        summary: "Liveness: the process is up and its event loop answers",
        responses: { 200: livenessSchema },
      },
    },
    async () => ({ status: "live", uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    "/ready",
    {
      schema: {
        tags: ["operations"],
        summary: "Readiness of each dependency; 200 when the service can answer, 503 when not",
        responses: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const { canServe, status, dependencies } = await checkReadiness(app);
      return reply.status(canServe ? 200 : 503).send({ status, dependencies });
    },
  );
}

/** Registered under /health. */
export const healthRoutes = fp(routes, {
  name: "health-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["grammar", "db", "cache"],
});
