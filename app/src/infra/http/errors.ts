/**
 * Errors that carry their HTTP answer. Every 4xx/5xx body this service sends is `{ error, message }`:
 * `error` a stable machine-readable code, `message` a sentence naming the problem, the input and what to do.
 */

export type ErrorCode =
  | "empty_text"
  | "text_too_long"
  | "invalid_text"
  | "invalid_json"
  | "invalid_parameter"
  | "invalid_url"
  | "invalid_request"
  | "uri_too_long"
  | "headers_too_large"
  | "request_timeout"
  | "missing_parameter"
  | "unsupported_language"
  | "unsupported_media_type"
  | "payload_too_large"
  | "exercise_not_found"
  | "learner_not_found"
  | "idempotency_key_reused"
  | "explanation_not_found"
  | "route_not_found"
  | "engine_timeout"
  | "engine_unavailable"
  | "database_unavailable"
  | "shutting_down"
  | "internal_error";

export interface ErrorBody {
  error: ErrorCode;
  message: string;
}

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(
    statusCode: number,
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
    this.name = "HttpError";
  }

  toBody(): ErrorBody {
    return { error: this.code, message: this.message };
  }
}

export function badRequest(code: ErrorCode, message: string): HttpError {
  return new HttpError(400, code, message);
}

export function notFound(code: ErrorCode, message: string): HttpError {
  return new HttpError(404, code, message);
}

/** Quotes a client value for an error message, shortened so a 20 000-character text does not flood logs. */
export function quoteInput(value: unknown, max = 60): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(short);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}
