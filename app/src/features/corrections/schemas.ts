import { z } from "zod";
import { explanationSchema } from "../explanations/schemas.js";

export const correctionBody = z.object({
  // Checked by requireCheckableText (empty, length, lone surrogates) for messages that say which limit.
  text: z.unknown().optional().describe("The French text to correct"),
  level: z.enum(["default", "picky"]).default("default").describe("picky adds style and typography checks"),
  learnerId: z.string().optional().describe("Stores the text in this learner's history if they opted in"),
});

/** correctionBody as the OpenAPI document shows it: text is a required string within the configured length. */
export function documentedCorrectionBody(maxTextLength: number) {
  return correctionBody.extend({
    text: z.string().min(1).max(maxTextLength).describe("The French text to correct (UTF-16 code units)"),
  });
}

export const correctionResponse = {
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
