import type { MigrationBuilder } from "node-pg-migrate";

/** What a client may send as Idempotency-Key: 1 to 255 visible ASCII characters (the API checks the same). */
const KEY_CHECK = "idempotency_key ~ '^[!-~]{1,255}$'";
/** A key is only meaningful with the fingerprint of the request it came with, and the fingerprint only with a key. */
const PAIR_CHECK = "(idempotency_key IS NULL) = (request_fingerprint IS NULL)";

/**
 * A retried POST that carries the same Idempotency-Key finds the row its first try wrote instead of writing a
 * second one; the fingerprint (a hash of the request's meaningful fields) tells a true retry from a reused key.
 * A learner's key is unique everywhere, an attempt's within its learner (attempts live on their learner's shard).
 */
export async function up(pgm: MigrationBuilder): Promise<void> {
  for (const table of ["learners", "attempts"]) {
    pgm.addColumns(table, {
      idempotency_key: { type: "text", check: KEY_CHECK },
      request_fingerprint: { type: "text" },
    });
    pgm.addConstraint(table, `${table}_idempotency_pair`, { check: PAIR_CHECK });
  }
  pgm.addConstraint("learners", "learners_idempotency_key_unique", { unique: ["idempotency_key"] });
  pgm.addConstraint("attempts", "attempts_learner_idempotency_key_unique", { unique: ["learner_id", "idempotency_key"] });
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  for (const table of ["learners", "attempts"]) {
    pgm.dropColumns(table, ["idempotency_key", "request_fingerprint"]);
  }
}
