import { CEFR_LEVELS, EXERCISE_TYPES, type CefrLevel, type ExerciseType, type Progress, type ScoreTally } from "../models.js";
import { isUuid } from "./conventions.js";
import type { ShardAccess } from "./shard-access.js";

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
