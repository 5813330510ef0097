/** The row-by-row comparison of both sides of a migration, for its tests. */
import { expect } from "vitest";
import { learnerBucket } from "@francaisfluide/app/db";
import { queryDirect } from "../../app/testing/postgres.js";
import { LEARNER_TABLES, type DatabaseEndpoint } from "./plan.js";

type Table = "learners" | "attempts" | "correction_history" | "exercises";

async function rowsOf(url: string, table: Table): Promise<Array<Record<string, unknown>>> {
  const rows = await queryDirect(url, `SELECT coalesce(json_agg(t ORDER BY id), '[]')::text AS rows FROM ${table} t`);
  return JSON.parse(rows[0]?.rows as string) as Array<Record<string, unknown>>;
}

/**
 * Every source row is on exactly one target, the one the app's routing gives for its learner (recomputed
 * here with learnerBucket), with the same content; no target row is missing from the sources; every target
 * holds the first source's exercise bank.
 */
export async function expectSameData(sources: DatabaseEndpoint[], targets: DatabaseEndpoint[]): Promise<{ rows: Record<string, number> }> {
  const counted: Record<string, number> = {};
  for (const table of LEARNER_TABLES) {
    const sourceRows = new Map<string, string>();
    for (const source of sources) for (const row of await rowsOf(source.url, table.name)) sourceRows.set(row.id as string, JSON.stringify(row));
    const seen = new Map<string, string>();
    for (const target of targets) {
      for (const row of await rowsOf(target.url, table.name)) {
        const id = row.id as string;
        expect(seen.get(id), `${table.name} ${id} is on both ${seen.get(id)} and ${target.id}`).toBeUndefined();
        seen.set(id, target.id);
        const bucket = learnerBucket(row[table.learnerColumn] as string);
        expect(bucket >= target.firstBucket && bucket <= target.lastBucket, `${table.name} ${id} (bucket ${bucket}) is on ${target.id}`).toBe(true);
        expect(JSON.stringify(row), `${table.name} ${id} on ${target.id}`).toBe(sourceRows.get(id));
      }
    }
    const missing = [...sourceRows.keys()].filter((id) => !seen.has(id));
    expect(missing, `${table.name} rows lost`).toEqual([]);
    counted[table.name] = sourceRows.size;
  }
  const [contentSource] = sources;
  if (contentSource) {
    const bank = JSON.stringify(await rowsOf(contentSource.url, "exercises"));
    for (const target of targets) expect(JSON.stringify(await rowsOf(target.url, "exercises")), `exercises on ${target.id}`).toBe(bank);
  }
  return { rows: counted };
}
