import { z } from "zod";

export const explanationParams = z.object({
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
