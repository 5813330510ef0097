/** Learners as the API shows them, and the lookup every feature acting for a learner starts with. */
import type { FastifyInstance } from "fastify";
import type { Learner, Progress } from "../../infra/db/index.js";
import { notFound, quoteInput } from "../../infra/http/errors.js";

export function toLearnerView(learner: Learner) {
  return {
    id: learner.id,
    displayName: learner.displayName,
    level: learner.cefrLevel,
    correctionHistoryOptIn: learner.correctionHistoryOptIn,
    createdAt: learner.createdAt.toISOString(),
  };
}

export function toProgressView(progress: Progress) {
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
