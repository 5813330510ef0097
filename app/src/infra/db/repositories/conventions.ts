/**
 * What every repository does the same way: learner ids are uuids (anything else is simply not found),
 * lists are capped, and inserts survive being retried.
 */
import type { QueryResultRow } from "pg";
import type { PostgresPool } from "../postgres-pool.js";

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

const FOREIGN_KEY_VIOLATION = "23503";

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === FOREIGN_KEY_VIOLATION;
}

/**
 * Inserts use ids made here with ON CONFLICT (id) DO NOTHING, so that a retry after a connection reset, when
 * the first try had in fact committed, finds its own row instead of failing or writing twice.
 */
export async function insertOnce(pool: PostgresPool, table: string, id: string, insert: string, values: unknown[]): Promise<QueryResultRow | undefined> {
  const inserted = await pool.query(insert, values);
  if (inserted.rows[0]) return inserted.rows[0];
  const existing = await pool.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return existing.rows[0];
}
