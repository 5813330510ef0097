/**
 * Which database errors are worth trying again: the ones where the same statement may well succeed a moment
 * later, with nothing on our side to fix. Anything else (constraint violations, syntax, timeouts, bad input)
 * would fail the same way again, or, for a timeout, cost another full wait.
 */

import type { DatabaseRetryReason } from "./types.js";

/** Socket errors: the server is restarting, failing over, or dropped us. */
const TRANSIENT_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE"]);

/** SQLSTATEs outside class 08 that mean "try again", by the reason the retry metric reports. */
const TRANSIENT_SQLSTATES = new Map([
  ["40001", "serialization_failure"],
  ["40P01", "deadlock"],
  ["57P01", "server_shutdown"], // admin_shutdown
  ["57P02", "server_shutdown"], // crash_shutdown
  ["57P03", "server_starting"], // cannot_connect_now
]);


/**
 * Connection-level failures that retrying cannot cure: the database or the user does not exist, the password is
 * refused, the server is full, the host is unknown or unreachable, its certificate is not trusted. The request is
 * not at fault, so the API answers 503 (the service is unavailable until the deployment is fixed), not 500.
 */
const UNREACHABLE_SQLSTATES = new Set([
  "3D000", // invalid_catalog_name: the database does not exist
  "28000", // invalid_authorization_specification: no such role, or pg_hba refuses it
  "28P01", // invalid_password
  "53300", // too_many_connections
]);
const UNREACHABLE_SOCKET_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
/** What pg's pool says, without a code, when no connection could be had within connectionTimeoutMillis. */
const CONNECT_TIMEOUT_MESSAGE = "timeout exceeded when trying to connect";

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

/** The retry counter's reason for a transient error (see isTransientDatabaseError). */
export function transientReason(error: unknown): DatabaseRetryReason {
  if (error instanceof AggregateError) {
    const transient = error.errors.find(isTransientDatabaseError);
    if (transient !== undefined) return transientReason(transient);
  }
  const code = typeof error === "object" && error !== null ? codeOf(error) : undefined;
  if (code === "ECONNREFUSED") return "connection_refused";
  return (code === undefined ? undefined : (TRANSIENT_SQLSTATES.get(code) as DatabaseRetryReason | undefined)) ?? "connection_lost";
}

/** True for a connection-level failure that retrying cannot cure (see UNREACHABLE_SQLSTATES). */
export function isUnreachableDatabaseError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if (error instanceof AggregateError && error.errors.some(isUnreachableDatabaseError)) return true;
  const code = codeOf(error);
  if (code !== undefined) return UNREACHABLE_SQLSTATES.has(code) || UNREACHABLE_SOCKET_CODES.has(code);
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && message.includes(CONNECT_TIMEOUT_MESSAGE);
}

/**
 * Delay before retry number `retry` (1-based): base doubling each time, capped, with half of it random so that
 * clients that failed together (a deadlock, a failover) do not all come back in the same millisecond.
 */
export function retryDelayMs(retry: number, baseDelayMs: number, maxDelayMs = 5_000, random: () => number = Math.random): number {
  const exponential = Math.min(baseDelayMs * 2 ** Math.max(0, retry - 1), maxDelayMs);
  return exponential / 2 + (exponential / 2) * random();
}
