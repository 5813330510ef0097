import { z } from "zod";
import { CEFR_LEVELS, EXERCISE_TYPES } from "../../infra/db/index.js";
import { decimalInteger } from "../../infra/http/validation.js";

const MAX_ANSWER_LENGTH = 2000;

export const listQuery = z.object({
  level: z.enum(CEFR_LEVELS).optional().describe("CEFR level, A1 (beginner) to C2"),
  type: z.enum(EXERCISE_TYPES).optional().describe("Exercise type; all types alternate when absent"),
  limit: decimalInteger(1, 50).default(10),
  offset: decimalInteger(0, 1000).default(0),
});

export const exerciseParams = z.object({
  id: z.string().min(1).max(200).describe('Exercise id, e.g. "a1-homophones-01" or "conj:aller:ipre:1pl"'),
});

export const attemptBody = z.object({
  answer: z.string().trim().min(1).max(MAX_ANSWER_LENGTH).describe("The learner’s answer"),
  learnerId: z.string().optional().describe("Learner to credit; the attempt is not recorded without it"),
});

export const exerciseView = {
  type: "object",
  properties: {
    id: { type: "string" },
    level: { type: "string", enum: [...CEFR_LEVELS] },
    type: { type: "string", enum: [...EXERCISE_TYPES] },
    instructions: { type: "string" },
    prompt: { type: "string", nullable: true },
    choices: { type: "array", items: { type: "string" }, nullable: true },
    readAloud: { type: "string", nullable: true, description: "Dictation: text for speech synthesis, never displayed" },
    ruleId: { type: "string" },
  },
} as const;

export const attemptResult = {
  type: "object",
  properties: {
    exerciseId: { type: "string" },
    correct: { type: "boolean" },
    verdict: { type: "string", enum: ["correct", "accents", "incorrect"] },
    feedback: { type: "string" },
    expectedAnswer: { type: "string" },
    givenAnswer: { type: "string" },
    explanation: { type: "string" },
    differences: {
      type: "array",
      items: {
        type: "object",
        properties: { expected: { type: "string", nullable: true }, given: { type: "string", nullable: true } },
      },
    },
    attemptId: { type: "string", nullable: true },
  },
} as const;
