/**
 * Moves the app's data from N source databases to M targets while the app keeps writing to the sources:
 * change tracking installed, bulk pass in learner key order with a checkpoint on each target, catch-up from
 * the change tables until the lag is small, write freeze, final delta, verification. Every write to a target
 * is an upsert or a delete by primary key of the row as the source has it then, so applying a change twice,
 * or out of order, or a whole run again, converges to the same rows.
 */
import { connectAll, disconnectAll, inTransaction, type Connected } from "./connection.js";
import { ALL_TABLES, CONTENT_TABLES, describeEndpoint, LEARNER_CHILD_TABLES, routeRows, type DatabaseEndpoint, type MigrationPlan, type TableName } from "./plan.js";
import { allRows, learnersAfter, rowsById, rowsOfLearners } from "./read.js";
import {
  forgetChanges,
  freeze,
  installTracking,
  isFrozen,
  pendingChangeCount,
  readChanges,
  removeTracking,
  sourceSchemaProblem,
  trackedTables,
  unfreeze,
  type ChangeRecord,
} from "./source.js";
import {
  deleteChildrenOutside,
  deleteExercisesOutside,
  deleteLearnersOutside,
  completedAt,
  deleteRowsById,
  foreignDataProblem,
  forgetCheckpoints,
  markComplete,
  prepareTarget,
  readCheckpoint,
  tableColumns,
  upsertRows,
  writeCheckpoint,
  type Checkpoint,
  type Row,
} from "./target.js";
import { verifyMigration, type TableVerification } from "./verify.js";

export type MigrationStep = "tracking-installed" | "bulk-copied" | "caught-up" | "frozen" | "final-delta-applied";

export interface MigrationHooks {
  /** After each bulk batch is on every target. */
  afterBulkBatch?(batch: { source: string; learners: number }): Promise<void> | void;
  /** After each step; a hook that throws stops the run there, as an interruption would. */
  afterStep?(step: MigrationStep): Promise<void> | void;
}

export interface MigrationOptions {
  /** Learners per bulk batch, changes per catch-up batch. */
  batchSize: number;
  /** The catch-up stops and the freeze starts once fewer changes than this wait in the sources' change tables. */
  maxLagRows: number;
  hooks?: MigrationHooks;
  log?(line: string): void;
}

export const DEFAULT_MIGRATION_OPTIONS: MigrationOptions = { batchSize: 500, maxLagRows: 100 };
const MAX_CATCH_UP_ROUNDS = 100;

/** Rows written to the targets: inserted or brought up to date, and deleted. */
export interface WriteCounts {
  copied: number;
  deleted: number;
}

export type StageCounts = Record<TableName, WriteCounts>;

export interface MigrationSummary {
  migrationId: string;
  /** Set when an earlier run completed this migration: this run copied nothing and only verified. */
  completedEarlierAt?: string;
  kind: MigrationPlan["kind"];
  sources: string[];
  targets: string[];
  /** Per source: where its bulk pass started ("first learner", "after learner <id>") or "done by an earlier run". */
  bulkStart: Record<string, string>;
  bulk: StageCounts;
  catchUp: StageCounts;
  finalDelta: StageCounts;
  catchUpRounds: number;
  /** Wall time of each stage; `frozen` is how long the app could not write (freeze to verified). */
  durationsMs: { bulk: number; catchUp: number; frozen: number };
  /** Every row inserted or updated on a target by this run, all stages together. */
  rowsCopied: number;
  rowsDeleted: number;
  verification: TableVerification[];
}

export class VerificationError extends Error {
  readonly verification: TableVerification[];
  constructor(verification: TableVerification[]) {
    const failed = verification.filter((entry) => !entry.ok);
    super(
      `Verification failed, so the targets are not ready for the cut-over: ${failed
        .map((entry) => `${entry.table} on "${entry.target}": ${entry.sourceRows} rows expected, ${entry.targetRows} found, ${entry.misplacedRows} on the wrong shard, checksum ${entry.sourceChecksum} vs ${entry.targetChecksum}`)
        .join("; ")}. Run the migration again: it resumes and re-copies what differs.`,
    );
    this.name = "VerificationError";
    this.verification = verification;
  }
}

