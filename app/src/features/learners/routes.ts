/** Learners: sign-up, profile and opt-in to correction history; their progress, served apart. */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { idempotencyKeyHeaderSchema, idempotencyKeyOf, idempotencyOf } from "../../infra/http/idempotency-key.js";
import { openApi, parseWith } from "../../infra/http/validation.js";
import { learnerChangesBody, learnerParams, learnerView, newLearnerBody, progressView } from "./schemas.js";
import { requireLearner, toLearnerView, toProgressView } from "./service.js";

async function routes(app: FastifyInstance): Promise<void> {
  app.post(
    "/learners",
    {
      schema: {
        tags: ["learners"],
        summary: "Create a learner",
        headers: idempotencyKeyHeaderSchema,
        body: openApi(newLearnerBody),
        responses: { 201: learnerView },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers);
      const body = parseWith(newLearnerBody, request.body, "request body");
      const idempotency = idempotencyOf(key, body);
      const learner = await app.db.learners.create({
        displayName: body.displayName,
        cefrLevel: body.level,
        correctionHistoryOptIn: body.correctionHistoryOptIn,
        ...(idempotency ? { idempotency } : {}),
      });
      return reply.status(201).header("location", `/api/v1/learners/${learner.id}`).send(toLearnerView(learner));
    },
  );

  app.get(
    "/learners/:id",
    { schema: { tags: ["learners"], summary: "A learner", params: openApi(learnerParams), responses: { 200: learnerView } } },
    async (request) => {
      const { id } = parseWith(learnerParams, request.params, "path");
      return toLearnerView(await requireLearner(app, id));
    },
  );

  app.patch(
    "/learners/:id",
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
}

/** A learner's results, apart from the profile: the analytics part of the split API serves them (see config/roles.ts). */
async function progressRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/learners/:id/progress",
    {
      schema: {
        tags: ["learners"],
        summary: "A learner's results: totals, by exercise type and by level",
        params: openApi(learnerParams),
        responses: { 200: progressView },
      },
    },
    async (request) => {
      const { id } = parseWith(learnerParams, request.params, "path");
      await requireLearner(app, id);
      return toProgressView(await app.db.progress(id));
    },
  );
}

/** Registered under /api/v1. */
export const learnerRoutes = fp(routes, {
  name: "learners-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["db"],
});

/** Registered under /api/v1. */
export const learnerProgressRoutes = fp(progressRoutes, {
  name: "learner-progress-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["db"],
});
