/** Explanations from the catalog, through the "explanations" cache layer, keyed by the engine version. */
import type { FastifyInstance } from "fastify";
import { getExplanation, listExplanations, type LearnerExplanation } from "../../infra/grammar/explanations.js";
import { notFound, quoteInput } from "../../infra/http/errors.js";

export function allExplanations(app: FastifyInstance): Promise<LearnerExplanation[]> {
  return app.cache.getOrCompute("explanations", { op: "explanation-list", engine: app.grammar.version }, async () => listExplanations());
}

/** The explanation of a rule, topic or category id, or a 404 that says where valid ids come from. */
export async function requireExplanation(app: FastifyInstance, ruleId: string): Promise<LearnerExplanation> {
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
}
