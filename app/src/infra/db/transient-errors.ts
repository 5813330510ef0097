/**
 * Which database errors are worth trying again: the ones where the same statement may well succeed a moment
 * later, with nothing on our side to fix. Anything else (constraint violations, syntax, timeouts, bad input)
 * would fail the same way again, or, for a timeout, cost another full wait.
 */

/** Socket errors: the server is restarting, failing over, or dropped us. */
const TRANSIENT_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE"]);

/** SQLSTATEs outside class 08 that mean "try again". */
const TRANSIENT_SQLSTATES = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (server still starting)
]);

/** Messages pg gives, without any code, when the server closes the socket under a query. */
const CONNECTION_LOST_MESSAGES = ["Connection terminated unexpectedly", "Connection terminated due to connection timeout"];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  // Node reports a refused dual-stack connect as an AggregateError of one error per address.
  if (error instanceof AggregateError && error.errors.some(isTransientDatabaseError)) return true;
  const code = codeOf(error);
  if (code !== undefined) {
    if (code.startsWith("08")) return true; // connection_exception class
    return TRANSIENT_SOCKET_CODES.has(code) || TRANSIENT_SQLSTATES.has(code);
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && CONNECTION_LOST_MESSAGES.some((lost) => message.includes(lost));
}

/**
 * Delay before retry number `retry` (1-based): base doubling each time, capped, with half of it random so that
 * clients that failed together (a deadlock, a failover) do not all come back in the same millisecond.
 */
export function retryDelayMs(retry: number, baseDelayMs: number, maxDelayMs = 5_000, random: () => number = Math.random): number {
  const exponential = Math.min(baseDelayMs * 2 ** Math.max(0, retry - 1), maxDelayMs);
  return exponential / 2 + (exponential / 2) * random();
}
