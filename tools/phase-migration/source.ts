/**
 * What the migration installs on a source: a change table filled by row triggers (every insert, update and
 * delete of the app's tables leaves the key of the row it touched), and the write freeze (statement triggers
 * that reject any write). Triggers rather than logical replication: they need no `wal_level = logical` (a
 * restart of the server, a parameter group and a reboot on RDS) nor a replication role, only the owner's
 * rights the app's migrations already have, and they work on any PostgreSQL the app runs on.
 */
import type pg from "pg";
import { appMigrationNames, MIGRATIONS_TABLE } from "@francaisfluide/app/db";
import type { Connected } from "./connection.js";
import { inTransaction } from "./connection.js";
import { ALL_TABLES, describeEndpoint, LEARNER_TABLES, type TableName } from "./plan.js";

export const BOOKKEEPING_SCHEMA = "ff_migration";
const TRACK_TRIGGER = "ff_migration_track";
const FREEZE_TRIGGER = "ff_migration_freeze";
/** How long installing a trigger may wait for the app's open transactions on a table before giving up. */
const LOCK_TIMEOUT = "15s";

const LOCK_NOT_AVAILABLE = "55P03";

/** Trigger DDL waits for the app's open transactions on the tables; one held longer than the lock timeout fails it. */
async function withTableLocks(source: Connected, purpose: string, work: () => Promise<void>): Promise<void> {
  try {
    await inTransaction(source.client, "BEGIN", async () => {
      await source.client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await work();
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
    throw new Error(
      `Could not ${purpose} on the source database ${describeEndpoint(source.endpoint)}: a transaction kept the app's tables locked for more than ${LOCK_TIMEOUT}. ` +
        "Nothing was changed there; run the migration again (it resumes), at a quieter time if it keeps happening.",
      { cause: error },
    );
  }
}

/** The schema's migrations must be the app's, or rows would not fit the targets the app's migrations build. */
export async function sourceSchemaProblem(source: Connected): Promise<string | undefined> {
  const expected = appMigrationNames();
  const table = await source.client.query("SELECT to_regclass($1) IS NOT NULL AS present", [`public.${MIGRATIONS_TABLE}`]);
  const applied = table.rows[0]?.present
    ? (await source.client.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`)).rows.map((row) => row.name as string)
    : [];
  const missing = expected.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !expected.includes(name));
  if (missing.length === 0 && unknown.length === 0) return undefined;
  const parts = [
    missing.length > 0 ? `lacks ${missing.join(", ")}` : "",
    unknown.length > 0 ? `has ${unknown.join(", ")}, which this version of the app does not know` : "",
  ].filter(Boolean);
  return (
    `The source database ${describeEndpoint(source.endpoint)} is not at the app's schema version: it ${parts.join(" and ")}. ` +
    (unknown.length > 0
      ? "Run the migration from the checkout of the app version that wrote it."
      : `Bring it up to date first (DATABASE_URL=<its URL> npm run migrate -w app), then run the migration again.`)
  );
}

/** Tables whose changes this source must record: the learners' everywhere, the exercise bank only where it is read from. */
export function trackedTables(isContentSource: boolean): TableName[] {
  return isContentSource ? ALL_TABLES : LEARNER_TABLES.map((table) => table.name);
}

export async function installTracking(source: Connected, tables: TableName[]): Promise<void> {
  await withTableLocks(source, "install change tracking", async () => {
    await source.client.query(`CREATE SCHEMA IF NOT EXISTS ${BOOKKEEPING_SCHEMA}`);
    await source.client.query(
      `CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.changes (seq bigserial PRIMARY KEY, table_name text NOT NULL, row_id text NOT NULL)`,
    );
    // The key alone: the copy reads the row as it is when it applies the change, so the order changes commit in does not matter.
    await source.client.query(`
      CREATE OR REPLACE FUNCTION ${BOOKKEEPING_SCHEMA}.record_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO ${BOOKKEEPING_SCHEMA}.changes (table_name, row_id) VALUES (TG_TABLE_NAME, OLD.id::text);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id) THEN
          INSERT INTO ${BOOKKEEPING_SCHEMA}.changes (table_name, row_id) VALUES (TG_TABLE_NAME, NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of tables) {
      await source.client.query(
        `CREATE OR REPLACE TRIGGER ${TRACK_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON public.${table}
         FOR EACH ROW EXECUTE FUNCTION ${BOOKKEEPING_SCHEMA}.record_change()`,
      );
    }
  });
}

/** Drops the triggers and the change table; the freeze, if any, stays. */
export async function removeTracking(source: Connected): Promise<void> {
  await withTableLocks(source, "remove change tracking", async () => {
    for (const table of ALL_TABLES) await source.client.query(`DROP TRIGGER IF EXISTS ${TRACK_TRIGGER} ON public.${table}`);
    await source.client.query(`DROP TABLE IF EXISTS ${BOOKKEEPING_SCHEMA}.changes`);
    await source.client.query(`DROP FUNCTION IF EXISTS ${BOOKKEEPING_SCHEMA}.record_change()`);
  });
}

/**
 * Rejects every write to the app's tables from the moment it commits, with SQLSTATE 25006 (read-only
 * transaction) and a message saying why. Creating a trigger waits for the transactions already writing to
 * the table, so once this returns every write the app made is committed and recorded in the change table.
 */
export async function freeze(source: Connected, migrationId: string): Promise<void> {
  await withTableLocks(source, "freeze writes", async () => {
    await source.client.query(`CREATE SCHEMA IF NOT EXISTS ${BOOKKEEPING_SCHEMA}`);
    await source.client.query(`
      CREATE OR REPLACE FUNCTION ${BOOKKEEPING_SCHEMA}.reject_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'FrançaisFluide data is moving to new databases (migration %): % is read-only until the cut-over', TG_ARGV[0], TG_TABLE_NAME
          USING ERRCODE = 'read_only_sql_transaction',
                HINT = 'Retry once the app runs on the new databases; to give this database its writes back, run the migration command with --unfreeze.';
      END $$`);
    for (const table of ALL_TABLES) {
      await source.client.query(
        `CREATE OR REPLACE TRIGGER ${FREEZE_TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.${table}
         FOR EACH STATEMENT EXECUTE FUNCTION ${BOOKKEEPING_SCHEMA}.reject_write('${migrationId}')`,
      );
    }
  });
}

export async function unfreeze(source: Connected): Promise<void> {
  await withTableLocks(source, "give writes back", async () => {
    for (const table of ALL_TABLES) await source.client.query(`DROP TRIGGER IF EXISTS ${FREEZE_TRIGGER} ON public.${table}`);
    await source.client.query(`DROP FUNCTION IF EXISTS ${BOOKKEEPING_SCHEMA}.reject_write()`);
  });
}

export async function isFrozen(source: Connected): Promise<boolean> {
  const result = await source.client.query("SELECT count(*)::int AS triggers FROM pg_trigger WHERE tgname = $1", [FREEZE_TRIGGER]);
  return (result.rows[0]?.triggers as number) > 0;
}

/** Everything the migration put on the source: tracking, freeze, schema. */
export async function removeFromSource(source: Connected): Promise<void> {
  await removeTracking(source);
  await unfreeze(source);
  await source.client.query(`DROP SCHEMA IF EXISTS ${BOOKKEEPING_SCHEMA} CASCADE`);
}

export interface ChangeRecord {
  seq: string;
  table: TableName;
  rowId: string;
}

export async function pendingChangeCount(client: pg.ClientBase): Promise<number> {
  const result = await client.query(`SELECT count(*)::int AS pending FROM ${BOOKKEEPING_SCHEMA}.changes`);
  return result.rows[0]?.pending as number;
}

/** The oldest recorded changes. Only committed ones are visible; later commits of earlier numbers come in a later batch. */
export async function readChanges(client: pg.ClientBase, limit: number): Promise<ChangeRecord[]> {
  const result = await client.query(`SELECT seq::text, table_name, row_id FROM ${BOOKKEEPING_SCHEMA}.changes ORDER BY seq LIMIT $1`, [limit]);
  return result.rows.map((row) => ({ seq: row.seq as string, table: row.table_name as TableName, rowId: row.row_id as string }));
}

/** Once applied on every target: a change recorded since, even for the same row, has another number and stays. */
export async function forgetChanges(client: pg.ClientBase, changes: ChangeRecord[]): Promise<void> {
  await client.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.changes WHERE seq = ANY($1::bigint[])`, [changes.map((change) => change.seq)]);
}
