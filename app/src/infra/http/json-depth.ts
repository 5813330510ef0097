/**
 * A bound on how deeply a client's JSON may nest, checked on the raw text before parsing: every JSON this
 * service reads is at most four levels deep, and what walks a parsed value (validation, error messages that
 * quote it) recurses once per level, so a document nested thousands of levels deep would overflow the stack.
 */
import { badRequest } from "./errors.js";

/** Deepest nesting of arrays and objects accepted; far above what any request needs. */
export const MAX_JSON_DEPTH = 32;

/** Offset of the `[` or `{` that opens a level deeper than `maxDepth` (strings skipped), or -1. */
export function findExcessJsonNesting(text: string, maxDepth: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) return index;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return -1;
}

/** `text`, or the 400 `invalid_json` saying that `what` ("The request body") nests too deeply and where. */
export function requireBoundedJsonNesting(text: string, what: string): string {
  const offset = findExcessJsonNesting(text);
  if (offset !== -1) {
    throw badRequest(
      "invalid_json",
      `${what} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (level ${MAX_JSON_DEPTH + 1} opens at character ${offset}): send a flat JSON object such as {"text":"…"}.`,
    );
  }
  return text;
}
