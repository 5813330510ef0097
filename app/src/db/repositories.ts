import { randomUUID } from "node:crypto";
import type { QueryResultRow } from "pg";
import type {
  AttemptRepository,
  CorrectionHistoryRepository,
  ExerciseRepository,
  LearnerRepository,
} from "./database.js";
import {
  CEFR_LEVELS,
  EXERCISE_TYPES,
  type Attempt,
  type CefrLevel,
  type CorrectionRecord,
  type Exercise,
  type ExerciseType,
  type Learner,
  type LearnerChanges,
  type Progress,
  type ScoreTally,
} from "./models.js";
import type { PostgresPool } from "./postgres-pool.js";

/** Where a learner's rows live, and a reader for data every shard holds (the exercise bank). */
export interface ShardAccess {
  writerFor(learnerId: string): PostgresPool;
  readerFor(learnerId: string): PostgresPool;
  anyReader(): PostgresPool;
}

/** The learner is unknown, or the id is not a uuid: what the API answers with 404. */
export class UnknownLearnerError extends Error {
  readonly learnerId: string;
  constructor(learnerId: string) {
    super(`No learner with id "${learnerId}": create the learner first, or check the id (a uuid)`);
    this.name = "UnknownLearnerError";
    this.learnerId = learnerId;
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

export function clampListLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(Math.max(Math.trunc(limit), 1), MAX_LIST_LIMIT);
}

export function learnerFromRow(row: QueryResultRow): Learner {
  return {
    id: row.id as string,
    displayName: row.display_name as string,
    cefrLevel: row.cefr_level as CefrLevel,
    correctionHistoryOptIn: row.correction_history_opt_in as boolean,
    createdAt: new Date(row.created_at as string | Date),
  };
}

export function exerciseFromRow(row: QueryResultRow): Exercise {
  return {
    id: row.id as string,
    cefrLevel: row.cefr_level as CefrLevel,
    type: row.type as ExerciseType,
    prompt: row.prompt as string,
    choices: (row.choices as string[] | null) ?? null,
    answer: row.answer as string,
    explanation: row.explanation as string,
    ruleId: row.rule_id as string,
  };
}

export function attemptFromRow(row: QueryResultRow): Attempt {
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

export function correctionFromRow(row: QueryResultRow): CorrectionRecord {
  return {
    id: row.id as string,
    learnerId: row.learner_id as string,
    text: row.text as string,
    matchCount: row.match_count as number,
    createdAt: new Date(row.created_at as string | Date),
  };
}

export interface ProgressRow {
  exerciseType: ExerciseType;
  cefrLevel: CefrLevel;
  attempts: number;
  correct: number;
  lastAttemptAt: Date | null;
}

function emptyTallies<K extends string>(keys: readonly K[]): Record<K, ScoreTally> {
  return Object.fromEntries(keys.map((key) => [key, { attempts: 0, correct: 0 }])) as Record<K, ScoreTally>;
}

/** Folds per-(type, level) counts into the learner's totals; every type and level is present, at 0 if unseen. */
export function summarizeProgress(learnerId: string, rows: readonly ProgressRow[]): Progress {
  const byType = emptyTallies(EXERCISE_TYPES);
  const byLevel = emptyTallies(CEFR_LEVELS);
  let attempts = 0;
  let correct = 0;
  let lastAttemptAt: Date | null = null;
  for (const row of rows) {
    attempts += row.attempts;
    correct += row.correct;
    byType[row.exerciseType].attempts += row.attempts;
    byType[row.exerciseType].correct += row.correct;
    byLevel[row.cefrLevel].attempts += row.attempts;
    byLevel[row.cefrLevel].correct += row.correct;
    if (row.lastAttemptAt && (!lastAttemptAt || row.lastAttemptAt > lastAttemptAt)) lastAttemptAt = row.lastAttemptAt;
  }
  return { learnerId, attempts, correct, accuracy: attempts === 0 ? 0 : correct / attempts, byType, byLevel, lastAttemptAt };
}

const FOREIGN_KEY_VIOLATION = "23503";

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION;
}

/**
 * Inserts use ids made here with ON CONFLICT (id) DO NOTHING, so that a retry after a connection reset, when
 * the first try had in fact committed, finds its own row instead of failing or writing twice.
 */
async function insertOnce(pool: PostgresPool, table: string, id: string, insert: string, values: unknown[]): Promise<QueryResultRow | undefined> {
  const inserted = await pool.query(insert, values);
  if (inserted.rows[0]) return inserted.rows[0];
  const existing = await pool.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return existing.rows[0];
}

export function createLearnerRepository(shards: ShardAccess): LearnerRepository {
  return {
    async create(learner) {
      const id = (learner.id ?? randomUUID()).toLowerCase();
      if (!isUuid(id)) throw new Error(`Cannot create learner with id "${learner.id}": a learner id must be a uuid`);
      const row = await insertOnce(
        shards.writerFor(id),
        "learners",
        id,
        `INSERT INTO learners (id, display_name, cefr_level, correction_history_opt_in) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [id, learner.displayName, learner.cefrLevel, learner.correctionHistoryOptIn ?? false],
      );
      if (!row) throw new Error(`Learner ${id} was inserted but cannot be read back from its shard`);
      return learnerFromRow(row);
    },

    async get(id) {
      if (!isUuid(id)) return undefined;
      const result = await shards.readerFor(id).query("SELECT * FROM learners WHERE id = $1", [id]);
      return result.rows[0] ? learnerFromRow(result.rows[0]) : undefined;
    },

    async update(id, changes: LearnerChanges) {
      if (!isUuid(id)) return undefined;
      const row = await shards.writerFor(id).transaction(async (client) => {
        const updated = await client.query(
          `UPDATE learners SET
             display_name = COALESCE($2, display_name),
             cefr_level = COALESCE($3, cefr_level),
             correction_history_opt_in = COALESCE($4, correction_history_opt_in)
           WHERE id = $1 RETURNING *`,
          [id, changes.displayName ?? null, changes.cefrLevel ?? null, changes.correctionHistoryOptIn ?? null],
        );
        // Opting out means we keep nothing of what they wrote, not merely that we stop adding to it.
        if (updated.rows[0] && changes.correctionHistoryOptIn === false) {
          await client.query("DELETE FROM correction_history WHERE learner_id = $1", [id]);
        }
        return updated.rows[0];
      });
      return row ? learnerFromRow(row) : undefined;
    },

    async delete(id) {
      if (!isUuid(id)) return false;
      const result = await shards.writerFor(id).query("DELETE FROM learners WHERE id = $1", [id]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}

export function createExerciseRepository(shards: ShardAccess): ExerciseRepository {
  return {
    async get(id) {
      const result = await shards.anyReader().query("SELECT * FROM exercises WHERE id = $1", [id]);
      return result.rows[0] ? exerciseFromRow(result.rows[0]) : undefined;
    },

    async list(filter = {}) {
      const result = await shards.anyReader().query(
        `SELECT * FROM exercises
         WHERE ($1::text IS NULL OR cefr_level = $1) AND ($2::text IS NULL OR type = $2)
         ORDER BY cefr_level, type, id LIMIT $3`,
        [filter.cefrLevel ?? null, filter.type ?? null, clampListLimit(filter.limit)],
      );
      return result.rows.map(exerciseFromRow);
    },
  };
}

export function createAttemptRepository(shards: ShardAccess): AttemptRepository {
  return {
    async record(attempt) {
      if (!isUuid(attempt.learnerId)) throw new UnknownLearnerError(attempt.learnerId);
      const id = randomUUID();
      try {
        const row = await insertOnce(
          shards.writerFor(attempt.learnerId),
          "attempts",
          id,
          `INSERT INTO attempts (id, learner_id, exercise_id, exercise_type, cefr_level, answer, correct)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [id, attempt.learnerId, attempt.exerciseId, attempt.exerciseType, attempt.cefrLevel, attempt.answer, attempt.correct],
        );
        if (!row) throw new Error(`Attempt ${id} was inserted but cannot be read back from its shard`);
        return attemptFromRow(row);
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

export function createCorrectionHistoryRepository(shards: ShardAccess): CorrectionHistoryRepository {
  return {
    async recordIfOptedIn(record) {
      if (!isUuid(record.learnerId)) return undefined;
      const id = randomUUID();
      // One statement checks the opt-in and writes, so an opt-out racing with a correction cannot let text in.
      const row = await insertOnce(
        shards.writerFor(record.learnerId),
        "correction_history",
        id,
        `INSERT INTO correction_history (id, learner_id, text, match_count)
         SELECT $1, id, $3, $4 FROM learners WHERE id = $2 AND correction_history_opt_in
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [id, record.learnerId, record.text, record.matchCount],
      );
      return row ? correctionFromRow(row) : undefined;
    },

    async listForLearner(learnerId, limit) {
      if (!isUuid(learnerId)) return [];
      const result = await shards
        .readerFor(learnerId)
        .query("SELECT * FROM correction_history WHERE learner_id = $1 ORDER BY created_at DESC, id LIMIT $2", [
          learnerId,
          clampListLimit(limit),
        ]);
      return result.rows.map(correctionFromRow);
    },
  };
}

export async function loadProgress(shards: ShardAccess, learnerId: string): Promise<Progress> {
  if (!isUuid(learnerId)) return summarizeProgress(learnerId, []);
  const result = await shards.readerFor(learnerId).query(
    `SELECT exercise_type, cefr_level, count(*)::int AS attempts, count(*) FILTER (WHERE correct)::int AS correct,
            max(created_at) AS last_attempt_at
     FROM attempts WHERE learner_id = $1 GROUP BY exercise_type, cefr_level`,
    [learnerId],
  );
  return summarizeProgress(
    learnerId,
    result.rows.map((row) => ({
      exerciseType: row.exercise_type as ExerciseType,
      cefrLevel: row.cefr_level as CefrLevel,
      attempts: row.attempts as number,
      correct: row.correct as number,
      lastAttemptAt: row.last_attempt_at ? new Date(row.last_attempt_at as string | Date) : null,
    })),
  );
}