function emptyCounts(): StageCounts {
  return Object.fromEntries(ALL_TABLES.map((table) => [table, { copied: 0, deleted: 0 }])) as StageCounts;
}

function totals(...stages: StageCounts[]): WriteCounts {
  const all = stages.flatMap((stage) => Object.values(stage));
  return { copied: all.reduce((sum, counts) => sum + counts.copied, 0), deleted: all.reduce((sum, counts) => sum + counts.deleted, 0) };
}

function idsOf(rows: Row[]): string[] {
  return rows.map((row) => row.id as string);
}

class Migration {
  private columns = new Map<TableName, string[]>();

  private readonly plan: MigrationPlan;
  private readonly options: MigrationOptions;
  private readonly sources: Connected[];
  private readonly targets: Connected[];

  constructor(
    plan: MigrationPlan,
    options: MigrationOptions,
    sources: Connected[],
    targets: Connected[],
  ) {
    this.plan = plan;
    this.options = options;
    this.sources = sources;
    this.targets = targets;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private columnsOf(table: TableName): string[] {
    const columns = this.columns.get(table);
    if (!columns) throw new Error(`The columns of ${table} were not read from the targets`);
    return columns;
  }

  private async upsert(target: Connected, table: TableName, rows: Row[], counts: StageCounts): Promise<void> {
    counts[table].copied += await upsertRows(target.client, table, this.columnsOf(table), rows);
  }

  /** One run at a time: two would freeze, drain and clean up under each other. Held until the connection closes. */
  async lock(): Promise<void> {
    const [first] = this.targets;
    if (!first) throw new Error("No target database");
    const result = await first.client.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [this.plan.migrationId]);
    if (!result.rows[0]?.locked) {
      throw new Error(`Another run of migration ${this.plan.migrationId} is in progress (it holds the lock on ${describeEndpoint(first.endpoint)}): wait for it to end.`);
    }
  }

  async check(): Promise<void> {
    const problems = [
      ...(await Promise.all(this.sources.map(sourceSchemaProblem))),
      ...(await Promise.all(this.targets.map((target) => foreignDataProblem(target, this.plan.migrationId)))),
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) throw new Error(problems.join("\n"));
  }

  /** When an earlier run completed this migration on every target; undefined otherwise. */
  async completedEarlierAt(): Promise<Date | undefined> {
    const dates = await Promise.all(this.targets.map((target) => completedAt(target.client, this.plan.migrationId)));
    if (dates.some((date) => date === undefined)) return undefined;
    return (dates as Date[]).sort((a, b) => b.getTime() - a.getTime())[0];
  }

  async prepare(): Promise<void> {
    for (const target of this.targets) await prepareTarget(target, this.plan.migrationId);
    const [first] = this.targets;
    if (!first) throw new Error("No target database");
    for (const table of ALL_TABLES) this.columns.set(table, await tableColumns(first.client, table));
    for (const [index, source] of this.sources.entries()) await installTracking(source, trackedTables(index === 0));
  }

  /** The exercise bank of the first source, on every target, exactly. */
  async syncContent(counts: StageCounts): Promise<void> {
    const [contentSource] = this.sources;
    if (!contentSource) return;
    const exercises = await allRows(contentSource.client, "exercises");
    for (const target of this.targets) {
      await inTransaction(target.client, "BEGIN", async () => {
        await this.upsert(target, "exercises", exercises, counts);
        counts.exercises.deleted += await deleteExercisesOutside(target.client, idsOf(exercises));
      });
    }
  }

