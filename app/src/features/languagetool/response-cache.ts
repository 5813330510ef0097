/**
 * /v2/check answers kept serialized, by request: an editor sends the same document again and again, and
 * answering it again costs a lookup instead of reading the body, fetching the matches, building LanguageTool's
 * answer and serializing it. Memory of this process only: a Redis round trip would cost more
 * than rebuilding the answer from the corrections layer.
 */
import type { FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import { configure as configureStringify } from "safe-stable-stringify";
import { UnreadBody } from "../../infra/http/body-parsing.js";
import type { RawParameters } from "./request.js";

/** Enough for thousands of typical answers, and a bound on memory whatever the texts' sizes. */
const MAX_BYTES = 32 * 1024 * 1024;
const stableStringify = configureStringify({ deterministic: true, circularValue: TypeError, bigint: true });

/**
 * Every parameter the request carried, not only those the check reads today, so that no parameter that
 * changes the answer can be missing from the key; with the engine version, as the answer names it and its
 * matches come from it. Sorted, so that the order the fields came in does not matter.
 */
export function checkResponseKey(parameters: RawParameters, engineVersion: string): string {
  return stableStringify({ engine: engineVersion, parameters }) ?? "";
}

/**
 * The request as it was sent: method, URL with its query string, Content-Type and the body's bytes (one character
 * per byte), with the engine version. Two requests with the same key are read into the same parameters, so they get
 * the same answer, found without reading them. None of its parts holds a line break but the body, which comes last.
 * A body that some parser already read (not a plugin that keeps them unread) is in the key as its JSON.
 */
export function requestKey(request: Pick<FastifyRequest, "method" | "url" | "headers" | "body">, engineVersion: string): string {
  const body: unknown = request.body;
  const bytes =
    body === undefined ? "" : body instanceof UnreadBody ? body.bytes.toString("latin1") : `parsed:${stableStringify(body) ?? ""}`;
  return `request\n${engineVersion}\n${request.method}\n${request.url}\n${request.headers["content-type"] ?? ""}\n${bytes}`;
}

/**
 * Answers by checkResponseKey or requestKey, as the JSON text sent: a string goes out with the headers in one
 * write. Keys count in the size too, as a key holds the text. `ttlMs` is the corrections layer's, so an answer
 * lives no longer than its matches.
 */
export function createCheckResponseCache(ttlMs: number): LRUCache<string, string> {
  return new LRUCache<string, string>({
    maxSize: MAX_BYTES,
    // A string's UTF-16 units may take two bytes each in V8.
    sizeCalculation: (body, key) => 2 * (body.length + key.length),
    ttl: ttlMs,
  });
}
