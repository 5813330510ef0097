/** Checks on a text submitted for correction, shared by /v2/check and /api/v1/corrections. */
import { HttpError, badRequest, describeType } from "./errors.js";

/** Index of the first UTF-16 code unit that is half of a surrogate pair standing alone, or -1. */
export function findLoneSurrogate(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return index;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return index;
  }
  return -1;
}

/**
 * Returns `value` as a checkable text or throws the 4xx that says why not: not a string, empty or
 * only whitespace, longer than `maxLength` UTF-16 code units, or holding a lone surrogate (which
 * no UTF-8 encoder can represent, so offsets could not be reported back faithfully).
 */
export function requireCheckableText(value: unknown, field: string, maxLength: number): string {
  if (value === undefined || value === null) {
    throw badRequest("missing_parameter", `The "${field}" parameter is missing: send the French text to check in "${field}".`);
  }
  if (typeof value !== "string") {
    throw badRequest(
      "invalid_parameter",
      `The "${field}" parameter must be a string, got ${describeType(value)}: send the text as a JSON string or a form field.`,
    );
  }
  if (value.trim() === "") {
    throw badRequest(
      "empty_text",
      `The "${field}" parameter is empty${value.length > 0 ? " (only whitespace)" : ""}: send at least one word of French text.`,
    );
  }
  if (value.length > maxLength) {
    throw new HttpError(
      413,
      "text_too_long",
      `The "${field}" parameter is ${value.length} characters long, over the limit of ${maxLength}: split the text and send it in parts of at most ${maxLength} characters.`,
    );
  }
  const lone = findLoneSurrogate(value);
  if (lone !== -1) {
    const unit = value.charCodeAt(lone).toString(16).toUpperCase();
    throw badRequest(
      "invalid_text",
      `The "${field}" parameter holds a lone UTF-16 surrogate (\\u${unit}) at offset ${lone}, which is not valid Unicode: remove it or send the complete character (both halves of the surrogate pair).`,
    );
  }
  return value;
}
