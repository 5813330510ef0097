import { setTimeout as sleep } from "node:timers/promises";
import { isTransientDatabaseError, retryDelayMs } from "./transient-errors.js";

export interface RetryPolicy {
  /** Retries after the first try. */
  retries: number;
  baseDelayMs: number;
}

/** A transient failure that outlasted every retry: the database is unreachable or overloaded, not the request wrong. */
export class DatabaseUnavailableError extends Error {
  readonly attempts: number;
  /** SQLSTATE or socket code of the last failure, when it had one. */
  readonly code: string | undefined;

  constructor(operation: string, attempts: number, cause: unknown) {
    const causeMessage = cause instanceof Error ? cause.message || cause.constructor.name : String(cause);
    super(
      `${operation} failed after ${attempts} attempts (last error: ${causeMessage}). ` +
        "Check that PostgreSQL is running and reachable at that address, then retry.",
      { cause },
    );
    this.name = "DatabaseUnavailableError";
    this.attempts = attempts;
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === "string" ? code : undefined;
  }
}

/**
 * Runs `operation`, trying again with exponential backoff while it fails with a transient error.
 * Non-transient errors are rethrown untouched on the first failure so callers can still read their SQLSTATE.
 */
export async function withRetry<T>(
  operationName: string,
  policy: RetryPolicy,
  operation: (attempt: number) => Promise<T>,
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      if (attempt > policy.retries) throw new DatabaseUnavailableError(operationName, attempt, error);
      const delayMs = retryDelayMs(attempt, policy.baseDelayMs);
      onRetry?.(attempt, error, delayMs);
      await sleep(delayMs);
    }
  }
}
