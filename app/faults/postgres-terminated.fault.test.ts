/**
 * PostgreSQL connections terminated (pg_terminate_backend) while learners sign up and answer exercises: every
 * write the client saw succeed is in the database exactly once, and the app retries within the seed's budget.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_DATABASE_SETTINGS } from "../src/infra/db/index.js";
import { startAppProcess, type AppProcess } from "../testing/app-process.js";
import { createScratchDatabase, POSTGRES_SERVER_URL, queryDirect, type ScratchDatabase } from "../testing/postgres.js";
import { waitFor } from "../testing/wait.js";
import { logLines, postJson } from "./requests.js";

const CLIENTS = 4;
/** A client gives up on a write after this many tries; each retry resends the same Idempotency-Key. */
const CLIENT_TRIES = 10;
const EXERCISES = ["a1-homophones-01", "a1-homophones-02", "conj:aller:ipre:1pl"];

let database: ScratchDatabase;
let app: AppProcess;

beforeAll(async () => {
  database = await createScratchDatabase("fault_postgres");
  app = await startAppProcess({ DATABASE_URL: database.url, MIGRATE_ON_START: "true", LOG_LEVEL: "warn" });
});

afterAll(async () => {
  const exitCode = await app?.stop();
  await database?.drop();
  expect(exitCode, app?.output()).toBe(0);
});

interface Acknowledged {
  learners: { id: string; key: string }[];
  attempts: { id: string; key: string; learnerId: string }[];
  clientRetries: number;
}

/** Sends the write until it succeeds, resending the same key after a 503 or a lost connection as a real client would. */
async function writeUntilAcknowledged(send: () => Promise<Response>, expectedStatus: number, acknowledged: Acknowledged): Promise<Record<string, unknown>> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await send().catch((error: unknown) => error as Error);
    if (response instanceof Response) {
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === expectedStatus) return body;
      if (response.status !== 503) throw new Error(`write refused with ${response.status}: ${JSON.stringify(body)}`);
    }
    if (attempt === CLIENT_TRIES) throw new Error(`write still failing after ${CLIENT_TRIES} tries`);
    acknowledged.clientRetries += 1;
    await sleep(50 * attempt);
  }
}

async function learnerWithAttempts(client: number, isStopped: () => boolean, acknowledged: Acknowledged): Promise<void> {
  while (!isStopped()) {
    const learnerKey = randomUUID();
    const learner = await writeUntilAcknowledged(
      () => postJson(`${app.url}/api/v1/learners`, { displayName: `Élève ${client}`, level: "A1" }, learnerKey),
      201,
      acknowledged,
    );
    const learnerId = learner.id as string;
    acknowledged.learners.push({ id: learnerId, key: learnerKey });
    for (const exercise of EXERCISES) {
      const attemptKey = randomUUID();
      const attempt = await writeUntilAcknowledged(
        () => postJson(`${app.url}/api/v1/exercises/${encodeURIComponent(exercise)}/attempts`, { answer: "allons", learnerId }, attemptKey),
        200,
        acknowledged,
      );
      acknowledged.attempts.push({ id: attempt.attemptId as string, key: attemptKey, learnerId });
    }
  }
}

/** Terminates every backend of the scratch database (the app's pool), and only those, every `intervalMs`. */
function terminateBackendsRepeatedly(databaseName: string, intervalMs: number) {
  let stopped = false;
  let terminated = 0;
  const run = (async () => {
    const admin = new pg.Client(`${POSTGRES_SERVER_URL}/postgres`);
    await admin.connect();
    try {
      while (!stopped) {
        // CASE, not AND: PostgreSQL may evaluate AND's operands in any order, and must never call
        // pg_terminate_backend on a backend of another database of this shared server.
        const result = await admin.query(
          "SELECT count(*) FILTER (WHERE CASE WHEN datname = $1 THEN pg_terminate_backend(pid) ELSE false END)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [databaseName],
        );
        terminated += (result.rows[0] as { n: number }).n;
        await sleep(intervalMs);
      }
    } finally {
      await admin.end();
    }
  })();
  return {
    terminated: () => terminated,
    async stop() {
      stopped = true;
      await run;
    },
  };
}

describe("PostgreSQL backends terminated during writes", () => {
  it("keeps every acknowledged learner and attempt exactly once, with the app's retries within the seed's budget", async () => {
    const acknowledged: Acknowledged = { learners: [], attempts: [], clientRetries: 0 };
    let stopped = false;
    const clients = Array.from({ length: CLIENTS }, (_, client) => learnerWithAttempts(client, () => stopped, acknowledged));
    await waitFor(() => acknowledged.attempts.length >= CLIENTS, "the first writes before the faults");

    const terminator = terminateBackendsRepeatedly(database.name, 100);
    const retriesLogged = () => logLines(app.output(), "Transient PostgreSQL error; retrying").length;
    const faultsStarted = Date.now();
    await waitFor(() => retriesLogged() >= 5 && Date.now() - faultsStarted > 2000, "the app to retry writes cut by terminated connections", 20_000);
    await terminator.stop();
    stopped = true;
    await Promise.all(clients);

    expect(terminator.terminated()).toBeGreaterThan(0);
    const learners = await queryDirect(database.url, "SELECT id, idempotency_key FROM learners");
    const attempts = await queryDirect(database.url, "SELECT id, learner_id, idempotency_key FROM attempts");
    // Exactly the acknowledged rows: none lost, none written twice by a resent request.
    expect(learners.map((row) => `${row.id} ${row.idempotency_key}`).sort()).toEqual(acknowledged.learners.map((learner) => `${learner.id} ${learner.key}`).sort());
    expect(attempts.map((row) => `${row.id} ${row.learner_id} ${row.idempotency_key}`).sort()).toEqual(
      acknowledged.attempts.map((attempt) => `${attempt.id} ${attempt.learnerId} ${attempt.key}`).sort(),
    );
    expect(acknowledged.attempts.length).toBe(acknowledged.learners.length * EXERCISES.length);

    // The app's own retries: each logged retry is one of at most SEED_DATABASE_SETTINGS.retryAttempts (3) per statement.
    const retries = logLines(app.output(), "Transient PostgreSQL error; retrying").map((line) => line.attempt as number);
    expect(retries.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...retries)).toBeLessThanOrEqual(SEED_DATABASE_SETTINGS.retryAttempts);
    for (const line of app.output().matchAll(/failed after (\d+) attempts/g)) expect(Number(line[1])).toBeLessThanOrEqual(SEED_DATABASE_SETTINGS.retryAttempts + 1);
  });
});
