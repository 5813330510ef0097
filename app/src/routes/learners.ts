/** Learners: sign-up, profile, opt-in to correction history, progress. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CEFR_LEVELS, EXERCISE_TYPES, type Learner, type Progress } from "../db/models.js";
import { notFound, quoteInput } from "../plugins/http-errors.js";
import { openApi, parseWith } from "./validation.js";

const learnerParams = z.object({ id: z.string().min(1).max(100).describe("Learner id (a uuid)") });

const newLearnerBody = z.object({
  displayName: z.string().trim().min(1).max(100),
  level: z.enum(CEFR_LEVELS).describe("CEFR level, A1 to C2"),
  correctionHistoryOptIn: z
    .boolean()
    .default(false)
    .describe("Keep the texts this learner sends to /api/v1/corrections (off by default)"),
});

const learnerChangesBody = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    level: z.enum(CEFR_LEVELS).optional(),
    correctionHistoryOptIn: z.boolean().optional().describe("false also erases the stored history"),
  })
  .strict();

const learnerView = {
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

function toLearnerView(learner: Learner) {
  return {
    id: learner.id,
    displayName: learner.displayName,
    level: learner.cefrLevel,
    correctionHistoryOptIn: learner.correctionHistoryOptIn,
    createdAt: learner.createdAt.toISOString(),
  };
}

function toProgressView(progress: Progress) {
  return {
    learnerId: progress.learnerId,
    attempts: progress.attempts,
    correct: progress.correct,
    accuracy: progress.accuracy,
    byType: progress.byType,
    byLevel: progress.byLevel,
    lastAttemptAt: progress.lastAttemptAt ? progress.lastAttemptAt.toISOString() : null,
  };
}

/** The learner, or a 404 that says how to get a valid id. */
export async function requireLearner(app: FastifyInstance, id: string): Promise<Learner> {
  const learner = await app.db.learners.get(id);
  if (!learner) {
    throw notFound(
      "learner_not_found",
      `No learner with id ${quoteInput(id)}: create one with POST /api/v1/learners and use the id it returns (a uuid).`,
    );
  }
  return learner;
}

export async function learnerRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    "/api/v1/learners",
    {
      schema: {
        tags: ["learners"],
        summary: "Create a learner",
        body: openApi(newLearnerBody),
        responses: { 201: learnerView },
      },
    },
    async (request, reply) => {
      const body = parseWith(newLearnerBody, request.body, "request body");
      const learner = await app.db.learners.create({
        displayName: body.displayName,
        cefrLevel: body.level,
        correctionHistoryOptIn: body.correctionHistoryOptIn,
      });
      return reply.status(201).header("location", `/api/v1/learners/${learner.id}`).send(toLearnerView(learner));
    },
  );

  app.get(
    "/api/v1/learners/:id",
    { schema: { tags: ["learners"], summary: "A learner", params: openApi(learnerParams), responses: { 200: learnerView } } },
    async (request) => {
      const { id } = parseWith(learnerParams, request.params, "path");
      return toLearnerView(await requireLearner(app, id));
    },
  );

  app.patch(
    "/api/v1/learners/:id",
    {
      schema: {
        tags: ["learners"],
        summary: "Change a learner's name, level or correction-history opt-in",
        params: openApi(learnerParams),
        body: openApi(learnerChangesBody),
        responses: { 200: learnerView },
      },
    },
    async (request) => {
      const { id } = parseWith(learnerParams, request.params, "path");
      const body = parseWith(learnerChangesBody, request.body, "request body");
      await requireLearner(app, id);
      const updated = await app.db.learners.update(id, {
        ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
        ...(body.level === undefined ? {} : { cefrLevel: body.level }),
        ...(body.correctionHistoryOptIn === undefined ? {} : { correctionHistoryOptIn: body.correctionHistoryOptIn }),
      });
      if (!updated) return toLearnerView(await requireLearner(app, id));
      return toLearnerView(updated);
    },
  );

  app.get(
    "/api/v1/learners/:id/progress",
    {
      schema: {
        tags: ["learners"],
        summary: "A learner's results: totals, by exercise type and by level",
        params: openApi(learnerParams),
        responses: {
          200: {
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
          },
        },
      },
    },
    async (request) => {
      const { id } = parseWith(learnerParams, request.params, "path");
      await requireLearner(app, id);
      return toProgressView(await app.db.progress(id));
    },
  );
}
