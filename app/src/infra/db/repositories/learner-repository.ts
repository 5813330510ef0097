import { randomUUID } from "node:crypto";
import type { QueryResultRow } from "pg";
import type { CefrLevel, Learner, LearnerChanges } from "../models.js";
import type { LearnerRepository } from "../types.js";
import { checkSameRequest, idFromIdempotencyKey, insertOnce, isUuid } from "./conventions.js";
import type { ShardAccess } from "./shard-access.js";

function learnerFromRow(row: QueryResultRow): Learner {
  return {
    id: row.id as string,
    displayName: row.display_name as string,
    cefrLevel: row.cefr_level as CefrLevel,
    correctionHistoryOptIn: row.correction_history_opt_in as boolean,
    createdAt: new Date(row.created_at as string | Date),
  };
}

export function createLearnerRepository(shards: ShardAccess): LearnerRepository {
  return {
    async create(learner) {
      const { idempotency } = learner;
      const id = (learner.id ?? (idempotency ? idFromIdempotencyKey("learner", idempotency.key) : randomUUID())).toLowerCase();
      if (!isUuid(id)) throw new Error(`Cannot create learner with id "${learner.id}": a learner id must be a uuid`);
      const row = await insertOnce(
        shards.writerFor(id),
        "learners",
        id,
        `INSERT INTO learners (id, display_name, cefr_level, correction_history_opt_in, idempotency_key, request_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING *`,
        [id, learner.displayName, learner.cefrLevel, learner.correctionHistoryOptIn ?? false, idempotency?.key ?? null, idempotency?.requestFingerprint ?? null],
      );
      if (!row) throw new Error(`Learner ${id} was inserted but cannot be read back from its shard`);
      return learnerFromRow(checkSameRequest(row, idempotency, "create a learner"));
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
