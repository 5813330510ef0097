/**
 * One place that turns every failure into `{ error, message }` with the right status: the client's
 * mistakes are 4xx naming the problem, an overloaded engine or database is 503 with Retry-After, and
 * only a bug of ours is a 500 (logged with the request id the message quotes).
 */
import type { FastifyError, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { DatabaseUnavailableError, IdempotencyKeyReusedError, UnknownLearnerError } from "../db/index.js";
import { EngineTimeoutError, EngineUnavailableError } from "../grammar/errors.js";
import { HttpError, type ErrorCode } from "./errors.js";

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_ENGINE_TIMEOUT_S = 5;
export const RETRY_AFTER_UNAVAILABLE_S = 10;

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: (error: FastifyError, request: FastifyRequest) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    message: (_error, request) =>
      `The request body is larger than this server accepts (${request.routeOptions.bodyLimit ?? "the configured"} bytes): send a shorter text, split into several requests.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    message: (_error, request) =>
      `Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")} is not accepted: send application/x-www-form-urlencoded (as LanguageTool clients do) or application/json.`,
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message: () => "The request body is empty although Content-Type says JSON: send a JSON object, or drop the Content-Type header.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_parameter",
    message: () => "The Content-Length header does not match the body that was sent: let your HTTP client set it.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message: (error) => `The request body is not valid JSON (${error.message}): send a JSON object.`,
  },
};

export function toHttpError(error: unknown, request: FastifyRequest): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof EngineTimeoutError) {
    return new HttpError(
      503,
      "engine_timeout",
      `The grammar engine did not answer within ${error.timeoutMs} ms (it is overloaded or the text is unusually hard to analyse): retry in ${RETRY_AFTER_ENGINE_TIMEOUT_S} seconds, or send a shorter text.`,
      { "retry-after": String(RETRY_AFTER_ENGINE_TIMEOUT_S) },
    );
  }
  if (error instanceof EngineUnavailableError) {
    return new HttpError(
      503,
      "engine_unavailable",
      `The grammar engine cannot take requests right now (${error.message}): retry in ${RETRY_AFTER_UNAVAILABLE_S} seconds.`,
      { "retry-after": String(RETRY_AFTER_UNAVAILABLE_S) },
    );
  }
  if (error instanceof DatabaseUnavailableError) {
    return new HttpError(
      503,
      "database_unavailable",
      `The database cannot be reached right now, so learner data and exercises are unavailable: retry in ${RETRY_AFTER_UNAVAILABLE_S} seconds. Corrections (/v2/check) keep working.`,
      { "retry-after": String(RETRY_AFTER_UNAVAILABLE_S) },
    );
  }
  if (error instanceof UnknownLearnerError) {
    return new HttpError(404, "learner_not_found", `${error.message}.`);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpError(
      422,
      "idempotency_key_reused",
      `${error.message}: send a new key (a uuid v4) for a new request, or resend the first request unchanged to get its result again.`,
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return new HttpError(known.status, known.code, known.message(error as FastifyError, request));
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpError(status, "invalid_parameter", `The request was refused: ${fastifyError.message ?? "malformed request"}.`);
  }
  return new HttpError(
    500,
    "internal_error",
    `Unexpected error while handling ${request.method} ${request.routeOptions.url ?? request.url}; it was logged with request id ${request.id}. Retry, and report the request id if it happens again.`,
  );
}

export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler(async (error, request, reply) => {
      const httpError = toHttpError(error, request);
      if (httpError.statusCode >= 500) {
        request.log.error({ err: error, status: httpError.statusCode, code: httpError.code }, "request failed");
      } else {
        request.log.info({ status: httpError.statusCode, code: httpError.code, reason: httpError.message }, "request refused");
      }
      return reply.status(httpError.statusCode).headers(httpError.headers).send(httpError.toBody());
    });
    app.setNotFoundHandler(async (request, reply) => {
      const body = new HttpError(
        404,
        "route_not_found",
        `There is no ${request.method} ${request.url.split("?")[0]}: see /docs for the routes this server offers.`,
      ).toBody();
      return reply.status(404).send(body);
    });
  },
  { name: "error-handler", fastify: "5.x" },
);
