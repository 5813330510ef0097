/**
 * For the migration's tests and benchmark: scratch databases, sources filled the way the app fills them, and
 * an app that keeps writing through its own repositories.
 */
import { randomUUID } from "node:crypto";
import { learnerBucket, openDatabase, SEED_DATABASE_SETTINGS, type Database } from "@francaisfluide/app/db";
import { createScratchDatabase, queryDirect, type ScratchDatabase } from "../../app/testing/postgres.js";
import type { DatabaseEndpoint } from "./plan.js";

export interface ScratchShard extends DatabaseEndpoint {
  database: ScratchDatabase;
}

/** Empty databases, one per range, created side by side; `drop` them after the test. None is left when one fails. */
export async function scratchShards(purpose: string, ranges: Array<[string, number, number]>): Promise<ScratchShard[]> {
  const created = await Promise.allSettled(ranges.map(() => createScratchDatabase(purpose)));
  const databases = created.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = created.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(databases.map((database) => database.drop()));
    throw new Error(`Could not create the ${ranges.length} scratch databases for ${purpose}: ${String(failed.reason)}`, { cause: failed.reason });
  }
  return ranges.map(([id, firstBucket, lastBucket], index) => {
    const database = databases[index] as ScratchDatabase;
    return { id, url: database.url, firstBucket, lastBucket, database };
  });
}

export async function dropShards(shards: ScratchShard[]): Promise<void> {
  await Promise.all(shards.map((shard) => shard.database.drop()));
}

/** The app on these databases (one URL, or a shard map), with its schema migrated. */
export function openApp(shards: DatabaseEndpoint[]): Promise<Database> {
  const settings = { ...SEED_DATABASE_SETTINGS, poolMin: 0, poolMax: 3, migrateOnStart: true };
  const [only] = shards;
  return shards.length === 1 && only
    ? openDatabase({ ...settings, url: only.url })
    : openDatabase({ ...settings, shards: shards.map(({ id, url, firstBucket, lastBucket }) => ({ id, writerUrl: url, firstBucket, lastBucket })) });
}

/**
 * `count` learners, each with two attempts and, for those who opted in, two history rows, written straight
 * into the shard of each learner's bucket in a few statements (the app's repositories would take one round
 * trip per row).
 */
export async function seedLearners(shards: DatabaseEndpoint[], count: number): Promise<void> {
  const rows = new Map<string, { learners: object[]; attempts: object[]; history: object[] }>(shards.map((shard) => [shard.id, { learners: [], attempts: [], history: [] }]));
  for (let index = 0; index < count; index += 1) {
    const id = randomUUID();
    const bucket = learnerBucket(id);
    const shard = shards.find((candidate) => bucket >= candidate.firstBucket && bucket <= candidate.lastBucket);
    const home = shard && rows.get(shard.id);
    if (!home) throw new Error(`No shard for bucket ${bucket}`);
    const optIn = index % 2 === 0;
    home.learners.push({ id, display_name: `Élève ${index}`, cefr_level: "B1", correction_history_opt_in: optIn, created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString().replace("Z", "123+00:00") });
    for (const n of [1, 2]) {
      home.attempts.push({ id: randomUUID(), learner_id: id, exercise_id: `conj:aller:ipre:${n}sg`, exercise_type: "conjugation", cefr_level: "B1", answer: "vais", correct: n === 1, created_at: "2026-02-01T10:00:00.654321+00:00" });
      if (optIn) home.history.push({ id: randomUUID(), learner_id: id, text: `Je vais a Paris ${n}.`, match_count: n, created_at: "2026-02-02T10:00:00.000001+00:00" });
    }
  }
  for (const shard of shards) {
    const home = rows.get(shard.id);
    if (!home) continue;
    for (const [table, tableRows] of [["learners", home.learners], ["attempts", home.attempts], ["correction_history", home.history]] as const) {
      await queryDirect(shard.url, `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(tableRows)]);
    }
  }
}

const READ_ONLY = "25006";

function isFreezeError(error: unknown): boolean {
  return (error as { code?: unknown }).code === READ_ONLY;
}

/**
 * The app at work: creates learners, records attempts and corrections, renames, opts out (which erases
 * history) and deletes learners, in turn, until the sources reject writes (the freeze).
 */
export class AppWriter {
  private readonly known: string[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  operations = 0;
  /** Learners this writer deleted: rows a copy made after their deletion cannot hold. */
  deletions = 0;
  frozenError: Error | undefined;

  private readonly app: Database;

  constructor(app: Database) {
    this.app = app;
  }

  /** One write of each kind, on learners found with `pick` (the existing ones) or created here. */
  async writeEach(existing: string[]): Promise<void> {
    const created = await this.app.learners.create({ displayName: "Nouvelle élève", cefrLevel: "A2", correctionHistoryOptIn: true });
    this.known.push(created.id);
    await this.app.attempts.record({ learnerId: created.id, exerciseId: "a1-homophones-01", exerciseType: "homophones", cefrLevel: "A2", answer: "a", correct: true });
    await this.app.corrections.recordIfOptedIn({ learnerId: created.id, text: "Il a manger.", matchCount: 1 });
    const [renamed, optedOut, deleted, practised] = existing.splice(0, 4);
    if (renamed) await this.app.learners.update(renamed, { displayName: `Renommée ${this.operations}`, cefrLevel: "C1" });
    if (optedOut) await this.app.learners.update(optedOut, { correctionHistoryOptIn: false });
    if (deleted) {
      await this.app.learners.delete(deleted);
      this.deletions += 1;
    }
    if (practised) await this.app.attempts.record({ learnerId: practised, exerciseId: "conj:être:ipre:3sg", exerciseType: "conjugation", cefrLevel: "B2", answer: "est", correct: true });
    this.operations += 1;
  }

  /** Keeps writing in the background until the freeze (or `stop`). */
  start(existing: string[]): void {
    this.running = (async () => {
      while (!this.stopped) {
        try {
          await this.writeEach(existing.length > 0 ? existing : [...this.known.splice(0, 4)]);
        } catch (error) {
          if (!isFreezeError(error)) throw error;
          this.frozenError = error as Error;
          return;
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

export async function learnerIds(shards: DatabaseEndpoint[]): Promise<string[]> {
  const ids: string[] = [];
  for (const shard of shards) ids.push(...(await queryDirect(shard.url, "SELECT id::text FROM learners ORDER BY id")).map((row) => row.id as string));
  return ids;
}
