/**
 * One place that turns every failure into `{ error, message }` with the right status: the client's
 * mistakes are 4xx naming the problem, an overloaded engine or database is 503 with Retry-After, and
 * only a bug of ours is a 500 (logged with the request id the message quotes).
 */
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { DatabaseUnavailableError, UnknownLearnerError } from "../db/index.js";
import { EngineTimeoutError, EngineUnavailableError } from "../grammar/errors.js";
import { HttpError, quoteInput, type ErrorCode } from "./errors.js";

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_ENGINE_TIMEOUT_S = 5;
export const RETRY_AFTER_UNAVAILABLE_S = 10;
/** A draining instance is gone within seconds; the load balancer sends the retry to another one. */
export const RETRY_AFTER_SHUTTING_DOWN_S = 1;

/**
 * Longest path parameter the router matches (Fastify's `maxParamLength`, decoded characters). Above the longest
 * id any route takes (exercise and rule ids: 200), so that an id a little too long gets the route's own 400
 * naming the field and its limit; only a longer one is refused by the router, with 414.
 */
export const MAX_PATH_PARAMETER_LENGTH = 1000;

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

/** Errors Fastify raises before any route runs (its `frameworkErrors` option), in the documented shape. */
export function frameworkHttpError(error: FastifyError, url: string): HttpError {
  const path = quoteInput(url.split("?")[0], 120);
  switch (error.code) {
    case "FST_ERR_BAD_URL":
      return new HttpError(
        400,
        "invalid_url",
        `The URL path ${path} is not valid: a percent-encoded sequence (%XX) in it is broken or is not UTF-8. Encode ids with encodeURIComponent.`,
      );
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new HttpError(
        414,
        "uri_too_long",
        `A segment of the URL path ${path} is longer than ${MAX_PATH_PARAMETER_LENGTH} characters, far beyond any id this API knows (ids have at most 200): check the URL.`,
      );
    default:
      return new HttpError(400, "invalid_request", `The request was refused before routing: ${error.message}.`);
  }
}

/** Fastify's `frameworkErrors` option. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const httpError = frameworkHttpError(error, request.raw.url ?? "");
  request.log.info({ status: httpError.statusCode, code: httpError.code, reason: httpError.message }, "request refused");
  void reply.status(httpError.statusCode).headers(httpError.headers).send(httpError.toBody());
}

/** What Node's HTTP parser could not read (header block too large, malformed request line, slow client), in the documented shape. */
export function clientHttpError(code: string | undefined): HttpError {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return new HttpError(
        431,
        "headers_too_large",
        "The request's headers are larger than this server reads (16 KiB in all): send fewer or shorter headers, such as cookies.",
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new HttpError(408, "request_timeout", "The request was not received in time: send it again, in one go.");
    default:
      return new HttpError(
        400,
        "invalid_request",
        `The request is not valid HTTP/1.1 (${code ?? "unreadable"}): check the request line, the headers and the body's framing (Content-Length or chunked, not both).`,
      );
  }
}

/**
 * Fastify's `clientErrorHandler`: the answer to a connection whose request could not be parsed, written on the
 * socket itself since there is no request to reply to, then the connection closed as Node's own handler does.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const httpError = clientHttpError(error.code);
  const body = JSON.stringify(httpError.toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${httpError.statusCode} ${STATUS_CODES[httpError.statusCode] ?? "Error"}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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

    // Fastify's own 503 while closing (return503OnClosing) has neither this shape nor Retry-After, so the server is
    // built without it and requests that still arrive on open connections while it drains are answered here.
    let draining = false;
    app.addHook("preClose", (done) => {
      draining = true;
      done();
    });
    app.addHook("onRequest", (_request, reply, done) => {
      if (!draining) {
        done();
        return;
      }
      const shuttingDown = new HttpError(
        503,
        "shutting_down",
        `This instance is shutting down and takes no new requests: retry in ${RETRY_AFTER_SHUTTING_DOWN_S} second${RETRY_AFTER_SHUTTING_DOWN_S === 1 ? "" : "s"}, the load balancer sends it to another one.`,
        { "retry-after": String(RETRY_AFTER_SHUTTING_DOWN_S), connection: "close" },
      );
      void reply.status(503).headers(shuttingDown.headers).send(shuttingDown.toBody());
    });
  },
  { name: "error-handler", fastify: "5.x" },
);
