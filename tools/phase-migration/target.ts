/**
 * What the migration keeps on a target: the app's schema (its own migrations), and in schema ff_migration the
 * migration that fills it and, per source, how far the bulk copy got (written in the same transaction as the
 * rows, so a run that stops anywhere resumes from what the target really holds).
 */
import type pg from "pg";
import { pino } from "pino";
import { applyMigrations } from "@francaisfluide/app/db";
import type { Connected } from "./connection.js";
import { bucketSql, describeEndpoint, keyType, LEARNER_TABLES, type TableName } from "./plan.js";
import { BOOKKEEPING_SCHEMA } from "./source.js";

/** Learner rows a target holds that no run of this migration wrote: a problem naming them, or undefined. */
export async function foreignDataProblem(target: Connected, migrationId: string): Promise<string | undefined> {
  const { client } = target;
  const present = await client.query("SELECT to_regclass('public.learners') IS NOT NULL AS learners, to_regclass($1) IS NOT NULL AS marker", [
    `${BOOKKEEPING_SCHEMA}.migrations`,
  ]);
  if (!present.rows[0]?.learners) return undefined;
  const markers = present.rows[0]?.marker ? (await client.query(`SELECT id FROM ${BOOKKEEPING_SCHEMA}.migrations`)).rows.map((row) => row.id as string) : [];
  if (markers.includes(migrationId)) return undefined;
  const filled: Array<[string, number]> = [];
  for (const table of LEARNER_TABLES) {
    const result = await client.query(`SELECT count(*)::int AS rows FROM public.${table.name}`);
    const rows = result.rows[0]?.rows as number;
    if (rows > 0) filled.push([table.name, rows]);
  }
  if (filled.length === 0) return undefined;
  const origin = markers.length > 0 ? `it was filled by another migration (${markers.join(", ")}), with other sources or another shard map` : "no migration put them there";
  return (
    `The target database ${describeEndpoint(target.endpoint)} is not empty: it holds ${filled.map(([table, rows]) => `${rows} ${table}`).join(", ")} and ${origin}. ` +
    "Give an empty database as target (the migration creates the schema), or run the migration with the same sources and shard map as the run that filled it."
  );
}

/** The app's migrations (schema and exercise bank), then the bookkeeping and this migration's mark. */
export async function prepareTarget(target: Connected, migrationId: string): Promise<void> {
  const { client } = target;
  try {
    await applyMigrations(client, pino({ enabled: false }));
  } catch (error) {
    throw new Error(`Creating the app's schema on the target database ${describeEndpoint(target.endpoint)} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${BOOKKEEPING_SCHEMA}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.migrations (id text PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now(), completed_at timestamptz)`,
  );
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.checkpoints (
       migration text NOT NULL REFERENCES ${BOOKKEEPING_SCHEMA}.migrations (id) ON DELETE CASCADE,
       source text NOT NULL, last_learner uuid, bulk_done boolean NOT NULL DEFAULT false,
       PRIMARY KEY (migration, source))`,
  );
  await client.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.migrations (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [migrationId]);
}

export interface Checkpoint {
  lastLearner: string | null;
  bulkDone: boolean;
}

export async function readCheckpoint(client: pg.ClientBase, migrationId: string, sourceId: string): Promise<Checkpoint | undefined> {
  const result = await client.query(`SELECT last_learner::text, bulk_done FROM ${BOOKKEEPING_SCHEMA}.checkpoints WHERE migration = $1 AND source = $2`, [
    migrationId,
    sourceId,
  ]);
  const row = result.rows[0];
  return row ? { lastLearner: row.last_learner as string | null, bulkDone: row.bulk_done as boolean } : undefined;
}

export async function writeCheckpoint(client: pg.ClientBase, migrationId: string, sourceId: string, checkpoint: Checkpoint): Promise<void> {
  await client.query(
    `INSERT INTO ${BOOKKEEPING_SCHEMA}.checkpoints (migration, source, last_learner, bulk_done) VALUES ($1, $2, $3, $4)
     ON CONFLICT (migration, source) DO UPDATE SET last_learner = EXCLUDED.last_learner, bulk_done = EXCLUDED.bulk_done`,
    [migrationId, sourceId, checkpoint.lastLearner, checkpoint.bulkDone],
  );
}

/** The next run's bulk pass starts from the first learner. */
export async function forgetCheckpoints(client: pg.ClientBase, migrationId: string): Promise<void> {
  await client.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.checkpoints WHERE migration = $1`, [migrationId]);
}

