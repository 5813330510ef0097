import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresPool } from "./postgres-pool.js";
import { DatabaseUnavailableError } from "./types.js";

const TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";
const RETRY_LOG_LINE = "Transient PostgreSQL error; retrying";

/** A pool with the seed's 3 retries (short delays) whose retry log lines are counted. */
function countingPool(url: string): { pool: PostgresPool; retriesLogged: () => number } {
  const lines: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
  const pool = new PostgresPool(
    { name: "retry-test", url, poolMin: 0, poolMax: 2, queryTimeoutMs: 30_000, retry: { retries: 3, baseDelayMs: 5 } },
    logger,
  );
  return { pool, retriesLogged: () => lines.filter((line) => line.includes(RETRY_LOG_LINE)).length };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("could not read the probe server's port");
  return address.port;
}

describe("PostgresPool retries against a real PostgreSQL", () => {
  // Sequences are not transactional: nextval survives the failed statement, so it counts the real executions.
  const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
  const counter = `retry_attempts_${suffix}`;
  const table = `retry_unique_${suffix}`;
  let admin: PostgresPool;

  beforeAll(async () => {
    admin = countingPool(TEST_DATABASE_URL).pool;
    await admin.query(`CREATE SEQUENCE ${counter}`);
    await admin.query(`CREATE TABLE ${table} (id integer PRIMARY KEY)`);
    await admin.query(`INSERT INTO ${table} VALUES (1)`);
  });

  afterAll(async () => {
    await admin.query(`DROP SEQUENCE IF EXISTS ${counter}`);
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
  });

  async function executions(): Promise<number> {
    const result = await admin.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${counter}`);
    const row = result.rows[0];
    return row?.is_called ? Number(row.last_value) : 0;
  }

  it("retries a serialization failure (40001) raised by the server exactly 3 times, then reports it", async () => {
    await admin.query(`ALTER SEQUENCE ${counter} RESTART`);
    const { pool, retriesLogged } = countingPool(TEST_DATABASE_URL);
    try {
      const failure = pool.query(`DO $$ BEGIN PERFORM nextval('${counter}'); RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$`);
      await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(failure).rejects.toMatchObject({ attempts: 4, code: "40001" });
      expect(await executions()).toBe(4);
      expect(retriesLogged()).toBe(3);
    } finally {
      await pool.end();
    }
  });

  it("retries a whole transaction that hits a deadlock (40P01)", async () => {
    await admin.query(`ALTER SEQUENCE ${counter} RESTART`);
    const { pool, retriesLogged } = countingPool(TEST_DATABASE_URL);
    try {
      let runs = 0;
      const result = await pool.transaction(async (client) => {
        runs += 1;
        await client.query(`SELECT nextval('${counter}')`);
        if (runs < 3) await client.query("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$");
        return runs;
      });
      expect(result).toBe(3);
      expect(await executions()).toBe(3);
      expect(retriesLogged()).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it("does not retry a unique violation (23505) and passes it on untouched", async () => {
    await admin.query(`ALTER SEQUENCE ${counter} RESTART`);
    const { pool, retriesLogged } = countingPool(TEST_DATABASE_URL);
    try {
      const failure = pool.query(`DO $$ BEGIN PERFORM nextval('${counter}'); INSERT INTO ${table} VALUES (1); END $$`);
      await expect(failure).rejects.toMatchObject({ code: "23505" });
      await expect(failure).rejects.not.toBeInstanceOf(DatabaseUnavailableError);
      expect(await executions()).toBe(1);
      expect(retriesLogged()).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it("retries a refused connection 3 times, then fails with an error naming the address and what to check", async () => {
    const port = await closedPort();
    const { pool, retriesLogged } = countingPool(`postgresql://postgres@127.0.0.1:${port}/test`);
    try {
      const failure = pool.query("SELECT 1");
      await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(failure).rejects.toMatchObject({ attempts: 4, code: "ECONNREFUSED" });
      await expect(failure).rejects.toThrow(`on retry-test (127.0.0.1:${port}/test) failed after 4 attempts`);
      await expect(failure).rejects.toThrow(/Check that PostgreSQL is running and reachable/);
      expect(retriesLogged()).toBe(3);
    } finally {
      await pool.end();
    }
  });
});
