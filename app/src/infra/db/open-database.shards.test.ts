import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShardSetting } from "../../config/index.js";
import { SEED_DATABASE_SETTINGS, openDatabase, type Database } from "./index.js";
import { EXERCISE_BANK } from "../../features/exercises/exercise-bank.js";
import { learnerBucket, shardForLearner } from "./shard-routing.js";
import { createDatabase, databaseUrl, dropDatabase, queryDirect, scratchDatabaseName } from "../../../testing/postgres.js";

describe("sharded database: three real databases on the local server", () => {
  const names = {
    a: scratchDatabaseName("shard_a"),
    b: scratchDatabaseName("shard_b"),
    c: scratchDatabaseName("shard_c"),
    aReplica: scratchDatabaseName("shard_a_reader"),
  };
  const urlOf = databaseUrl;
  // Shard a reads from its own "replica": a separate database with no replication, so what a read returns shows where it went.
  const shards: ShardSetting[] = [
    { id: "shard-a", writerUrl: urlOf(names.a), readerUrl: urlOf(names.aReplica), firstBucket: 0, lastBucket: 33 },
    { id: "shard-b", writerUrl: urlOf(names.b), firstBucket: 34, lastBucket: 66 },
    { id: "shard-c", writerUrl: urlOf(names.c), firstBucket: 67, lastBucket: 99 },
  ];
  let database: Database;

  beforeAll(async () => {
    for (const name of Object.values(names)) await createDatabase(name);
    const replica = await openDatabase({ ...SEED_DATABASE_SETTINGS, poolMin: 0, url: urlOf(names.aReplica), migrateOnStart: true });
    await replica.close();
    database = await openDatabase({ ...SEED_DATABASE_SETTINGS, poolMin: 0, poolMax: 4, shards, migrateOnStart: true });
  });

  afterAll(async () => {
    await database?.close();
    for (const name of Object.values(names)) await dropDatabase(name);
  });

  it("runs the migrations, exercise bank included, on every shard", async () => {
    for (const name of [names.a, names.b, names.c]) {
      const rows = await queryDirect(urlOf(name), "SELECT count(*)::int AS exercises FROM exercises");
      expect(rows[0]?.exercises, name).toBe(EXERCISE_BANK.length);
    }
  });

  it("stores each learner, and their attempts, only on the shard the map gives for their bucket", async () => {
    // Random ids, drawn until every shard has at least five learners, so the test never depends on luck.
    const ids: string[] = [];
    const drawn = new Map<string, number>();
    while (shards.some((shard) => (drawn.get(shard.id) ?? 0) < 5)) {
      const id = randomUUID();
      const home = shardForLearner(shards, id).id;
      drawn.set(home, (drawn.get(home) ?? 0) + 1);
      ids.push(id);
    }
    const learners = await Promise.all(ids.map((id, index) => database.learners.create({ id, displayName: `Élève ${index}`, cefrLevel: "A1" })));
    await Promise.all(
      learners.map((learner) =>
        database.attempts.record({
          learnerId: learner.id,
          exerciseId: "conj:aller:ipre:1sg",
          exerciseType: "conjugation",
          cefrLevel: "A1",
          answer: "vais",
          correct: true,
        }),
      ),
    );

    const stored: Record<string, Set<string>> = {};
    const attempted: Record<string, Set<string>> = {};
    for (const shard of shards) {
      stored[shard.id] = new Set((await queryDirect(shard.writerUrl, "SELECT id FROM learners")).map((row) => row.id as string));
      attempted[shard.id] = new Set((await queryDirect(shard.writerUrl, "SELECT learner_id FROM attempts")).map((row) => row.learner_id as string));
    }
    const perShard = new Map<string, number>();
    for (const learner of learners) {
      const home = shardForLearner(shards, learner.id).id;
      perShard.set(home, (perShard.get(home) ?? 0) + 1);
      for (const shard of shards) {
        const expected = shard.id === home;
        expect(stored[shard.id]?.has(learner.id), `learner ${learner.id} (bucket ${learnerBucket(learner.id)}) on ${shard.id}`).toBe(expected);
        expect(attempted[shard.id]?.has(learner.id), `attempts of ${learner.id} on ${shard.id}`).toBe(expected);
      }
    }
    expect([...perShard.keys()].sort()).toEqual(["shard-a", "shard-b", "shard-c"]);
    expect(Object.values(stored).reduce((sum, onShard) => sum + onShard.size, 0)).toBe(learners.length);
  });

  it("reads a learner from the shard's reader when it has one, from the writer otherwise", async () => {
    let onShardA = await database.learners.create({ displayName: "Zoé", cefrLevel: "C1" });
    while (shardForLearner(shards, onShardA.id).id !== "shard-a") {
      onShardA = await database.learners.create({ displayName: "Zoé", cefrLevel: "C1" });
    }
    // Written to shard a's writer; its reader is not replicated, so the read comes back empty...
    expect(await database.learners.get(onShardA.id)).toBeUndefined();
    // ...until the row reaches the reader.
    await queryDirect(
      urlOf(names.aReplica),
      "INSERT INTO learners (id, display_name, cefr_level, correction_history_opt_in, created_at) VALUES ($1, $2, $3, $4, $5)",
      [onShardA.id, onShardA.displayName, onShardA.cefrLevel, onShardA.correctionHistoryOptIn, onShardA.createdAt],
    );
    expect(await database.learners.get(onShardA.id)).toEqual(onShardA);

    let elsewhere = await database.learners.create({ displayName: "Léo", cefrLevel: "B1" });
    while (shardForLearner(shards, elsewhere.id).id === "shard-a") {
      elsewhere = await database.learners.create({ displayName: "Léo", cefrLevel: "B1" });
    }
    expect(await database.learners.get(elsewhere.id)).toEqual(elsewhere);
  });

  it("describes every shard, its reader and its pools, without credentials", async () => {
    await database.ping();
    const description = database.describe();
    expect(description.mode).toBe("sharded");
    expect(description.shards.map((shard) => [shard.id, shard.firstBucket, shard.lastBucket, shard.reader])).toEqual([
      ["shard-a", 0, 33, `127.0.0.1:5432/${names.aReplica}`],
      ["shard-b", 34, 66, null],
      ["shard-c", 67, 99, null],
    ]);
    expect(description.shards[0]?.readerPool).not.toBeNull();
    expect(description.shards[1]?.writerPool.total).toBeGreaterThanOrEqual(0);
  });

  it("refuses a shard map with a gap before connecting anywhere", async () => {
    const broken = [shards[0]!, { ...shards[2]!, firstBucket: 70 }];
    await expect(openDatabase({ ...SEED_DATABASE_SETTINGS, shards: broken })).rejects.toThrow(/buckets 34-69 belong to no shard/);
  });

  it("spreads exercise-bank reads over the shards, each holding the whole bank", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => database.exercises.get("a1-dictation-01")));
    for (const exercise of answers) expect(exercise?.answer).toBe("Bonjour, je m'appelle Paul et j'habite à Paris.");
  });
});

describe("learner ids as buckets", () => {
  it("route the same id to the same shard in every process (fixed hash)", () => {
    const id = randomUUID();
    expect(learnerBucket(id)).toBe(learnerBucket(id));
  });
});
