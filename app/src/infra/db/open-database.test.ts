import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, queryDirect, type ScratchDatabase } from "../../../testing/postgres.js";
import { EXERCISE_BANK } from "../../features/exercises/exercise-bank.js";
import { SEED_DATABASE_SETTINGS, UnknownLearnerError, openDatabase, type Database } from "./index.js";
import { PostgresPool } from "./postgres-pool.js";

describe("openDatabase on one real PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase("single");
    database = await openDatabase({ ...SEED_DATABASE_SETTINGS, url: scratch.url, migrateOnStart: true });
  });

  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it("migrates at start-up and again without applying anything twice", async () => {
    await database.migrate();
    const migrations = await queryDirect(scratch.url, "SELECT name FROM pgmigrations ORDER BY id");
    expect(migrations.map((row) => row.name)).toEqual(["1767225600000_create-learning-tables", "1767225600001_seed-exercise-bank", "1795972790998_idempotency-keys"]);
    const tables = await queryDirect(scratch.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.map((row) => row.tablename)).toEqual(["attempts", "correction_history", "exercises", "learners", "pgmigrations"]);
  });

  it("applies the seed's 30 s statement timeout and pool bounds", async () => {
    const description = database.describe();
    expect(description).toMatchObject({ mode: "single", poolMax: 20, queryTimeoutMs: 30_000, retryAttempts: 3 });
    expect(description.shards).toHaveLength(1);
    expect(description.shards[0]?.writer).toBe(`127.0.0.1:5432${new URL(scratch.url).pathname}`);
    const pool = new PostgresPool(
      { name: "timeout-check", url: scratch.url, ...SEED_DATABASE_SETTINGS, retry: { retries: 0, baseDelayMs: 1 } },
      pino({ enabled: false }),
    );
    try {
      expect((await pool.query("SHOW statement_timeout")).rows[0]?.statement_timeout).toBe("30s");
    } finally {
      await pool.end();
    }
  });

  it("serves the seeded exercise bank with its choices as arrays", async () => {
    const all = await database.exercises.list({ limit: 500 });
    expect(all).toHaveLength(EXERCISE_BANK.length);
    const homophone = await database.exercises.get("b1-homophones-01");
    expect(homophone).toEqual(EXERCISE_BANK.find((exercise) => exercise.id === "b1-homophones-01"));
    expect(homophone?.choices).toEqual(["ses", "ces", "c'est", "s'est"]);
    const dictations = await database.exercises.list({ cefrLevel: "C2", type: "dictation" });
    expect(dictations.map((exercise) => exercise.id)).toEqual(["c2-dictation-01"]);
    expect(dictations[0]?.choices).toBeNull();
    expect(await database.exercises.get("conj:aller:ipre:1sg")).toBeUndefined();
  });

  it("creates, reads, updates and deletes learners", async () => {
    const created = await database.learners.create({ displayName: "Amélie", cefrLevel: "B1" });
    expect(created).toMatchObject({ displayName: "Amélie", cefrLevel: "B1", correctionHistoryOptIn: false });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await database.learners.get(created.id)).toEqual(created);
    expect(await database.learners.get(created.id.toUpperCase())).toEqual(created);

    const updated = await database.learners.update(created.id, { cefrLevel: "B2" });
    expect(updated).toEqual({ ...created, cefrLevel: "B2" });

    expect(await database.learners.delete(created.id)).toBe(true);
    expect(await database.learners.get(created.id)).toBeUndefined();
    expect(await database.learners.delete(created.id)).toBe(false);
    expect(await database.learners.get("not-a-uuid")).toBeUndefined();
    expect(await database.learners.update(randomUUID(), { cefrLevel: "A1" })).toBeUndefined();
  });

  it("makes create idempotent on a chosen id and refuses ids that are not uuids", async () => {
    const id = randomUUID();
    const first = await database.learners.create({ id, displayName: "Noé", cefrLevel: "A2" });
    const again = await database.learners.create({ id, displayName: "Noé", cefrLevel: "A2" });
    expect(again).toEqual(first);
    await expect(database.learners.create({ id: "léa", displayName: "Léa", cefrLevel: "A1" })).rejects.toThrow(/must be a uuid/);
  });

  it("rejects a learner that breaks a check constraint with its SQLSTATE", async () => {
    await expect(database.learners.create({ displayName: "", cefrLevel: "A1" })).rejects.toMatchObject({ code: "23514" });
  });

  it("records attempts on stored and generated exercises and sums them into progress", async () => {
    const learner = await database.learners.create({ displayName: "Karim", cefrLevel: "A2" });
    await database.attempts.record({
      learnerId: learner.id,
      exerciseId: "a2-homophones-01",
      exerciseType: "homophones",
      cefrLevel: "A2",
      answer: "Où",
      correct: true,
    });
    await database.attempts.record({
      learnerId: learner.id,
      exerciseId: "conj:aller:ipre:1sg",
      exerciseType: "conjugation",
      cefrLevel: "A1",
      answer: "vais",
      correct: true,
    });
    const wrong = await database.attempts.record({
      learnerId: learner.id,
      exerciseId: "conj:être:ipre:2pl",
      exerciseType: "conjugation",
      cefrLevel: "A1",
      answer: "êtes",
      correct: false,
    });
    expect(wrong).toMatchObject({ learnerId: learner.id, exerciseId: "conj:être:ipre:2pl", correct: false });

    const history = await database.attempts.listForLearner(learner.id);
    expect(history).toHaveLength(3);
    expect(new Set(history.map((attempt) => attempt.exerciseId))).toEqual(new Set(["a2-homophones-01", "conj:aller:ipre:1sg", "conj:être:ipre:2pl"]));

    const progress = await database.progress(learner.id);
    expect(progress).toMatchObject({ learnerId: learner.id, attempts: 3, correct: 2 });
    expect(progress.accuracy).toBeCloseTo(2 / 3);
    expect(progress.byType.conjugation).toEqual({ attempts: 2, correct: 1 });
    expect(progress.byType.homophones).toEqual({ attempts: 1, correct: 1 });
    expect(progress.byLevel.A1).toEqual({ attempts: 2, correct: 1 });
    expect(progress.lastAttemptAt).toBeInstanceOf(Date);
  });

  it("refuses attempts of unknown learners with UnknownLearnerError", async () => {
    const attempt = { exerciseId: "a1-fill-01", exerciseType: "fill-in-the-blank" as const, cefrLevel: "A1" as const, answer: "suis", correct: true };
    await expect(database.attempts.record({ ...attempt, learnerId: randomUUID() })).rejects.toBeInstanceOf(UnknownLearnerError);
    await expect(database.attempts.record({ ...attempt, learnerId: "nobody" })).rejects.toBeInstanceOf(UnknownLearnerError);
  });

  it("keeps correction texts only for learners who opted in, and erases them when they opt out", async () => {
    const discreet = await database.learners.create({ displayName: "Inès", cefrLevel: "C1" });
    expect(await database.corrections.recordIfOptedIn({ learnerId: discreet.id, text: "Je suis allé.", matchCount: 0 })).toBeUndefined();
    expect(await queryDirect(scratch.url, "SELECT * FROM correction_history WHERE learner_id = $1", [discreet.id])).toHaveLength(0);

    const sharing = await database.learners.create({ displayName: "Hugo", cefrLevel: "B2", correctionHistoryOptIn: true });
    const stored = await database.corrections.recordIfOptedIn({ learnerId: sharing.id, text: "Il a manger.", matchCount: 1 });
    expect(stored).toMatchObject({ learnerId: sharing.id, text: "Il a manger.", matchCount: 1 });
    expect(await database.corrections.listForLearner(sharing.id)).toEqual([stored]);

    await database.learners.update(sharing.id, { correctionHistoryOptIn: false });
    expect(await database.corrections.listForLearner(sharing.id)).toEqual([]);
    expect(await database.corrections.recordIfOptedIn({ learnerId: sharing.id, text: "Encore.", matchCount: 0 })).toBeUndefined();
    expect(await database.corrections.recordIfOptedIn({ learnerId: randomUUID(), text: "Personne.", matchCount: 0 })).toBeUndefined();
  });

  it("answers ping", async () => {
    await expect(database.ping()).resolves.toBeUndefined();
  });
});
