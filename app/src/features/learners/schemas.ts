import { z } from "zod";
import { CEFR_LEVELS, EXERCISE_TYPES } from "../../infra/db/index.js";

export const learnerParams = z.object({ id: z.string().min(1).max(100).describe("Learner id (a uuid)") });

export const newLearnerBody = z.object({
  displayName: z.string().trim().min(1).max(100),
  level: z.enum(CEFR_LEVELS).describe("CEFR level, A1 to C2"),
  correctionHistoryOptIn: z
    .boolean()
    .default(false)
    .describe("Keep the texts this learner sends to /api/v1/corrections (off by default)"),
});

export const learnerChangesBody = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    level: z.enum(CEFR_LEVELS).optional(),
    correctionHistoryOptIn: z.boolean().optional().describe("false also erases the stored history"),
  })
  .strict();

export const learnerView = {
  type: "object",
  properties: {
    id: { type: "string" },
    displayName: { type: "string" },
    level: { type: "string", enum: [...CEFR_LEVELS] },
    correctionHistoryOptIn: { type: "boolean" },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

const tally = { type: "object", properties: { attempts: { type: "integer" }, correct: { type: "integer" } } } as const;

export const progressView = {
  type: "object",
  properties: {
    learnerId: { type: "string" },
    attempts: { type: "integer" },
    correct: { type: "integer" },
    accuracy: { type: "number" },
    byType: { type: "object", properties: Object.fromEntries(EXERCISE_TYPES.map((type) => [type, tally])) },
    byLevel: { type: "object", properties: Object.fromEntries(CEFR_LEVELS.map((level) => [level, tally])) },
    lastAttemptAt: { type: "string", format: "date-time", nullable: true },
  },
} as const;
