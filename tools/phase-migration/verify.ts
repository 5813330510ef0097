/**
 * Row counts and checksums of every table, the sources' rows summed per target bucket range against what
 * each target holds. The checksum of a set of rows is the sum of the first 60 bits of md5(row as text): it
 * does not depend on the order of the rows, and sums of several sources add up, so N sources compare with M
 * targets without moving a row.
 */
import type pg from "pg";
import type { Connected } from "./connection.js";
import { bucketSql, CONTENT_TABLES, LEARNER_TABLES, type TableName } from "./plan.js";

interface Aggregate {
  rows: bigint;
  checksum: bigint;
}

const ROW_HASH = "('x' || left(md5(t::text), 15))::bit(60)::bigint";

export interface TableVerification {
  target: string;
  table: TableName;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  /** Rows on the target whose learner's bucket is outside the target's range. */
  misplacedRows: number;
  ok: boolean;
}

function add(a: Aggregate, b: Aggregate): Aggregate {
  return { rows: a.rows + b.rows, checksum: a.checksum + b.checksum };
}

const EMPTY: Aggregate = { rows: 0n, checksum: 0n };

/** Count and checksum of a table's rows, per learner bucket. */
async function aggregateByBucket(client: pg.ClientBase, table: TableName, learnerColumn: string): Promise<Map<number, Aggregate>> {
  const result = await client.query(
    `SELECT ${bucketSql(`t.${learnerColumn}`)}::int AS bucket, count(*)::text AS rows, sum(${ROW_HASH})::text AS checksum
     FROM public.${table} t GROUP BY 1`,
  );
  return new Map(result.rows.map((row) => [row.bucket as number, { rows: BigInt(row.rows as string), checksum: BigInt(row.checksum as string) }]));
}

async function aggregateAll(client: pg.ClientBase, table: TableName): Promise<Aggregate> {
  const result = await client.query(`SELECT count(*)::text AS rows, coalesce(sum(${ROW_HASH}), 0)::text AS checksum FROM public.${table} t`);
  return { rows: BigInt(result.rows[0]?.rows as string), checksum: BigInt(result.rows[0]?.checksum as string) };
}

function sumBuckets(byBucket: Map<number, Aggregate>, inRange: (bucket: number) => boolean): Aggregate {
  let total = EMPTY;
  for (const [bucket, aggregate] of byBucket) if (inRange(bucket)) total = add(total, aggregate);
  return total;
}

function verification(target: string, table: TableName, expected: Aggregate, actual: Aggregate, misplaced: bigint): TableVerification {
  return {
    target,
    table,
    sourceRows: Number(expected.rows),
    targetRows: Number(actual.rows),
    sourceChecksum: expected.checksum.toString(16),
    targetChecksum: actual.checksum.toString(16),
    misplacedRows: Number(misplaced),
    ok: expected.rows === actual.rows && expected.checksum === actual.checksum && misplaced === 0n,
  };
}

/** The first source holds the exercise bank every target gets. */
export async function verifyMigration(sources: Connected[], targets: Connected[]): Promise<TableVerification[]> {
  const results: TableVerification[] = [];
  for (const table of LEARNER_TABLES) {
    const sourceBuckets = await Promise.all(sources.map((source) => aggregateByBucket(source.client, table.name, table.learnerColumn)));
    for (const target of targets) {
      const { firstBucket, lastBucket } = target.endpoint;
      const inRange = (bucket: number) => bucket >= firstBucket && bucket <= lastBucket;
      const expected = sourceBuckets.reduce((total, buckets) => add(total, sumBuckets(buckets, inRange)), EMPTY);
      const targetBuckets = await aggregateByBucket(target.client, table.name, table.learnerColumn);
      const actual = sumBuckets(targetBuckets, () => true);
      const misplaced = sumBuckets(targetBuckets, (bucket) => !inRange(bucket)).rows;
      results.push(verification(target.endpoint.id, table.name, expected, actual, misplaced));
    }
  }
  const [contentSource] = sources;
  for (const table of CONTENT_TABLES) {
    const expected = contentSource ? await aggregateAll(contentSource.client, table) : EMPTY;
    for (const target of targets) results.push(verification(target.endpoint.id, table, expected, await aggregateAll(target.client, table), 0n));
  }
  return results;
}
