/**
 * Request bodies as LanguageTool clients send them. Most send application/x-www-form-urlencoded; some
 * send that same form body labelled application/json, so a JSON-labelled body that is not JSON but reads
 * as a form is taken as a form (and so is a text/plain one). A real JSON body is parsed as JSON.
 * Anything else is a 400 that says so; other media types are a 415. Bodies, and the percent-encoded
 * bytes of form fields, must be UTF-8: nothing is silently replaced by U+FFFD.
 */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { HttpError, badRequest } from "./errors.js";
import { requireBoundedJsonNesting } from "./json-depth.js";
import { decodeUtf8Strictly } from "./utf8.js";

const PERCENT = 0x25;
const isHexDigit = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));

/**
 * One name or value of a form, decoded as URLSearchParams does (`+` is a space, a `%` not followed by two hex
 * digits stays as it is), except that percent-encoded bytes which are not UTF-8 are refused rather than replaced.
 */
export function decodeFormComponent(raw: string): string {
  const text = raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray % or bytes that are not UTF-8: decode byte by byte to tell which.
    const source = Buffer.from(text, "utf8");
    const bytes = Buffer.alloc(source.length);
    let length = 0;
    for (let index = 0; index < source.length; index++) {
      const byte = source[index] as number;
      if (byte === PERCENT && isHexDigit(source[index + 1]) && isHexDigit(source[index + 2])) {
        bytes[length++] = Number.parseInt(source.toString("latin1", index + 1, index + 3), 16);
        index += 2;
      } else {
        bytes[length++] = byte;
      }
    }
    return decodeUtf8Strictly(bytes.subarray(0, length), "A percent-encoded form field of the request body");
  }
}

const CHARSET_PARAMETER = /;\s*charset\s*=\s*"?([^";\s]*)/i;
const UTF8_LABELS = new Set(["utf-8", "utf8", "us-ascii"]);

/**
 * The 415 for a body whose Content-Type declares a charset other than UTF-8 (or its subset ASCII), or undefined:
 * bodies are read as UTF-8, and reading text the client encoded otherwise would store something else than it sent.
 */
export function unsupportedCharset(contentType: string | undefined): HttpError | undefined {
  const charset = CHARSET_PARAMETER.exec(contentType ?? "")?.[1];
  if (charset === undefined || UTF8_LABELS.has(charset.toLowerCase())) return undefined;
  return new HttpError(
    415,
    "unsupported_media_type",
    `The body's charset ${JSON.stringify(charset)} (Content-Type ${JSON.stringify(contentType)}) is not accepted: encode the body as UTF-8 and send charset=utf-8, or no charset.`,
  );
}

/** The body as UTF-8 text, or the 415 or 400 that says why it cannot be read as such. */
function bodyText(contentType: string | undefined, body: Buffer): string {
  const charsetProblem = unsupportedCharset(contentType);
  if (charsetProblem) throw charsetProblem;
  return decodeUtf8Strictly(body, "The request body");
}

/** A form body as an object; a field sent twice becomes an array of its values, in order. */
export function parseForm(body: string): Record<string, string | string[]> {
  // No prototype: a field named __proto__ or constructor is just a field.
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = decodeFormComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? "" : decodeFormComponent(pair.slice(equals + 1));
    const previous = Object.hasOwn(fields, key) ? fields[key] : undefined;
    fields[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}

/** `key=value` pairs joined by &: what a form body looks like, and what a JSON document never does. */
const FORM_BODY = /^[^\s={}[\]"&]+=[^]*$/;

export function parseJsonOrForm(body: string): unknown {
  const trimmed = body.trim();
  if (trimmed === "") return {};
  // A form body cannot be JSON (its first field name has no bracket), so only the others are bounded.
  if (!FORM_BODY.test(trimmed)) requireBoundedJsonNesting(trimmed, "The request body");
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    if (FORM_BODY.test(trimmed)) return parseForm(trimmed);
    throw badRequest(
      "invalid_json",
      `The request body is not valid JSON (${(error as Error).message}) nor form fields: send a JSON object such as {"text":"…","language":"fr"}, ` +
        "or a form body (text=…&language=fr) with Content-Type application/x-www-form-urlencoded.",
    );
  }
}

/** A form-encoded body (application/x-www-form-urlencoded) as its fields, or the 415 or 400 that says why it cannot be read. */
export function readFormBody(contentType: string | undefined, body: Buffer): Record<string, string | string[]> {
  return parseForm(bodyText(contentType, body));
}

/** A body labelled JSON or plain text: JSON, or a form sent with the wrong label; or the 415 or 400 that says why not. */
export function readJsonOrFormBody(contentType: string | undefined, body: Buffer): unknown {
  return parseJsonOrForm(bodyText(contentType, body));
}

/** How each media type this server reads is read; a plugin that keeps bodies unparsed reads them the same way later. */
export const BODY_READERS = [
  { mediaTypes: ["application/x-www-form-urlencoded"], read: readFormBody },
  // text/plain too: a form or JSON body sent without a proper Content-Type is still read.
  { mediaTypes: ["application/json", "text/plain"], read: readJsonOrFormBody },
] as const;

/** A body kept as the bytes received, read (decoded and parsed, with the same errors) only when asked. */
export class UnreadBody {
  readonly bytes: Buffer;
  private readonly contentType: string | undefined;
  private readonly reader: (contentType: string | undefined, body: Buffer) => unknown;

  constructor(
    bytes: Buffer,
    contentType: string | undefined,
    reader: (contentType: string | undefined, body: Buffer) => unknown,
  ) {
    this.bytes = bytes;
    this.contentType = contentType;
    this.reader = reader;
  }

  read(): unknown {
    return this.reader(this.contentType, this.bytes);
  }
}

/**
 * In the (encapsulated) plugin `app`, bodies arrive as UnreadBody instead of parsed: for routes that can answer
 * some requests from their bytes alone. Other plugins keep parsed bodies.
 */
export function keepBodiesUnread(app: FastifyInstance): void {
  for (const { mediaTypes, read } of BODY_READERS) {
    app.removeContentTypeParser([...mediaTypes]);
    app.addContentTypeParser([...mediaTypes], { parseAs: "buffer" }, (request, bytes, done) => {
      done(null, new UnreadBody(bytes as Buffer, request.headers["content-type"], read));
    });
  }
}

export const bodyParsingPlugin = fp(
  async (app) => {
    app.removeContentTypeParser(["application/json", "text/plain"]);
    for (const { mediaTypes, read } of BODY_READERS) {
      app.addContentTypeParser([...mediaTypes], { parseAs: "buffer" }, (request, body, done) => {
        try {
          done(null, read(request.headers["content-type"], body as Buffer));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
    }
  },
  { name: "body-parsing", fastify: "5.x" },
);
