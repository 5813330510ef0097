import { describe, expect, it } from "vitest";
import { withRetry } from "./retry.js";
import { DatabaseUnavailableError } from "./types.js";

function errorWithCode(code: string, message = `failure ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe("withRetry", () => {
  const quickPolicy = { retries: 3, baseDelayMs: 1 };

  it("gives up after the first try plus `retries` retries with a DatabaseUnavailableError naming the operation", async () => {
    const seenAttempts: number[] = [];
    const retried: number[] = [];
    const failure = withRetry(
      "query on test",
      quickPolicy,
      async (attempt) => {
        seenAttempts.push(attempt);
        throw errorWithCode("40P01", "deadlock detected");
      },
      (attempt) => retried.push(attempt),
    );
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(failure).rejects.toMatchObject({ attempts: 4, code: "40P01" });
    await expect(failure).rejects.toThrow(/query on test failed after 4 attempts \(last error: deadlock detected\)/);
    expect(seenAttempts).toEqual([1, 2, 3, 4]);
    expect(retried).toEqual([1, 2, 3]);
  });

  it("returns as soon as a retry succeeds", async () => {
    let calls = 0;
    const value = await withRetry("query on test", quickPolicy, async () => {
      calls += 1;
      if (calls < 3) throw errorWithCode("ECONNRESET");
      return "ok";
    });
    expect(value).toBe("ok");
    expect(calls).toBe(3);
  });

  it("gives up at once with a DatabaseUnavailableError when the database does not exist, which no retry cures", async () => {
    let calls = 0;
    const failure = withRetry("query on test", quickPolicy, async () => {
      calls += 1;
      throw errorWithCode("3D000", 'database "ff_missing" does not exist');
    });
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(failure).rejects.toMatchObject({ attempts: 1, code: "3D000" });
    await expect(failure).rejects.toThrow(/query on test failed after 1 attempt \(last error: database "ff_missing" does not exist\)/);
    expect(calls).toBe(1);
  });

  it("rethrows a non-transient error untouched on the first failure", async () => {
    const uniqueViolation = errorWithCode("23505", "duplicate key value violates unique constraint");
    let calls = 0;
    const failure = withRetry("insert on test", quickPolicy, async () => {
      calls += 1;
      throw uniqueViolation;
    });
    await expect(failure).rejects.toBe(uniqueViolation);
    expect(calls).toBe(1);
  });
});
