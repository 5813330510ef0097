/** What stands before a verb in a clause: its subject pronoun's person, and whether it follows avoir or être. */
import { hasTags, isWord, type AnalyzedToken, type Person } from "./analysis.js";

const SUBJECT_PERSONS: ReadonlyMap<string, Person> = new Map([
  ["je", ":1s"],
  ["j’", ":1s"],
  ["tu", ":2s"],
  ["il", ":3s"],
  ["elle", ":3s"],
  ["on", ":3s"],
  ["nous", ":1p"],
  ["vous", ":2p"],
  ["ils", ":3p"],
  ["elles", ":3p"],
]);

/** ne, n’ and the object pronouns that may stand between a subject and its verb (je ne le lui dis pas). */
const BETWEEN_SUBJECT_AND_VERB = /^:G:(?:X|O[ovw])/u;

/** Index of the first token of the verb group ending before `index`: back over ne and object pronouns. */
export function verbGroupStart(clause: readonly AnalyzedToken[], index: number): number {
  let start = index;
  while (start > 0 && isWord(clause[start - 1]) && hasTags(clause[start - 1], BETWEEN_SUBJECT_AND_VERB) && !SUBJECT_PERSONS.has(clause[start - 1]?.lower ?? "")) {
    start -= 1;
  }
  return start;
}

/** The person of the subject pronoun right before the verb at `index` (je ne le vois → :1s), or null. */
export function subjectPronounPerson(clause: readonly AnalyzedToken[], index: number): Person | null {
  const before = clause[verbGroupStart(clause, index) - 1];
  return isWord(before) ? (SUBJECT_PERSONS.get(before.lower) ?? null) : null;
}

/** The subject pronoun right before the verb at `index`, or null. */
export function subjectPronounBefore(clause: readonly AnalyzedToken[], index: number): AnalyzedToken | null {
  const before = clause[verbGroupStart(clause, index) - 1];
  return isWord(before) && SUBJECT_PERSONS.has(before.lower) ? before : null;
}

/** True when the token is a conjugated form of `lemma` (avoir, être, vouloir…). */
export function isFormOf(token: AnalyzedToken | undefined, lemma: string): boolean {
  return token !== undefined && token.morph.some((morph) => morph.startsWith(`>${lemma}/`) && /:V/u.test(morph));
}

/**
 * True when the tokens from `start` to `end` (excluded) are a noun phrase: a capitalised proper noun, or a
 * determiner followed by nouns and adjectives (ma mère, le petit chat). Unlike subjectPhraseAt, the phrase
 * ends where the caller says, so a verb that also reads as a noun (a, est, sont) is not swallowed.
 */
export function isNounPhrase(clause: readonly AnalyzedToken[], start: number, end: number): boolean {
  const first = clause[start];
  if (!isWord(first) || end <= start) return false;
  if (end === start + 1) return hasTags(first, /:M/u) && first.value !== first.lower;
  const rest = clause.slice(start + 1, end);
  return (
    hasTags(first, /^:G:D/u) &&
    rest.every((token) => isWord(token) && hasTags(token, /^:[NA]/u)) &&
    rest.some((token) => hasTags(token, /^:N/u))
  );
}
