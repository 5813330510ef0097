import pg from "pg";
import { describe, expect, it } from "vitest";
import { SEED_DATABASE_SETTINGS, openDatabase } from "./index.js";
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from "./embedded-postgres.js";
import { EXERCISE_BANK } from "../../features/exercises/exercise-bank.js";

describe("embedded database (PGlite behind its socket server)", () => {
  it("opens with neither url nor shards, migrates, stores a learner and closes", async () => {
    const database = await openDatabase({ ...SEED_DATABASE_SETTINGS });
    try {
      const description = database.describe();
      expect(description.mode).toBe("embedded");
      expect(description.poolMax).toBe(EMBEDDED_POOL_SIZE);
      expect(description.shards[0]?.writer).toMatch(/^127\.0\.0\.1:\d+\/postgres$/);

      expect(await database.exercises.list({ limit: 500 })).toHaveLength(EXERCISE_BANK.length);
      const learner = await database.learners.create({ displayName: "Chloé", cefrLevel: "A2", correctionHistoryOptIn: true });
      expect(await database.learners.get(learner.id)).toEqual(learner);
      await database.attempts.record({
        learnerId: learner.id,
        exerciseId: "conj:finir:ipre:3pl",
        exerciseType: "conjugation",
        cefrLevel: "A2",
        answer: "finissent",
        correct: true,
      });
      expect(await database.corrections.recordIfOptedIn({ learnerId: learner.id, text: "Ils finisse.", matchCount: 1 })).toBeDefined();
      expect((await database.progress(learner.id)).byType.conjugation).toEqual({ attempts: 1, correct: 1 });
      await database.migrate();
      await database.ping();
    } finally {
      await database.close();
    }
  });

  it("queues concurrent work on its single connection instead of failing", async () => {
    const database = await openDatabase({ ...SEED_DATABASE_SETTINGS });
    try {
      const learners = await Promise.all(
        Array.from({ length: 20 }, (_, index) => database.learners.create({ displayName: `Élève ${index}`, cefrLevel: "B1" })),
      );
      const readBack = await Promise.all(learners.map((learner) => database.learners.get(learner.id)));
      expect(readBack).toEqual(learners);
    } finally {
      await database.close();
    }
  });

  it("accepts one connection only, which is why the embedded pool holds exactly one", async () => {
    const embedded = await startEmbeddedPostgres();
    const first = new pg.Client(embedded.url);
    const second = new pg.Client(embedded.url);
    try {
      await first.connect();
      expect((await first.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      second.on("error", () => undefined);
      await expect(second.connect().then(() => second.query("SELECT 1"))).rejects.toThrow(/Connection terminated/);
    } finally {
      await first.end();
      await second.end().catch(() => undefined);
      await embedded.stop();
    }
  });
});
