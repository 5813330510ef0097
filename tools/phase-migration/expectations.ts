/** The row-by-row comparison of both sides of a migration, for its tests. */
import { expect } from "vitest";
import { learnerBucket } from "@francaisfluide/app/db";
import pg from "pg";
import { LEARNER_TABLES, type DatabaseEndpoint } from "./plan.js";

type Table = "learners" | "attempts" | "correction_history" | "exercises";
type Rows = Map<Table, Array<Record<string, unknown>>>;

/** Every table of one database, on one connection. */
async function tablesOf(url: string): Promise<Rows> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const tables: Rows = new Map();
    for (const table of ["learners", "attempts", "correction_history", "exercises"] as const) {
      const result = await client.query(`SELECT coalesce(json_agg(t ORDER BY id), '[]')::text AS rows FROM ${table} t`);
      tables.set(table, JSON.parse(result.rows[0]?.rows as string) as Array<Record<string, unknown>>);
    }
    return tables;
  } finally {
    await client.end();
  }
}

/**
 * Every source row is on exactly one target, the one the app's routing gives for its learner (recomputed
 * here with learnerBucket), with the same content; no target row is missing from the sources; every target
 * holds the first source's exercise bank. Returns the number of rows of each learner table.
 */
export async function expectSameData(sources: DatabaseEndpoint[], targets: DatabaseEndpoint[]): Promise<{ rows: Record<string, number> }> {
  const sourceTables = await Promise.all(sources.map((source) => tablesOf(source.url)));
  const targetTables = await Promise.all(targets.map((target) => tablesOf(target.url)));
  const counted: Record<string, number> = {};
  const problems: string[] = [];
  for (const table of LEARNER_TABLES) {
    const sourceRows = new Map<string, string>();
    for (const tables of sourceTables) for (const row of tables.get(table.name) ?? []) sourceRows.set(row.id as string, JSON.stringify(row));
    const seen = new Map<string, string>();
    targets.forEach((target, index) => {
      for (const row of targetTables[index]?.get(table.name) ?? []) {
        const id = row.id as string;
        const elsewhere = seen.get(id);
        if (elsewhere !== undefined) problems.push(`${table.name} ${id} is on both ${elsewhere} and ${target.id}`);
        seen.set(id, target.id);
        const bucket = learnerBucket(row[table.learnerColumn] as string);
        if (bucket < target.firstBucket || bucket > target.lastBucket) problems.push(`${table.name} ${id} (bucket ${bucket}) is on ${target.id}`);
        const expected = sourceRows.get(id);
        if (expected === undefined) problems.push(`${table.name} ${id} on ${target.id} is not on any source`);
        else if (expected !== JSON.stringify(row)) problems.push(`${table.name} ${id} on ${target.id} differs: ${JSON.stringify(row)} vs ${expected}`);
      }
    });
    for (const id of sourceRows.keys()) if (!seen.has(id)) problems.push(`${table.name} ${id} was lost`);
    counted[table.name] = sourceRows.size;
  }
  const bank = JSON.stringify(sourceTables[0]?.get("exercises"));
  targets.forEach((target, index) => {
    if (JSON.stringify(targetTables[index]?.get("exercises")) !== bank) problems.push(`the exercise bank on ${target.id} is not the first source's`);
  });
  expect(problems).toEqual([]);
  return { rows: counted };
}
