import { expect } from "vitest";
import { HttpError } from "../src/infra/http/errors.js";

/** The HttpError that `action` throws; fails the test when it throws something else or nothing. */
export function httpErrorOf(action: () => unknown): HttpError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error("expected an HttpError");
}
