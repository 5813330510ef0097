/** Exercises: list, get one, answer one (recorded in the learner's progress when a learnerId is given). */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { idempotencyKeyHeaderSchema, idempotencyKeyOf } from "../../infra/http/idempotency-key.js";
import { openApi, parseWith } from "../../infra/http/validation.js";
import { requireLearner } from "../learners/service.js";
import { toExerciseView } from "./exercise-view.js";
import { attemptBody, attemptResult, exerciseParams, exerciseView, listQuery } from "./schemas.js";
import { answerExercise, listExercises, requireExercise } from "./service.js";

async function routes(app: FastifyInstance): Promise<void> {
  app.get(
    "/exercises",
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
    "/exercises/:id",
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
    "/exercises/:id/attempts",
    {
      schema: {
        tags: ["exercises"],
        summary: "Answer an exercise",
        description:
          "Case, spaces and the apostrophe's shape are tolerated; accents are not (in French they are part of the spelling: a / à, ou / où).",
        params: openApi(exerciseParams),
        headers: idempotencyKeyHeaderSchema,
        body: openApi(attemptBody),
        responses: { 200: attemptResult },
      },
    },
    async (request) => {
      const { id } = parseWith(exerciseParams, request.params, "path");
      const key = idempotencyKeyOf(request.headers);
      const body = parseWith(attemptBody, request.body, "request body");
      const exercise = await requireExercise(app, id);
      if (body.learnerId !== undefined) await requireLearner(app, body.learnerId);
      return answerExercise(app, exercise, body.answer, body.learnerId, key);
    },
  );
}

/** Registered under /api/v1. */
export const exerciseRoutes = fp(routes, {
  name: "exercises-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["grammar", "cache", "db"],
});
