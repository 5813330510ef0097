import type { QueryResultRow } from "pg";
import type { CefrLevel, Exercise, ExerciseType } from "../models.js";
import type { ExerciseRepository } from "../types.js";
import { clampListLimit } from "./conventions.js";
import type { ShardAccess } from "./shard-access.js";

function exerciseFromRow(row: QueryResultRow): Exercise {
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
