import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@francaisfluide/app/db";
import { queryDirect } from "../../app/testing/postgres.js";
import { expectSameData } from "./expectations.js";
import { DEFAULT_MIGRATION_OPTIONS, runMigration, VerificationError, type MigrationOptions } from "./engine.js";
import { AppWriter, dropShards, learnerIds, openApp, scratchShards, seedLearners, type ScratchShard } from "./fixtures.js";
import { buildPlan } from "./plan.js";

const LEARNERS = 300;
const THREE_SHARDS: Array<[string, number, number]> = [
  ["shard-1", 0, 33],
  ["shard-2", 34, 66],
  ["shard-3", 67, 99],
];

describe("phase migration on real PostgreSQL databases", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Sources and targets, created side by side; each dropped after the test, even when the other failed. */
  async function sourcesAndTargets(sourceRanges: Array<[string, number, number]>, targetRanges: Array<[string, number, number]>) {
    const [sources, targets] = await Promise.allSettled([scratchShards("migrate_src", sourceRanges), scratchShards("migrate_dst", targetRanges)]);
    for (const created of [sources, targets]) if (created.status === "fulfilled") cleanups.push(() => dropShards(created.value));
    if (sources.status === "rejected") throw sources.reason;
    if (targets.status === "rejected") throw targets.reason;
    return { sources: sources.value, targets: targets.value };
  }

  async function setUp(sourceRanges: Array<[string, number, number]>, targetRanges: Array<[string, number, number]>) {
    const { sources, targets } = await sourcesAndTargets(sourceRanges, targetRanges);
    const app: Database = await openApp(sources);
    cleanups.push(() => app.close());
    await seedLearners(sources, LEARNERS);
    const ids = await learnerIds(sources);
    return { sources, targets, app, ids };
  }

  /** Writes of every kind after each bulk batch, on learners the background writer does not touch. */
  function writesDuringBulk(app: Database, existing: string[], writer = new AppWriter(app)): MigrationOptions["hooks"] {
    return { afterBulkBatch: () => writer.writeEach(existing) };
  }

  async function sourceCounts(sources: ScratchShard[]): Promise<number> {
    let total = 0;
    for (const source of sources) total += (await queryDirect(source.url, "SELECT count(*)::int AS n FROM learners"))[0]?.n as number;
    return total;
  }

  it("1 source → 3 shards (migrate:sharding): nothing lost, duplicated or misplaced; a second run copies 0 rows", async () => {
    const { sources, targets, app, ids } = await setUp([["main", 0, 99]], THREE_SHARDS);
    const background = new AppWriter(app);
    background.start(ids.slice(0, 100));
    const plan = buildPlan("sharding", sources, targets);

    const duringBulk = new AppWriter(app);
    const summary = await runMigration(plan, { batchSize: 50, maxLagRows: 20, hooks: writesDuringBulk(app, ids.slice(100, 200), duringBulk) });
    await background.stop();

    // The app wrote until the freeze stopped it, and the freeze is what it met.
    expect(background.operations).toBeGreaterThan(0);
    expect(background.frozenError?.message).toMatch(/read-only until the cut-over/);
    expect(summary.verification.every((entry) => entry.ok)).toBe(true);
    expect(summary.verification).toHaveLength(3 * 4);
    // Every seeded learner is in the bulk copy unless the app deleted it before its batch was read.
    expect(summary.bulk.learners.copied).toBeGreaterThanOrEqual(LEARNERS - background.deletions - duringBulk.deletions);
    expect(summary.catchUp.learners.copied + summary.finalDelta.learners.copied).toBeGreaterThan(0);
    expect(summary.catchUp.learners.deleted + summary.finalDelta.learners.deleted).toBeGreaterThan(0);
    const { rows } = await expectSameData(sources, targets);
    expect(rows.learners).toBe(await sourceCounts(sources));
    for (const target of targets) {
      const held = (await queryDirect(target.url, "SELECT count(*)::int AS n FROM learners"))[0]?.n as number;
      expect(held, `learners on ${target.id}`).toBeGreaterThan(0);
    }

    // The sources stay frozen after the run, their change tracking gone.
    await expect(app.learners.create({ displayName: "Trop tard", cefrLevel: "A1" })).rejects.toMatchObject({ code: "25006" });
    expect(await queryDirect(sources[0]!.url, "SELECT to_regclass('ff_migration.changes') AS changes")).toEqual([{ changes: null }]);

    const again = await runMigration(plan, { batchSize: 50, maxLagRows: 20 });
    expect(again.rowsCopied).toBe(0);
    expect(again.rowsDeleted).toBe(0);
    expect(again.completedEarlierAt).toBeDefined();
    expect(again.verification.every((entry) => entry.ok)).toBe(true);
  });

  it("3 shards → 1 global database (migrate:kubernetes), interrupted during the bulk copy: the next run resumes and ends identical", async () => {
    const { sources, targets, app, ids } = await setUp(THREE_SHARDS, [["global", 0, 99]]);
    const background = new AppWriter(app);
    background.start(ids.slice(0, 100));
    const plan = buildPlan("kubernetes", sources, targets);
    const duringBulk = ids.slice(100, 200);
    const writes = writesDuringBulk(app, duringBulk);

    let batches = 0;
    const interrupted = runMigration(plan, {
      batchSize: 40,
      maxLagRows: 20,
      hooks: {
        afterBulkBatch: async (batch) => {
          await writes?.afterBulkBatch?.(batch);
          batches += 1;
          // After the first batch: the first source (about 100 learners, some deleted by the writer meanwhile) is
          // then certainly half copied, which a later batch number would not guarantee.
          if (batches === 1) throw new Error("interrupted after the first batch");
        },
      },
    });
    await expect(interrupted).rejects.toThrow(/interrupted after the first batch/);
    // Interrupted before the freeze: the app kept its writes all along.
    expect(background.frozenError).toBeUndefined();
    const copiedBefore = (await queryDirect(targets[0]!.url, "SELECT count(*)::int AS n FROM learners"))[0]?.n as number;
    expect(copiedBefore).toBeGreaterThan(0);

    const resumed = await runMigration(plan, { batchSize: 40, maxLagRows: 20, hooks: writesDuringBulk(app, duringBulk.slice(12)) });
    await background.stop();
    expect(Object.values(resumed.bulkStart)[0]).toMatch(/^after learner [0-9a-f-]{36}$/);
    expect(Object.values(resumed.bulkStart).slice(1)).toEqual(["first learner", "first learner"]);
    expect(background.frozenError).toBeDefined();
    expect(resumed.verification.every((entry) => entry.ok)).toBe(true);
    // What the first run copied is not copied again: the resumed bulk pass copies fewer learners than there are.
    expect(resumed.bulk.learners.copied).toBeLessThan(await sourceCounts(sources));
    const { rows } = await expectSameData(sources, targets);
    expect(rows.learners).toBe(await sourceCounts(sources));
  });

  it("a run that fails after the freeze gives the sources their writes back, keeps the changes, and the next run finishes the job; two runs never overlap", async () => {
    const { sources, targets, app, ids } = await setUp([["main", 0, 99]], [["east", 0, 49], ["west", 50, 99]]);
    const plan = buildPlan("sharding", sources, targets);
    const writer = new AppWriter(app);
    const failed = runMigration(plan, {
      batchSize: 100,
      maxLagRows: 1_000,
      hooks: {
        afterStep: async (step) => {
          if (step !== "frozen") return;
          await expect(app.learners.create({ displayName: "Gelée", cefrLevel: "A1" })).rejects.toMatchObject({ code: "25006" });
          await expect(runMigration(plan)).rejects.toThrow(/^Another run of migration sharding-[0-9a-f]{12} is in progress/);
          throw new Error("target lost during the final delta");
        },
      },
    });
    await expect(failed).rejects.toThrow("target lost during the final delta");
    // Writable again, and still tracked: these writes reach the targets with the next run.
    await writer.writeEach(ids.slice(0, 4));
    expect((await queryDirect(sources[0]!.url, "SELECT count(*)::int AS n FROM ff_migration.changes"))[0]?.n).toBeGreaterThan(0);

    const finished = await runMigration(plan, { batchSize: 100, maxLagRows: 1_000 });
    expect(Object.values(finished.bulkStart)).toEqual(["done by an earlier run"]);
    expect(finished.bulk.learners.copied).toBe(0);
    expect(finished.finalDelta.learners.copied).toBeGreaterThan(0);
    expect(finished.finalDelta.learners.deleted).toBe(1);
    expect(finished.verification.every((entry) => entry.ok)).toBe(true);
    await expectSameData(sources, targets);
  });

  it("verification sees a row changed, lost or misplaced on a target behind the migration's back; the next run repairs them", async () => {
    const { sources, targets } = await sourcesAndTargets([["main", 0, 99]], [["east", 0, 49], ["west", 50, 99]]);
    const app = await openApp(sources);
    cleanups.push(() => app.close());
    await seedLearners(sources, 40);
    const plan = buildPlan("sharding", sources, targets);
    const [east, west] = targets as [ScratchShard, ScratchShard];
    const tamper = async () => {
      await queryDirect(east.url, "UPDATE learners SET display_name = 'Changée' WHERE id = (SELECT id FROM learners ORDER BY id LIMIT 1)");
      await queryDirect(east.url, "DELETE FROM attempts WHERE id = (SELECT id FROM attempts ORDER BY id LIMIT 1)");
      await queryDirect(west.url, "INSERT INTO learners SELECT * FROM jsonb_populate_record(NULL::learners, $1::jsonb)", [
        (await queryDirect(east.url, "SELECT to_jsonb(l) AS row FROM learners l ORDER BY id DESC LIMIT 1"))[0]?.row,
      ]);
    };

    const failed = await runMigration(plan, { ...DEFAULT_MIGRATION_OPTIONS, hooks: { afterStep: (step) => (step === "final-delta-applied" ? tamper() : undefined) } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(VerificationError);
    const mismatches = (failed as VerificationError).verification.filter((entry) => !entry.ok);
    expect(mismatches.map(({ target, table, sourceRows, targetRows, misplacedRows }) => ({ target, table, missing: sourceRows - targetRows, misplacedRows }))).toEqual([
      { target: "east", table: "learners", missing: 0, misplacedRows: 0 },
      { target: "west", table: "learners", missing: -1, misplacedRows: 1 },
      { target: "east", table: "attempts", missing: 1, misplacedRows: 0 },
    ]);
    expect(mismatches[0]?.sourceChecksum).not.toBe(mismatches[0]?.targetChecksum);
    // Not cut over: the app writes to the source again.
    await app.learners.create({ displayName: "Encore là", cefrLevel: "A1" });

    const repaired = await runMigration(plan);
    // The changed learner, the lost attempt and the learner created since; the misplaced copy deleted. Nothing else written.
    expect(repaired.bulk).toMatchObject({ learners: { copied: 2, deleted: 1 }, attempts: { copied: 1, deleted: 0 } });
    expect(repaired.rowsCopied).toBe(3);
    expect(repaired.verification.every((entry) => entry.ok)).toBe(true);
    await expectSameData(sources, targets);
  });
});
