/**
 * What every repository does the same way: learner ids are uuids (anything else is simply not found),
 * lists are capped, and inserts survive being retried.
 */
import { createHash } from "node:crypto";
import type { QueryResultRow } from "pg";
import type { Idempotency } from "../models.js";
import { IdempotencyKeyReusedError } from "../types.js";
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

/**
 * The row id an idempotent write gets: a uuid (version 8, name-based) hashed from the key and its scope. A retry
 * computes the same id, so it lands on the same shard and meets its first try's row through ON CONFLICT (id).
 */
export function idFromIdempotencyKey(scope: string, key: string): string {
  const bytes = createHash("sha256").update(`${scope}\n${key}`).digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x80, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The row a write under `idempotency` found or made, once it is sure the row came from the same request. */
export function checkSameRequest(row: QueryResultRow, idempotency: Idempotency | undefined, what: string): QueryResultRow {
  if (idempotency && row.request_fingerprint !== idempotency.requestFingerprint) throw new IdempotencyKeyReusedError(idempotency.key, what);
  return row;
}
