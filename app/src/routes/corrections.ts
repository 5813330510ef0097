/**
 * Native corrections: the matches, the text with suggestions applied, and for each match a French
 * explanation with an example. A learner's text is kept in their history only if they opted in.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { explainMatch } from "../grammar/explanations.js";
import { requireCheckableText } from "../languagetool/text-input.js";
import { applyFirstReplacements } from "./corrected-text.js";
import { checkThroughCache } from "./cached-check.js";
import { explanationSchema } from "./explanations.js";
import { requireLearner } from "./learners.js";
import { openApi, parseWith } from "./validation.js";

export interface CorrectionRoutesOptions {
  maxTextLength: number;
}

const correctionBody = z.object({
  // Checked by requireCheckableText (empty, length, lone surrogates) for messages that say which limit.
  text: z.unknown().optional().describe("The French text to correct"),
  level: z.enum(["default", "picky"]).default("default").describe("picky adds style and typography checks"),
  learnerId: z.string().optional().describe("Stores the text in this learner's history if they opted in"),
});

const correctionResponse = {
  type: "object",
  properties: {
    text: { type: "string" },
    correctedText: { type: "string", description: "The text with the first suggestion of each non-overlapping match applied" },
    level: { type: "string" },
    engine: { type: "string" },
    matches: {
      type: "array",
      items: {
        type: "object",
        properties: {
          offset: { type: "integer", description: "UTF-16 code units" },
          length: { type: "integer" },
          excerpt: { type: "string", description: "The flagged part of the text" },
          message: { type: "string" },
          shortMessage: { type: "string" },
          replacements: { type: "array", items: { type: "string" } },
          applied: { type: "boolean", description: "Whether correctedText uses this match's first replacement" },
          ruleId: { type: "string" },
          ruleDescription: { type: "string" },
          category: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
          issueType: { type: "string" },
          explanation: explanationSchema,
        },
      },
    },
    history: {
      type: "object",
      nullable: true,
      properties: { recorded: { type: "boolean" }, reason: { type: "string" } },
    },
  },
} as const;

export async function correctionRoutes(app: FastifyInstance, options: CorrectionRoutesOptions): Promise<void> {
  app.post(
    "/api/v1/corrections",
    {
      schema: {
        tags: ["corrections"],
        summary: "Correct a French text, with explanations for learners",
        body: openApi(
          correctionBody.extend({
            text: z.string().min(1).max(options.maxTextLength).describe("The French text to correct (UTF-16 code units)"),
          }),
        ),
        responses: { 200: correctionResponse },
      },
    },
    async (request) => {
      const body = parseWith(correctionBody, request.body, "request body");
      const text = requireCheckableText(body.text, "text", options.maxTextLength);
      const learner = body.learnerId === undefined ? undefined : await requireLearner(app, body.learnerId);
      const matches = await checkThroughCache(app, text, body.level);
      const corrected = applyFirstReplacements(text, matches);
      const applied = new Set(corrected.applied);

      let history: { recorded: boolean; reason: string } | null = null;
      if (learner) {
        const record = learner.correctionHistoryOptIn
          ? await app.db.corrections.recordIfOptedIn({ learnerId: learner.id, text, matchCount: matches.length })
          : undefined;
        history = record
          ? { recorded: true, reason: "the learner opted in to keeping their correction history" }
          : { recorded: false, reason: "the learner has not opted in to keeping their correction history" };
      }

      return {
        text,
        correctedText: corrected.text,
        level: body.level,
        engine: app.grammar.version,
        matches: matches.map((match) => ({
          offset: match.offset,
          length: match.length,
          excerpt: text.slice(match.offset, match.offset + match.length),
          message: match.message,
          shortMessage: match.shortMessage,
          replacements: match.replacements,
          applied: applied.has(match),
          ruleId: match.ruleId,
          ruleDescription: match.ruleDescription,
          category: match.category,
          issueType: match.issueType,
          explanation: explainMatch(match, text),
        })),
        history,
      };
    },
  );
}
