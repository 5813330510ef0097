import { loadStackConfig } from "../../stacks/config/load.js";
import { parseMigrationArgs, USAGE, type ActionArgs, type MigrationArgs } from "./args.js";
import { connectAll, disconnectAll } from "./connection.js";
import { cutoverSteps } from "./cutover.js";
import { runMigration, type MigrationHooks, type MigrationSummary, type StageCounts } from "./engine.js";
import { buildPlan, describeEndpoint, type MigrationPlan } from "./plan.js";
import { removeFromSource, unfreeze } from "./source.js";
import { removeFromTarget, reopen } from "./target.js";
import type { CommandIo } from "../cli/usage.js";

function stageLine(name: string, counts: StageCounts): string {
  const parts = Object.entries(counts)
    .filter(([, written]) => written.copied > 0 || written.deleted > 0)
    .map(([table, written]) => `${table} ${written.copied} copied${written.deleted > 0 ? `, ${written.deleted} deleted` : ""}`);
  return `  ${name}: ${parts.length > 0 ? parts.join("; ") : "nothing to copy"}`;
}

export function renderSummary(summary: MigrationSummary): string[] {
  return [
    `Migration ${summary.migrationId}: ${summary.sources.join(", ")} → ${summary.targets.join(", ")}`,
    ...(summary.completedEarlierAt ? [`  Completed by an earlier run on ${summary.completedEarlierAt}: nothing copied, verified again.`] : []),
    ...Object.entries(summary.bulkStart).map(([source, start]) => `  bulk pass of "${source}" started at: ${start}`),
    stageLine("bulk copy", summary.bulk),
    stageLine(`catch-up (${summary.catchUpRounds} rounds)`, summary.catchUp),
    stageLine("final delta (sources frozen)", summary.finalDelta),
    `  ${summary.rowsCopied} rows copied, ${summary.rowsDeleted} deleted.`,
    ...(summary.completedEarlierAt ? [] : [`  Took ${summary.durationsMs.bulk} ms of bulk copy, ${summary.durationsMs.catchUp} ms of catch-up, then ${summary.durationsMs.frozen} ms with the sources read-only (final delta and verification).`]),
    "  Verification (rows and checksum, sources' buckets vs target):",
    ...summary.verification.map(
      (entry) =>
        `    ${entry.ok ? "ok  " : "FAIL"} ${entry.target} ${entry.table}: ${entry.sourceRows} rows / ${entry.targetRows} rows, checksum ${entry.sourceChecksum} / ${entry.targetChecksum}` +
        (entry.misplacedRows > 0 ? `, ${entry.misplacedRows} on the wrong shard` : ""),
    ),
  ];
}

async function unfreezeSources(plan: MigrationPlan, io: CommandIo): Promise<void> {
  const sources = await connectAll(plan.sources, "source");
  try {
    for (const source of sources) await unfreeze(source);
  } finally {
    await disconnectAll(sources);
  }
  io.stdout(`The sources take writes again: ${plan.sources.map(describeEndpoint).join(", ")}. The app stays on them and the targets are stale.`);
  // Best effort: a rollback is often done because a target is gone.
  try {
    const targets = await connectAll(plan.targets, "target");
    try {
      for (const target of targets) await reopen(target.client, plan.migrationId);
    } finally {
      await disconnectAll(targets);
    }
    io.stdout("The next run of the migration copies what changed since.");
  } catch (error) {
    io.stdout(`${(error as Error).message} So the targets still say this migration completed: empty them before migrating again.`);
  }
}

async function cleanUp(plan: MigrationPlan, io: CommandIo): Promise<void> {
  const sources = await connectAll(plan.sources, "source");
  try {
    for (const source of sources) await removeFromSource(source);
  } finally {
    await disconnectAll(sources);
  }
  const targets = await connectAll(plan.targets, "target");
  try {
    for (const target of targets) await removeFromTarget(target);
  } finally {
    await disconnectAll(targets);
  }
  io.stdout(`Removed the migration's triggers, change table and freeze from ${plan.sources.map(describeEndpoint).join(", ")}, and its bookkeeping from the targets.`);
}

async function migrate(args: ActionArgs, plan: MigrationPlan, io: CommandIo, hooks?: MigrationHooks): Promise<number> {
  const stack = loadStackConfig(args.stack);
  const summary = await runMigration(plan, {
    batchSize: args.batchSize,
    maxLagRows: args.maxLagRows,
    ...(hooks ? { hooks } : {}),
    log: (line) => {
      if (!args.json) io.stdout(line);
    },
  });
  const verified = summary.verification.every((entry) => entry.ok);
  // Only a run that fails verification after copying throws; one that only verified an earlier run's work reports here.
  const steps = verified ? cutoverSteps(plan.kind, plan.migrationId, plan.targets, stack) : [];
  if (args.json) io.stdout(JSON.stringify({ ...summary, cutoverSteps: steps }, null, 2));
  else io.stdout([...renderSummary(summary), "", ...steps].join("\n"));
  if (verified) return 0;
  io.stderr(
    `The targets no longer match the sources of migration ${plan.migrationId} (completed ${summary.completedEarlierAt}): expected once the app runs on the targets, ` +
      "since it writes there; before the cut-over it means something wrote to them behind the migration: empty them and migrate again.",
  );
  return 1;
}

/** `tools/phase-migration.ts <kind> …`: returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runPhaseMigrationCommand(argv: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env, hooks?: MigrationHooks): Promise<number> {
  let args: MigrationArgs;
  let plan: MigrationPlan;
  try {
    args = parseMigrationArgs(argv, env);
    if (args.command === "help") {
      io.stdout(USAGE);
      return 0;
    }
    plan = buildPlan(args.kind, args.sources, args.targets);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    if (args.command === "migrate") return await migrate(args, plan, io, hooks);
    if (args.command === "unfreeze") await unfreezeSources(plan, io);
    else await cleanUp(plan, io);
    return 0;
  } catch (error) {
    io.stderr((error as Error).message);
    return 1;
  }
}
