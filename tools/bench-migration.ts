/**
 * `npm run bench:migration [-- --learners 20000]`: migrate:sharding's engine on scratch databases of the local
 * PostgreSQL (one source, three shards), the app writing through its repositories until the freeze. Prints
 * each stage's time and how long the app could not write; figures, not assertions.
 */
import { parseArgs } from "node:util";
import { runMigration } from "./phase-migration/engine.js";
import { AppWriter, dropShards, learnerIds, openApp, scratchShards, seedLearners, type ScratchShard } from "./phase-migration/fixtures.js";
import { buildPlan } from "./phase-migration/plan.js";

const USAGE = "Usage: npm run bench:migration [-- --learners <n ≥ 100>]  (PostgreSQL on 127.0.0.1:5432, user postgres)";

function learnersWanted(): number {
  const { values } = parseArgs({ options: { learners: { type: "string", default: "20000" } }, strict: true });
  const learners = Number(values.learners);
  if (!Number.isInteger(learners) || learners < 100) {
    console.error(`--learners must be a whole number ≥ 100, got "${values.learners}".\n${USAGE}`);
    process.exit(2);
  }
  return learners;
}

async function main(): Promise<void> {
  const learners = learnersWanted();
  const shards: ScratchShard[] = [];
  try {
    const sources = await scratchShards("bench_src", [["main", 0, 99]]);
    shards.push(...sources);
    const targets = await scratchShards("bench_dst", [["shard-1", 0, 33], ["shard-2", 34, 66], ["shard-3", 67, 99]]);
    shards.push(...targets);
    const app = await openApp(sources);
    await seedLearners(sources, learners);
    const writer = new AppWriter(app);
    writer.start(await learnerIds(sources));
    const started = Date.now();
    const summary = await runMigration(buildPlan("sharding", sources, targets), { batchSize: 500, maxLagRows: 100 });
    const elapsed = Date.now() - started;
    await writer.stop();
    await app.close();
    const rows = summary.verification.filter((entry) => entry.table !== "exercises").reduce((sum, entry) => sum + entry.targetRows, 0);
    console.log(`migrate:sharding, ${learners} learners seeded (${rows} learner, attempt and history rows at the end), the app writing until the freeze:`);
    console.log(`  total ${elapsed} ms: bulk ${summary.durationsMs.bulk} ms, catch-up ${summary.durationsMs.catchUp} ms (${summary.catchUpRounds} rounds), read-only ${summary.durationsMs.frozen} ms`);
    console.log(`  ${summary.rowsCopied} rows copied, ${summary.rowsDeleted} deleted; ${writer.operations} rounds of app writes during the copy`);
    console.log(`  verification: ${summary.verification.every((entry) => entry.ok) ? "every table equal on every shard" : "MISMATCH"}`);
  } finally {
    await dropShards(shards);
  }
}

await main();
