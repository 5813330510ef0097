/** Noun phrases at the start of a clause, the subjects the learner rules look for. */
import { FINITE_VERB, hasTags, isWord, type AnalyzedToken } from "./analysis.js";

export interface SubjectPhrase {
  /** Index of the first token after the subject. */
  end: number;
  /** "s" singular, "p" plural, "i" unknown. */
  number: "s" | "p" | "i";
  gender: "m" | "f" | "e";
  /** The head noun (or the proper noun), for messages. */
  head: AnalyzedToken;
}

const DETERMINER = /^:G:D/u;
const NOUN_OR_ADJECTIVE = /:[NA]/u;
const PROPER_NOUN = /:M/u;

function numberOf(tags: readonly AnalyzedToken[]): "s" | "p" | "i" {
  const plural = tags.every((token) => hasTags(token, /:[NAD].*:p|:G:D.*:p/u));
  const singular = tags.every((token) => hasTags(token, /:[NAD].*:s|:G:D.*:s/u));
  if (plural && !singular) return "p";
  if (singular && !plural) return "s";
  return "i";
}

function genderOf(tags: readonly AnalyzedToken[]): "m" | "f" | "e" {
  const feminine = tags.every((token) => hasTags(token, /:[NAD].*:[fe]/u));
  const masculine = tags.every((token) => hasTags(token, /:[NAD].*:[me]/u));
  if (feminine && !masculine) return "f";
  if (masculine && !feminine) return "m";
  return "e";
}

/**
 * The subject noun phrase starting at `start`: a proper noun (Paul, Marie), or a determiner followed by
 * nouns and adjectives (ma mère, le petit chat noir). Null when the clause does not start that way.
 */
export function subjectPhraseAt(clause: readonly AnalyzedToken[], start: number): SubjectPhrase | null {
  const first = clause[start];
  if (!isWord(first)) return null;
  if (hasTags(first, PROPER_NOUN) && first.value.charAt(0) !== first.value.charAt(0).toLowerCase()) {
    return { end: start + 1, number: "s", gender: genderOf([first]), head: first };
  }
  if (!hasTags(first, DETERMINER)) return null;
  let end = start + 1;
  let head: AnalyzedToken | null = null;
  // After the first word, a word that may be a conjugated verb (est, ferme) ends the phrase.
  while (
    isWord(clause[end]) &&
    hasTags(clause[end], NOUN_OR_ADJECTIVE) &&
    !hasTags(clause[end], /:G/u) &&
    (end === start + 1 || !hasTags(clause[end], FINITE_VERB))
  ) {
    if (hasTags(clause[end], /:N/u)) head = clause[end] as AnalyzedToken;
    end += 1;
  }
  if (head === null) return null;
  const words = clause.slice(start, end);
  return { end, number: numberOf(words), gender: genderOf(words), head };
}

/** Where a clause's subject may start: its first token, and the token after a leading "Hier," or "Aujourd’hui,". */
export function clauseStarts(clause: readonly AnalyzedToken[]): number[] {
  const starts = [0];
  const comma = clause.findIndex((token) => token.kind === "PUNC" && token.value === ",");
  if (comma > 0 && comma <= 3) starts.push(comma + 1);
  return starts;
}
