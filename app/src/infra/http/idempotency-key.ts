/**
 * The Idempotency-Key request header of the writes a client may retry (creating a learner, recording an attempt):
 * a client that lost the answer resends the same request with the same key and gets the first result back,
 * instead of a second learner or a second attempt.
 */
import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";
import type { Idempotency } from "../db/index.js";
import { badRequest, quoteInput } from "./errors.js";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** Visible ASCII, as the database's check on the stored key; a uuid v4 per request is what clients should send. */
const KEY_PATTERN = /^[!-~]{1,255}$/;

/** For the OpenAPI document of a route that honours the header. */
export const idempotencyKeyHeaderSchema = {
  type: "object",
  properties: {
    [IDEMPOTENCY_KEY_HEADER]: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      description:
        "A value unique to this request (a uuid v4): resending the request with the same key returns the first result " +
        "(same id, same status) instead of writing twice; the same key with a different body is refused with 422.",
    },
  },
} as const;

/** The header's value, undefined when absent; a 400 naming the header, the value and what to send when malformed. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  if (Array.isArray(value) || !KEY_PATTERN.test(value)) {
    throw badRequest(
      "invalid_parameter",
      `The Idempotency-Key header must be one value of 1 to 255 visible ASCII characters (got ${quoteInput(value)}): send a new uuid v4 per request, and the same one when retrying it.`,
    );
  }
  return value;
}

/** The key with the fingerprint of what the request asks for (its validated fields, in a stable order). */
export function idempotencyOf(key: string | undefined, request: Record<string, unknown>): Idempotency | undefined {
  if (key === undefined) return undefined;
  return { key, requestFingerprint: createHash("sha256").update(stringify(request)).digest("hex") };
}
