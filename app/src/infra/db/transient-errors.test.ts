import { describe, expect, it } from "vitest";
import { isTransientDatabaseError, isUnreachableDatabaseError, retryDelayMs, transientReason } from "./transient-errors.js";

function errorWithCode(code: string, message = `failure ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe("isTransientDatabaseError", () => {
  it.each([
    ["ECONNREFUSED", "connection refused"],
    ["ECONNRESET", "connection reset"],
    ["EPIPE", "broken pipe"],
    ["57P01", "admin_shutdown"],
    ["57P02", "crash_shutdown"],
    ["57P03", "cannot_connect_now"],
    ["08000", "connection_exception"],
    ["08003", "connection_does_not_exist"],
    ["08006", "connection_failure"],
    ["08001", "sqlclient_unable_to_establish_sqlconnection"],
    ["40001", "serialization_failure"],
    ["40P01", "deadlock_detected"],
  ])("retries %s (%s)", (code) => {
    expect(isTransientDatabaseError(errorWithCode(code))).toBe(true);
  });

  it.each([
    ["23505", "unique_violation"],
    ["23503", "foreign_key_violation"],
    ["23502", "not_null_violation"],
    ["23514", "check_violation"],
    ["42601", "syntax_error"],
    ["42P01", "undefined_table"],
    ["22P02", "invalid_text_representation"],
    ["57014", "query_canceled (statement timeout): retrying would wait the whole timeout again"],
    ["53300", "too_many_connections"],
    ["28P01", "invalid_password"],
    ["ENOTFOUND", "unknown host: a configuration error"],
  ])("does not retry %s (%s)", (code) => {
    expect(isTransientDatabaseError(errorWithCode(code))).toBe(false);
  });

  it("retries a socket closed under a query, which pg reports without a code", () => {
    expect(isTransientDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("retries a refused dual-stack connect reported as an AggregateError", () => {
    const refused = new AggregateError([errorWithCode("ECONNREFUSED"), errorWithCode("ECONNREFUSED")], "");
    expect(isTransientDatabaseError(refused)).toBe(true);
  });

  it("does not retry plain errors, timeouts of the client, or non-errors", () => {
    expect(isTransientDatabaseError(new Error("Query read timeout"))).toBe(false);
    expect(isTransientDatabaseError(new Error("timeout exceeded when trying to connect"))).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
    expect(isTransientDatabaseError("ECONNRESET")).toBe(false);
    expect(isTransientDatabaseError({ code: 40001 })).toBe(false);
  });
});

describe("isUnreachableDatabaseError", () => {
  it.each([
    ["3D000", "invalid_catalog_name: the database does not exist"],
    ["28000", "invalid_authorization_specification"],
    ["28P01", "invalid_password"],
    ["53300", "too_many_connections"],
    ["ENOTFOUND", "unknown host"],
    ["ETIMEDOUT", "no answer from the host"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "an untrusted certificate"],
  ])("takes %s (%s) for a database out of reach, not for a bad request", (code) => {
    expect(isUnreachableDatabaseError(errorWithCode(code))).toBe(true);
    expect(isTransientDatabaseError(errorWithCode(code))).toBe(false);
  });

  it("takes pg's pool connect timeout and an AggregateError of unreachable addresses, and nothing the request caused", () => {
    expect(isUnreachableDatabaseError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isUnreachableDatabaseError(new AggregateError([errorWithCode("EHOSTUNREACH"), errorWithCode("ENETUNREACH")], ""))).toBe(true);
    for (const code of ["23505", "22021", "22P02", "42P01", "ECONNREFUSED", "40001"]) expect(isUnreachableDatabaseError(errorWithCode(code))).toBe(false);
    expect(isUnreachableDatabaseError(undefined)).toBe(false);
  });
});

describe("transientReason", () => {
  it("names the reason of each retried error with a label from a short, fixed set", () => {
    expect(transientReason(errorWithCode("ECONNREFUSED"))).toBe("connection_refused");
    expect(transientReason(new AggregateError([errorWithCode("ECONNREFUSED")], ""))).toBe("connection_refused");
    expect(transientReason(errorWithCode("ECONNRESET"))).toBe("connection_lost");
    expect(transientReason(errorWithCode("08006"))).toBe("connection_lost");
    expect(transientReason(new Error("Connection terminated unexpectedly"))).toBe("connection_lost");
    expect(transientReason(errorWithCode("40001"))).toBe("serialization_failure");
    expect(transientReason(errorWithCode("40P01"))).toBe("deadlock");
    expect(transientReason(errorWithCode("57P01"))).toBe("server_shutdown");
    expect(transientReason(errorWithCode("57P03"))).toBe("server_starting");
  });
});

describe("retryDelayMs", () => {
  it("doubles from the base delay, half of it fixed and half random", () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, 100, 5_000, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, 100, 5_000, () => 1))).toEqual([100, 200, 400]);
  });

  it("never exceeds the ceiling", () => {
    expect(retryDelayMs(30, 100, 5_000, () => 1)).toBe(5_000);
  });
});
