/** Exercises: list, get one, answer one (recorded in the learner's progress when a learnerId is given). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CEFR_LEVELS, EXERCISE_TYPES } from "../db/models.js";
import { checkAnswer, describeVerdict } from "../exercises/answer-check.js";
import { toExerciseView } from "../exercises/exercise-view.js";
import { notFound, quoteInput } from "../plugins/http-errors.js";
import { findExercise, listExercises } from "./exercise-source.js";
import { requireLearner } from "./learners.js";
import { openApi, parseWith } from "./validation.js";

export const MAX_ANSWER_LENGTH = 2000;

const listQuery = z.object({
  level: z.enum(CEFR_LEVELS).optional().describe("CEFR level, A1 (beginner) to C2"),
  type: z.enum(EXERCISE_TYPES).optional().describe("Exercise type; all types alternate when absent"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});

const exerciseParams = z.object({
  id: z.string().min(1).max(200).describe('Exercise id, e.g. "a1-homophones-01" or "conj:aller:ipre:1pl"'),
});

const attemptBody = z.object({
  answer: z.string().trim().min(1).max(MAX_ANSWER_LENGTH).describe("The learner’s answer"),
  learnerId: z.string().optional().describe("Learner to credit; the attempt is not recorded without it"),
});

const exerciseView = {
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

async function requireExercise(app: FastifyInstance, id: string) {
  const exercise = await findExercise(app, id);
  if (!exercise) {
    throw notFound(
      "exercise_not_found",
      `No exercise with id ${quoteInput(id)}: list the available ones with GET /api/v1/exercises?level=A1 and use one of their ids.`,
    );
  }
  return exercise;
}

export async function exerciseRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/api/v1/exercises",
    {
      schema: {
        tags: ["exercises"],
        summary: "List exercises by level and type",
        querystring: openApi(listQuery),
        responses: { 200: { type: "object", properties: { exercises: { type: "array", items: exerciseView } } } },
      },
    },
    async (request) => {
      const query = parseWith(listQuery, request.query, "query string");
      const exercises = await listExercises(app, {
        ...(query.level ? { level: query.level } : {}),
        ...(query.type ? { type: query.type } : {}),
        limit: query.limit,
        offset: query.offset,
      });
      return { exercises: exercises.map(toExerciseView) };
    },
  );

  app.get(
    "/api/v1/exercises/:id",
    {
      schema: {
        tags: ["exercises"],
        summary: "One exercise, without its answer",
        params: openApi(exerciseParams),
        responses: { 200: exerciseView },
      },
    },
    async (request) => {
      const { id } = parseWith(exerciseParams, request.params, "path");
      return toExerciseView(await requireExercise(app, id));
    },
  );

  app.post(
    "/api/v1/exercises/:id/attempts",
    {
      schema: {
        tags: ["exercises"],
        summary: "Answer an exercise",
        description:
          "Case, spaces and the apostrophe's shape are tolerated; accents are not (in French they are part of the spelling: a / à, ou / où).",
        params: openApi(exerciseParams),
        body: openApi(attemptBody),
        responses: {
          200: {
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
          },
        },
      },
    },
    async (request) => {
      const { id } = parseWith(exerciseParams, request.params, "path");
      const body = parseWith(attemptBody, request.body, "request body");
      const exercise = await requireExercise(app, id);
      if (body.learnerId !== undefined) await requireLearner(app, body.learnerId);
      const verdict = checkAnswer(exercise.answer, body.answer);
      const attempt =
        body.learnerId === undefined
          ? undefined
          : await app.db.attempts.record({
              learnerId: body.learnerId,
              exerciseId: exercise.id,
              exerciseType: exercise.type,
              cefrLevel: exercise.cefrLevel,
              answer: body.answer,
              correct: verdict.correct,
            });
      return {
        exerciseId: exercise.id,
        correct: verdict.correct,
        verdict: verdict.correct ? "correct" : verdict.reason === "accents" ? "accents" : "incorrect",
        feedback: describeVerdict(verdict, exercise.answer),
        expectedAnswer: exercise.answer,
        givenAnswer: body.answer,
        explanation: exercise.explanation,
        differences: verdict.correct ? [] : verdict.differences,
        attemptId: attempt?.id ?? null,
      };
    },
  );
}
