import { randomUUID } from "node:crypto";
import type { QueryResultRow } from "pg";
import type { CorrectionRecord } from "../models.js";
import type { CorrectionHistoryRepository } from "../types.js";
import { clampListLimit, insertOnce, isUuid } from "./conventions.js";
import type { ShardAccess } from "./shard-access.js";

function correctionFromRow(row: QueryResultRow): CorrectionRecord {
  return {
    id: row.id as string,
    learnerId: row.learner_id as string,
    text: row.text as string,
    matchCount: row.match_count as number,
    createdAt: new Date(row.created_at as string | Date),
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
