/** Learner-friendly explanations of the rules behind corrections, by rule, topic or category id. */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { openApi, parseWith } from "../../infra/http/validation.js";
import { explanationParams, explanationSchema } from "./schemas.js";
import { allExplanations, requireExplanation } from "./service.js";

async function routes(app: FastifyInstance): Promise<void> {
  app.get(
    "/explanations",
    {
      schema: {
        tags: ["corrections"],
        summary: "Every explanation (topics and categories)",
        responses: { 200: { type: "object", properties: { explanations: { type: "array", items: explanationSchema } } } },
      },
    },
    async () => ({ explanations: await allExplanations(app) }),
  );

  app.get(
    "/explanations/:ruleId",
    {
      schema: {
        tags: ["corrections"],
        summary: "The explanation of a rule, with an example",
        params: openApi(explanationParams),
        responses: { 200: explanationSchema },
      },
    },
    async (request) => {
      const { ruleId } = parseWith(explanationParams, request.params, "path");
      return requireExplanation(app, ruleId);
    },
  );
}

/** Registered under /api/v1. */
export const explanationRoutes = fp(routes, {
  name: "explanations-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["grammar", "cache"],
});
