import { setTimeout as sleep } from "node:timers/promises";
import { isTransientDatabaseError, isUnreachableDatabaseError, retryDelayMs } from "./transient-errors.js";
import { DatabaseUnavailableError } from "./types.js";

export interface RetryPolicy {
  /** Retries after the first try. */
  retries: number;
  baseDelayMs: number;
}

/**
 * Runs `operation`, trying again with exponential backoff while it fails with a transient error.
 * A connection-level failure that retrying cannot cure (see isUnreachableDatabaseError) is a DatabaseUnavailableError
 * at once. Other errors are rethrown untouched on the first failure so callers can still read their SQLSTATE.
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
      if (isUnreachableDatabaseError(error)) throw new DatabaseUnavailableError(operationName, attempt, error);
      if (!isTransientDatabaseError(error)) throw error;
      if (attempt > policy.retries) throw new DatabaseUnavailableError(operationName, attempt, error);
      const delayMs = retryDelayMs(attempt, policy.baseDelayMs);
      onRetry?.(attempt, error, delayMs);
      await sleep(delayMs);
    }
  }
}
