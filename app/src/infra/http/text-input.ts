/**
 * Checks on text received from clients. Every string the service stores or looks up (learner names, answers,
 * ids in paths and bodies) and every text submitted for correction goes through `unstorableCharacter`, so
 * that what PostgreSQL keeps is exactly what was sent: it cannot store NUL, and a lone surrogate would be
 * turned into U+FFFD on the way to UTF-8.
 */
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
 * Why `text` cannot be taken as sent, as a sentence naming `field` and the offset, or undefined when it can:
 * a NUL character (which PostgreSQL text cannot hold) or a lone UTF-16 surrogate (which is not Unicode and no
 * UTF-8 encoder can represent, so it would be stored, and offsets reported back, differently from what was sent).
 */
export function unstorableCharacter(text: string, field: string): string | undefined {
  const nul = text.indexOf("\u0000");
  const lone = findLoneSurrogate(text);
  if (nul !== -1 && (lone === -1 || nul < lone)) {
    return `The "${field}" parameter holds a NUL character (\\u0000) at offset ${nul}, which text cannot contain: remove it.`;
  }
  if (lone !== -1) {
    const unit = text.charCodeAt(lone).toString(16).toUpperCase();
    return `The "${field}" parameter holds a lone UTF-16 surrogate (\\u${unit}) at offset ${lone}, which is not valid Unicode: remove it or send the complete character (both halves of the surrogate pair).`;
  }
  return undefined;
}

/** `text`, or the 400 `invalid_text` that says which character of `field` is refused and where. */
export function requireStorableText(text: string, field: string): string {
  const problem = unstorableCharacter(text, field);
  if (problem !== undefined) throw badRequest("invalid_text", problem);
  return text;
}

/**
 * Returns `value` as a checkable text or throws the 4xx that says why not: not a string, empty or
 * only whitespace, longer than `maxLength` UTF-16 code units, or holding a character no text can
 * keep (see unstorableCharacter).
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
  return requireStorableText(value, field);
}
