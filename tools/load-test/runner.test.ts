import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, queryDirect, type ScratchDatabase } from "../../app/testing/postgres.js";
import { startAppUnderTest, type AppUnderTest } from "./app-under-test.js";
import { summarize } from "./report.js";
import { prepareFixtures, runLoad } from "./runner.js";

let database: ScratchDatabase;
let app: AppUnderTest;

beforeAll(async () => {
  database = await createScratchDatabase("load_test");
  app = await startAppUnderTest({ DATABASE_URL: database.url, GRAMMAR_WORKERS: "1" });
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("a short load test against the real app", () => {
  it("sends the whole mix at a low rate and gets an answer to every request", async () => {
    expect(app.description).toContain("1 Grammalecte workers, PostgreSQL at 127.0.0.1:5432, the in-process cache only");
    const fixtures = await prepareFixtures(app.url, 3);
    expect(fixtures.learnerIds).toHaveLength(3);
    expect(fixtures.exerciseIds.length).toBeGreaterThan(6);

    const progress: number[] = [];
    const record = await runLoad({ url: app.url, requestsPerSecond: 8, durationSeconds: 4, connections: 2, onProgress: (tick) => progress.push(tick.responses) }, fixtures);
    const report = summarize(record);

    expect(report.requests).toBeGreaterThan(10);
    expect(report.errors).toEqual({ total: 0, unanswered: 0, byStatus: {} });
    for (const kind of ["languagetool-typing", "native-correction", "exercise-read", "learner-attempt"] as const) {
      expect(report.byKind[kind].requests, kind).toBeGreaterThan(0);
    }
    expect(progress.length).toBeGreaterThan(0);
    // The attempts were recorded for the run's learners: every answered one, plus at most one per connection
    // still in flight when the time was up (autocannon stops without waiting for those answers).
    const rows = await queryDirect(database.url, "SELECT count(*)::int AS n FROM attempts WHERE learner_id = ANY($1::uuid[])", [fixtures.learnerIds]);
    const answered = report.byKind["learner-attempt"].requests;
    expect(rows[0]?.n).toBeGreaterThanOrEqual(answered);
    expect(rows[0]?.n).toBeLessThanOrEqual(answered + record.connections);
  });
});
