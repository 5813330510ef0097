import { randomUUID } from "node:crypto";
import type { QueryResultRow } from "pg";
import type { Attempt, CefrLevel, ExerciseType } from "../models.js";
import { UnknownLearnerError, type AttemptRepository } from "../types.js";
import { checkSameRequest, clampListLimit, idFromIdempotencyKey, insertOnce, isForeignKeyViolation, isUuid } from "./conventions.js";
import type { ShardAccess } from "./shard-access.js";

function attemptFromRow(row: QueryResultRow): Attempt {
  return {
    id: row.id as string,
    learnerId: row.learner_id as string,
    exerciseId: row.exercise_id as string,
    exerciseType: row.exercise_type as ExerciseType,
    cefrLevel: row.cefr_level as CefrLevel,
    answer: row.answer as string,
    correct: row.correct as boolean,
    createdAt: new Date(row.created_at as string | Date),
  };
}

export function createAttemptRepository(shards: ShardAccess): AttemptRepository {
  return {
    async record(attempt) {
      if (!isUuid(attempt.learnerId)) throw new UnknownLearnerError(attempt.learnerId);
      const { idempotency } = attempt;
      const id = idempotency ? idFromIdempotencyKey(`attempt of ${attempt.learnerId.toLowerCase()}`, idempotency.key) : randomUUID();
      try {
        const row = await insertOnce(
          shards.writerFor(attempt.learnerId),
          "attempts",
          id,
          `INSERT INTO attempts (id, learner_id, exercise_id, exercise_type, cefr_level, answer, correct, idempotency_key, request_fingerprint)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [
            id,
            attempt.learnerId,
            attempt.exerciseId,
            attempt.exerciseType,
            attempt.cefrLevel,
            attempt.answer,
            attempt.correct,
            idempotency?.key ?? null,
            idempotency?.requestFingerprint ?? null,
          ],
        );
        if (!row) throw new Error(`Attempt ${id} was inserted but cannot be read back from its shard`);
        return attemptFromRow(checkSameRequest(row, idempotency, "record an attempt"));
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownLearnerError(attempt.learnerId);
        throw error;
      }
    },

    async listForLearner(learnerId, limit) {
      if (!isUuid(learnerId)) return [];
      const result = await shards
        .readerFor(learnerId)
        .query("SELECT * FROM attempts WHERE learner_id = $1 ORDER BY created_at DESC, id LIMIT $2", [learnerId, clampListLimit(limit)]);
      return result.rows.map(attemptFromRow);
    },
  };
}
