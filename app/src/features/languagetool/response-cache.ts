/**
 * /v2/check answers kept serialized, by request: an editor sends the same document again and again, and
 * answering it again costs a lookup instead of reading the parameters, fetching the matches, building
 * LanguageTool's answer and serializing it. Memory of this process only: a Redis round trip would cost more
 * than rebuilding the answer from the corrections layer.
 */
import { LRUCache } from "lru-cache";
import { configure as configureStringify } from "safe-stable-stringify";
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
 * Answers by checkResponseKey, as the UTF-8 bytes sent (no encoding per request); keys count in the size too,
 * as a key holds the text. `ttlMs` is the corrections layer's, so an answer lives no longer than its matches.
 */
export function createCheckResponseCache(ttlMs: number): LRUCache<string, Buffer> {
  return new LRUCache<string, Buffer>({
    maxSize: MAX_BYTES,
    // A key's UTF-16 units may take two bytes each in V8.
    sizeCalculation: (body, key) => body.length + 2 * key.length,
    ttl: ttlMs,
  });
}