  /** Where this source's bulk pass resumes: the least advanced target decides. */
  private async resumePoint(source: DatabaseEndpoint): Promise<Checkpoint> {
    const checkpoints = await Promise.all(this.targets.map((target) => readCheckpoint(target.client, this.plan.migrationId, source.id)));
    if (checkpoints.some((checkpoint) => checkpoint === undefined)) return { lastLearner: null, bulkDone: false };
    const present = checkpoints as Checkpoint[];
    if (present.every((checkpoint) => checkpoint.bulkDone)) return { lastLearner: null, bulkDone: true };
    const positions = present.filter((checkpoint) => !checkpoint.bulkDone).map((checkpoint) => checkpoint.lastLearner);
    if (positions.includes(null)) return { lastLearner: null, bulkDone: false };
    return { lastLearner: (positions as string[]).sort()[0] ?? null, bulkDone: false };
  }

  /**
   * The source's learners in key order, batch by batch, each batch with its attempts and history read in one
   * snapshot, so a child row always arrives with its learner. On each target a batch makes the key range it
   * covers exactly what the source had: rows upserted, rows the source no longer has there deleted.
   */
  async bulkCopy(source: Connected, counts: StageCounts): Promise<string> {
    const start = await this.resumePoint(source.endpoint);
    const startedAt = start.bulkDone ? "done by an earlier run" : start.lastLearner ? `after learner ${start.lastLearner}` : "first learner";
    this.log(`Bulk copy of ${describeEndpoint(source.endpoint)}: ${startedAt}`);
    if (start.bulkDone) return startedAt;
    let after = start.lastLearner;
    for (;;) {
      const batch = await inTransaction(source.client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", async () => {
        const learners = await learnersAfter(source.client, after, this.options.batchSize);
        const learnerIds = idsOf(learners);
        const children = new Map<TableName, Row[]>();
        for (const child of LEARNER_CHILD_TABLES) children.set(child.name, await rowsOfLearners(source.client, child.name, learnerIds));
        return { learners, children };
      });
      const last = batch.learners.length < this.options.batchSize;
      const upTo = last ? null : ((batch.learners.at(-1)?.id as string | undefined) ?? null);
      const learnersByTarget = routeRows(this.plan.targets, batch.learners, "id");
      for (const target of this.targets) {
        const learnersHere = learnersByTarget.get(target.endpoint.id) ?? [];
        const learnerIdsHere = idsOf(learnersHere);
        await inTransaction(target.client, "BEGIN", async () => {
          await this.upsert(target, "learners", learnersHere, counts);
          counts.learners.deleted += await deleteLearnersOutside(
            target.client,
            { after, upTo, firstBucket: source.endpoint.firstBucket, lastBucket: source.endpoint.lastBucket },
            learnerIdsHere,
          );
          for (const child of LEARNER_CHILD_TABLES) {
            const rowsHere = routeRows(this.plan.targets, batch.children.get(child.name) ?? [], child.learnerColumn).get(target.endpoint.id) ?? [];
            await this.upsert(target, child.name, rowsHere, counts);
            counts[child.name].deleted += await deleteChildrenOutside(target.client, child.name, learnerIdsHere, idsOf(rowsHere));
          }
          await writeCheckpoint(target.client, this.plan.migrationId, source.endpoint.id, { lastLearner: upTo ?? after, bulkDone: last });
        });
      }
      await this.options.hooks?.afterBulkBatch?.({ source: source.endpoint.id, learners: batch.learners.length });
      if (last) return startedAt;
      after = upTo;
    }
  }

  /**
   * Applies one batch of a source's recorded changes: each changed row is read as the source has it now
   * (in one snapshot, with the learner of every attempt or history row, so the foreign key holds on the
   * target) and put on the target its learner routes to, and deleted from every other; a row the source no
   * longer has is deleted everywhere. Then the batch is forgotten on the source.
   */
  async applyChanges(source: Connected, changes: ChangeRecord[], counts: StageCounts): Promise<void> {
    const changed = new Map<TableName, Set<string>>();
    for (const change of changes) {
      const ids = changed.get(change.table) ?? new Set<string>();
      ids.add(change.rowId);
      changed.set(change.table, ids);
    }
    const changedIds = (table: TableName) => [...(changed.get(table) ?? [])];
    const current = await inTransaction(source.client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", async () => {
      const rows = new Map<TableName, Row[]>();
      for (const child of LEARNER_CHILD_TABLES) rows.set(child.name, await rowsById(source.client, child.name, changedIds(child.name)));
      const learnerIds = new Set(changedIds("learners"));
      for (const child of LEARNER_CHILD_TABLES) for (const row of rows.get(child.name) ?? []) learnerIds.add(row.learner_id as string);
      rows.set("learners", await rowsById(source.client, "learners", [...learnerIds]));
      for (const table of CONTENT_TABLES) rows.set(table, await rowsById(source.client, table, changedIds(table)));
      return rows;
    });
    for (const target of this.targets) {
      await inTransaction(target.client, "BEGIN", async () => {
        for (const table of ["learners", ...LEARNER_CHILD_TABLES.map((child) => child.name)] as const) {
          const learnerColumn = table === "learners" ? "id" : "learner_id";
          const rowsHere = routeRows(this.plan.targets, current.get(table) ?? [], learnerColumn).get(target.endpoint.id) ?? [];
          await this.upsert(target, table, rowsHere, counts);
          const here = new Set(idsOf(rowsHere));
          counts[table].deleted += await deleteRowsById(target.client, table, changedIds(table).filter((id) => !here.has(id)));
        }
        for (const table of CONTENT_TABLES) {
          const rows = current.get(table) ?? [];
          await this.upsert(target, table, rows, counts);
          const present = new Set(idsOf(rows));
          counts[table].deleted += await deleteRowsById(target.client, table, changedIds(table).filter((id) => !present.has(id)));
        }
      });
    }
    await forgetChanges(source.client, changes);
  }

  async pendingChanges(): Promise<number> {
    const pending = await Promise.all(this.sources.map((source) => pendingChangeCount(source.client)));
    return pending.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Rounds until the sources' change tables hold at most maxLagRows changes; each round applies, per source,
   * as many changes as were waiting when it began, so the lag shrinks round after round whenever applying is
   * faster than the app writes. If it is not, the freeze comes after MAX_CATCH_UP_ROUNDS anyway, with a
   * longer final delta.
   */
  async catchUp(counts: StageCounts): Promise<number> {
    let rounds = 0;
    for (let pending = await this.pendingChanges(); pending > this.options.maxLagRows; pending = await this.pendingChanges()) {
      if (rounds === MAX_CATCH_UP_ROUNDS) {
        this.log(`Still ${pending} changes behind after ${rounds} catch-up rounds: the app writes faster than they are copied; freezing now`);
        break;
      }
      this.log(`Catch-up round ${rounds + 1}: ${pending} changes behind`);
      for (const source of this.sources) {
        let waiting = await pendingChangeCount(source.client);
        while (waiting > 0) {
          const changes = await readChanges(source.client, Math.min(this.options.batchSize, waiting));
          if (changes.length === 0) break;
          await this.applyChanges(source, changes, counts);
          waiting -= changes.length;
        }
      }
      rounds += 1;
    }
    return rounds;
  }

  /** Every change left: with the sources frozen, none comes after. */
  async drain(counts: StageCounts): Promise<void> {
    for (const source of this.sources) {
      for (let changes = await readChanges(source.client, this.options.batchSize); changes.length > 0; changes = await readChanges(source.client, this.options.batchSize)) {
        await this.applyChanges(source, changes, counts);
      }
    }
  }
}

