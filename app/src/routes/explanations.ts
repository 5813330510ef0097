/** Learner-friendly explanations of the rules behind corrections, by rule, topic or category id. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { getExplanation, listExplanations } from "../grammar/explanations.js";
import { notFound, quoteInput } from "../plugins/http-errors.js";
import { openApi, parseWith } from "./validation.js";

const explanationParams = z.object({
  ruleId: z.string().min(1).max(200).describe('A rule id from a match ("GRAMMALECTE_…"), a topic id ("A_OR_À") or a category id ("AGREEMENT")'),
});

export const explanationSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    explanation: { type: "string" },
    example: { type: "object", properties: { incorrect: { type: "string" }, correct: { type: "string" } } },
    tip: { type: "string" },
  },
} as const;

export async function explanationRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/api/v1/explanations",
    {
      schema: {
        tags: ["corrections"],
        summary: "Every explanation (topics and categories)",
        responses: { 200: { type: "object", properties: { explanations: { type: "array", items: explanationSchema } } } },
      },
    },
    async () => ({
      explanations: await app.cache.getOrCompute("explanations", { op: "explanation-list", engine: app.grammar.version }, async () =>
        listExplanations(),
      ),
    }),
  );

  app.get(
    "/api/v1/explanations/:ruleId",
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
      const explanation = await app.cache.getOrCompute(
        "explanations",
        { op: "explanation", engine: app.grammar.version, ruleId },
        async () => getExplanation(ruleId) ?? undefined,
      );
      if (!explanation) {
        throw notFound(
          "explanation_not_found",
          `No explanation for ${quoteInput(ruleId)}: use the rule id of a match from /api/v1/corrections or /v2/check, or a topic or category id listed by GET /api/v1/explanations.`,
        );
      }
      return explanation;
    },
  );
}