/** The run verified: a later run only verifies, unless --unfreeze reopens the migration (then a fresh pass copies what changed). */
export async function markComplete(client: pg.ClientBase, migrationId: string): Promise<void> {
  await forgetCheckpoints(client, migrationId);
  await client.query(`UPDATE ${BOOKKEEPING_SCHEMA}.migrations SET completed_at = now() WHERE id = $1`, [migrationId]);
}

/** When this migration completed on the target, if it did. */
export async function completedAt(client: pg.ClientBase, migrationId: string): Promise<Date | undefined> {
  const bookkeeping = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [`${BOOKKEEPING_SCHEMA}.migrations`]);
  if (!bookkeeping.rows[0]?.present) return undefined;
  const result = await client.query(`SELECT completed_at FROM ${BOOKKEEPING_SCHEMA}.migrations WHERE id = $1`, [migrationId]);
  return (result.rows[0]?.completed_at as Date | null | undefined) ?? undefined;
}

/** The sources took writes again after a completed run: the next run copies again instead of only verifying. */
export async function reopen(client: pg.ClientBase, migrationId: string): Promise<void> {
  const bookkeeping = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [`${BOOKKEEPING_SCHEMA}.migrations`]);
  if (bookkeeping.rows[0]?.present) await client.query(`UPDATE ${BOOKKEEPING_SCHEMA}.migrations SET completed_at = NULL WHERE id = $1`, [migrationId]);
}

export async function removeFromTarget(target: Connected): Promise<void> {
  await target.client.query(`DROP SCHEMA IF EXISTS ${BOOKKEEPING_SCHEMA} CASCADE`);
}

export async function tableColumns(client: pg.ClientBase, table: TableName): Promise<string[]> {
  const result = await client.query(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return result.rows.map((row) => row.column_name as string);
}

export type Row = Record<string, unknown>;

/**
 * Inserts the rows or brings existing ones up to date, by primary key; a row already identical is not
 * written, so the count is what really changed and a second pass over the same data counts 0.
 */
export async function upsertRows(client: pg.ClientBase, table: TableName, columns: string[], rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const assignments = columns.filter((column) => column !== "id").map((column) => `${column} = EXCLUDED.${column}`);
  const result = await client.query(
    `INSERT INTO public.${table} AS existing SELECT * FROM jsonb_populate_recordset(NULL::public.${table}, $1::jsonb)
     ON CONFLICT (id) DO UPDATE SET ${assignments.join(", ")} WHERE (existing.*) IS DISTINCT FROM (EXCLUDED.*)`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
}

export async function deleteRowsById(client: pg.ClientBase, table: TableName, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await client.query(`DELETE FROM public.${table} WHERE id = ANY($1::${keyType(table)}[])`, [ids]);
  return result.rowCount ?? 0;
}

/**
 * Learners of one source's bucket range, in the key range (after, upTo], that the target holds but should not
 * (gone from the source, or routed to another target): the deletions of a bulk pass. Their rows in the
 * other tables go with them (ON DELETE CASCADE).
 */
export async function deleteLearnersOutside(
  client: pg.ClientBase,
  range: { after: string | null; upTo: string | null; firstBucket: number; lastBucket: number },
  keep: string[],
): Promise<number> {
  const result = await client.query(
    `DELETE FROM public.learners WHERE ($1::uuid IS NULL OR id > $1::uuid) AND ($2::uuid IS NULL OR id <= $2::uuid)
       AND ${bucketSql("id")} BETWEEN $3 AND $4 AND NOT (id = ANY($5::uuid[]))`,
    [range.after, range.upTo, range.firstBucket, range.lastBucket, keep],
  );
  return result.rowCount ?? 0;
}

/** Rows of a learner table whose learner is one of `learners` but which the source no longer has. */
export async function deleteChildrenOutside(client: pg.ClientBase, table: TableName, learners: string[], keep: string[]): Promise<number> {
  if (learners.length === 0) return 0;
  const result = await client.query(`DELETE FROM public.${table} WHERE learner_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[]))`, [learners, keep]);
  return result.rowCount ?? 0;
}

/** Exercises the target holds that the source's bank no longer has. */
export async function deleteExercisesOutside(client: pg.ClientBase, keep: string[]): Promise<number> {
  const result = await client.query("DELETE FROM public.exercises WHERE NOT (id = ANY($1::text[]))", [keep]);
  return result.rowCount ?? 0;
}