function summary(plan: MigrationPlan, stages: Pick<MigrationSummary, "bulk" | "catchUp" | "finalDelta" | "catchUpRounds" | "bulkStart" | "verification" | "durationsMs">): MigrationSummary {
  const all = totals(stages.bulk, stages.catchUp, stages.finalDelta);
  return {
    migrationId: plan.migrationId,
    kind: plan.kind,
    sources: plan.sources.map(describeEndpoint),
    targets: plan.targets.map(describeEndpoint),
    ...stages,
    rowsCopied: all.copied,
    rowsDeleted: all.deleted,
  };
}

/**
 * Runs the whole migration. On success the sources stay frozen (read-only) and their change tracking is
 * removed; the caller prints the cut-over steps. If anything fails after the freeze, the sources this run
 * froze get their writes back (the app keeps running on them) and the error says what happened; the next run
 * resumes. A migration an earlier run completed is only verified again: after the cut-over the app writes to
 * the targets, and copying the old sources over them would undo those writes.
 */
export async function runMigration(plan: MigrationPlan, options: MigrationOptions = DEFAULT_MIGRATION_OPTIONS): Promise<MigrationSummary> {
  const sources = await connectAll(plan.sources, "source");
  let targets: Connected[] = [];
  try {
    targets = await connectAll(plan.targets, "target");
    const migration = new Migration(plan, options, sources, targets);
    const hooks = options.hooks;
    await migration.lock();
    await migration.check();
    const completed = await migration.completedEarlierAt();
    if (completed) {
      options.log?.(`Migration ${plan.migrationId} completed on ${completed.toISOString()}: nothing to copy, verifying only`);
      const verification = await verifyMigration(sources, targets);
      const none = emptyCounts();
      const bulkStart = Object.fromEntries(plan.sources.map((source) => [source.id, "done by an earlier run"]));
      return { ...summary(plan, { bulk: none, catchUp: none, finalDelta: none, catchUpRounds: 0, bulkStart, verification, durationsMs: { bulk: 0, catchUp: 0, frozen: 0 } }), completedEarlierAt: completed.toISOString() };
    }
    const frozenBefore = (await Promise.all(sources.map(isFrozen))).some(Boolean);
    await migration.prepare();
    await hooks?.afterStep?.("tracking-installed");

    const bulkStartedAt = Date.now();
    const bulk = emptyCounts();
    await migration.syncContent(bulk);
    const bulkStart: Record<string, string> = {};
    for (const source of sources) bulkStart[source.endpoint.id] = await migration.bulkCopy(source, bulk);
    options.log?.(`Bulk copy: ${totals(bulk).copied} rows copied, ${totals(bulk).deleted} deleted`);
    await hooks?.afterStep?.("bulk-copied");

    const catchUp = emptyCounts();
    const catchUpStartedAt = Date.now();
    const catchUpRounds = await migration.catchUp(catchUp);
    const frozenAt = Date.now();
    await hooks?.afterStep?.("caught-up");

    const finalDelta = emptyCounts();
    let verification: TableVerification[];
    try {
      for (const source of sources) await freeze(source, plan.migrationId);
      options.log?.(`Sources frozen (writes rejected) with ${await migration.pendingChanges()} changes left to apply`);
      await hooks?.afterStep?.("frozen");
      await migration.drain(finalDelta);
      await hooks?.afterStep?.("final-delta-applied");
      verification = await verifyMigration(sources, targets);
      options.log?.(`Verified; the sources have been read-only for ${Date.now() - frozenAt} ms`);
      if (verification.some((entry) => !entry.ok)) throw new VerificationError(verification);
    } catch (error) {
      // The next run then makes a whole bulk pass again, which re-copies whatever differs, not only what changed.
      if (error instanceof VerificationError) for (const target of targets) await forgetCheckpoints(target.client, plan.migrationId);
      if (frozenBefore) throw error;
      for (const source of sources) {
        try {
          await unfreeze(source);
        } catch (unfreezeError) {
          throw new Error(
            `${(error as Error).message}\nThen giving ${describeEndpoint(source.endpoint)} its writes back failed too (${(unfreezeError as Error).message}): ` +
              "it still rejects writes; run the command with --unfreeze, or again to finish the migration.",
            { cause: unfreezeError },
          );
        }
      }
      throw error;
    }

    for (const source of sources) await removeTracking(source);
    for (const target of targets) await markComplete(target.client, plan.migrationId);
    const durationsMs = { bulk: catchUpStartedAt - bulkStartedAt, catchUp: frozenAt - catchUpStartedAt, frozen: Date.now() - frozenAt };
    return summary(plan, { bulk, catchUp, finalDelta, catchUpRounds, bulkStart, verification, durationsMs });
  } finally {
    await disconnectAll([...sources, ...targets]);
  }
}
