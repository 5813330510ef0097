import { createHash } from "node:crypto";
import { describeDatabaseUrl, learnerBucket, shardForBucket, validateShardMap } from "@francaisfluide/app/db";
import { BUCKET_COUNT, LAST_BUCKET } from "@francaisfluide/app/config";

/** One database of either side, with the learner buckets it holds (a single database holds 0-99). */
export interface DatabaseEndpoint {
  id: string;
  url: string;
  firstBucket: number;
  lastBucket: number;
}

export const MIGRATION_KINDS = ["phase2", "sharding", "kubernetes"] as const;
export type MigrationKind = (typeof MIGRATION_KINDS)[number];

/** The stack each command migrates into: its file gives the cut-over steps. */
export const TARGET_STACK: Record<MigrationKind, string> = { phase2: "phase2", sharding: "phase3", kubernetes: "phase4" };

export interface MigrationPlan {
  kind: MigrationKind;
  /** Ordered by first bucket; the first holds bucket 0 and is the one the exercise bank is read from. */
  sources: DatabaseEndpoint[];
  targets: DatabaseEndpoint[];
  /** Names this migration in the targets' bookkeeping: a target filled by another migration is refused. */
  migrationId: string;
}

/**
 * The tables the app keeps. A learner's rows live on the shard of their bucket (the app's routing), their
 * attempts and correction history with them; the exercise bank is on every shard (the app reads it from any).
 * Every table's primary key is `id`.
 */
export interface LearnerTable {
  name: "learners" | "attempts" | "correction_history";
  /** The column holding the learner id the row is routed by. */
  learnerColumn: "id" | "learner_id";
}
export const LEARNER_TABLE: LearnerTable = { name: "learners", learnerColumn: "id" };
export const LEARNER_CHILD_TABLES: LearnerTable[] = [
  { name: "attempts", learnerColumn: "learner_id" },
  { name: "correction_history", learnerColumn: "learner_id" },
];
export const LEARNER_TABLES: LearnerTable[] = [LEARNER_TABLE, ...LEARNER_CHILD_TABLES];
export const CONTENT_TABLES = ["exercises"] as const;
export type TableName = LearnerTable["name"] | (typeof CONTENT_TABLES)[number];
export const ALL_TABLES: TableName[] = [...LEARNER_TABLES.map((table) => table.name), ...CONTENT_TABLES];

/** The SQL type of a table's key, so that lookups by key use its index. */
export function keyType(table: TableName): "uuid" | "text" {
  return table === "exercises" ? "text" : "uuid";
}

/**
 * The app's learnerBucket in SQL (first 32 bits of sha256 of the lower-cased id, modulo 100), so that sums
 * per bucket range are computed where the rows are. A test holds it equal to learnerBucket.
 */
export function bucketSql(column: string): string {
  return `(('x' || left(encode(sha256(convert_to(lower(trim(${column}::text)), 'UTF8')), 'hex'), 8))::bit(32)::bigint % ${BUCKET_COUNT})`;
}

/** host:port/database and bucket range, never credentials. */
export function describeEndpoint(endpoint: DatabaseEndpoint): string {
  const range = endpoint.firstBucket === 0 && endpoint.lastBucket === LAST_BUCKET ? "" : `, buckets ${endpoint.firstBucket}-${endpoint.lastBucket}`;
  return `"${endpoint.id}" (${describeDatabaseUrl(endpoint.url)}${range})`;
}

/** Checks both sides cover every bucket once and that no database appears on both sides. */
export function buildPlan(kind: MigrationKind, sources: DatabaseEndpoint[], targets: DatabaseEndpoint[]): MigrationPlan {
  const orderedSources = validateSide("source", sources);
  const orderedTargets = validateSide("target", targets);
  const sourceAddresses = new Set(orderedSources.map((source) => describeDatabaseUrl(source.url)));
  const shared = orderedTargets.filter((target) => sourceAddresses.has(describeDatabaseUrl(target.url)));
  if (shared.length > 0) {
    throw new Error(
      `${shared.map(describeEndpoint).join(", ")} is both a source and a target: the migration copies into databases other than the ones it reads; give new, empty databases as targets`,
    );
  }
  const identity = JSON.stringify({
    sources: orderedSources.map((source) => [describeDatabaseUrl(source.url), source.firstBucket, source.lastBucket]),
    targets: orderedTargets.map((target) => [describeDatabaseUrl(target.url), target.firstBucket, target.lastBucket]),
  });
  const migrationId = `${kind}-${createHash("sha256").update(identity).digest("hex").slice(0, 12)}`;
  return { kind, sources: orderedSources, targets: orderedTargets, migrationId };
}

function validateSide(side: "source" | "target", endpoints: DatabaseEndpoint[]): DatabaseEndpoint[] {
  try {
    return validateShardMap(endpoints);
  } catch (error) {
    throw new Error(`The ${side} shard map does not hold every learner once: ${(error as Error).message}`, { cause: error });
  }
}

/** The target that holds a learner, by the app's own routing. */
export function targetForLearner(targets: readonly DatabaseEndpoint[], learnerId: string): DatabaseEndpoint {
  return shardForBucket(targets, learnerBucket(learnerId));
}

/** Splits rows by the target of their learner, every target present (with no rows when none goes there). */
export function routeRows<Row extends Record<string, unknown>>(
  targets: readonly DatabaseEndpoint[],
  rows: readonly Row[],
  learnerColumn: string,
): Map<string, Row[]> {
  const routed = new Map<string, Row[]>(targets.map((target) => [target.id, []]));
  for (const row of rows) {
    const learnerId = row[learnerColumn];
    if (typeof learnerId !== "string") throw new Error(`A row has no ${learnerColumn} to route it by: ${JSON.stringify(row).slice(0, 200)}`);
    routed.get(targetForLearner(targets, learnerId).id)?.push(row);
  }
  return routed;
}
