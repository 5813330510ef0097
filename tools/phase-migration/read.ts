/**
 * Rows read from a source as JSON text built by PostgreSQL: timestamps keep their microseconds and jsonb its
 * exact value, which a round trip through JavaScript Dates would not.
 */
import type pg from "pg";
import type { Row } from "./target.js";
import { keyType, type TableName } from "./plan.js";

async function rowsOf(client: pg.ClientBase, select: string, values: unknown[]): Promise<Row[]> {
  const result = await client.query(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM (${select}) t`, values);
  return JSON.parse(result.rows[0]?.rows as string) as Row[];
}

/** The next learners in key order after `after` (all from the start when null). */
export function learnersAfter(client: pg.ClientBase, after: string | null, limit: number): Promise<Row[]> {
  return rowsOf(client, "SELECT * FROM public.learners WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2", [after, limit]);
}

export function rowsOfLearners(client: pg.ClientBase, table: TableName, learnerIds: string[]): Promise<Row[]> {
  return rowsOf(client, `SELECT * FROM public.${table} WHERE learner_id = ANY($1::uuid[]) ORDER BY id`, [learnerIds]);
}

export function rowsById(client: pg.ClientBase, table: TableName, ids: string[]): Promise<Row[]> {
  return rowsOf(client, `SELECT * FROM public.${table} WHERE id = ANY($1::${keyType(table)}[]) ORDER BY id`, [ids]);
}

export function allRows(client: pg.ClientBase, table: TableName): Promise<Row[]> {
  return rowsOf(client, `SELECT * FROM public.${table} ORDER BY id`, []);
}
