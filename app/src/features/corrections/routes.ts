/** POST /corrections: a French text corrected, with explanations for learners. */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { openApi, parseWith } from "../../infra/http/validation.js";
import { requireCheckableText } from "../../infra/http/text-input.js";
import { requireLearner } from "../learners/service.js";
import { correctionBody, correctionResponse, documentedCorrectionBody } from "./schemas.js";
import { correctText } from "./service.js";

export interface CorrectionRoutesOptions {
  maxTextLength: number;
}

async function routes(app: FastifyInstance, options: CorrectionRoutesOptions): Promise<void> {
  app.post(
    "/corrections",
    {
      schema: {
        tags: ["corrections"],
        summary: "Correct a French text, with explanations for learners",
        body: openApi(documentedCorrectionBody(options.maxTextLength)),
        responses: { 200: correctionResponse },
      },
    },
    async (request) => {
      const body = parseWith(correctionBody, request.body, "request body");
      const text = requireCheckableText(body.text, "text", options.maxTextLength);
      const learner = body.learnerId === undefined ? undefined : await requireLearner(app, body.learnerId);
      return correctText(app, { text, level: body.level, learner });
    },
  );
}

/** Registered under /api/v1. */
export const correctionRoutes = fp(routes, {
  name: "corrections-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["grammar", "cache", "db"],
});
