/** The subject right before a word: a personal pronoun or a noun phrase starting the clause. */
import { hasTags, type AnalyzedToken } from "./analysis.js";
import { clauseStarts, subjectPhraseAt } from "./noun-phrase.js";

export interface SubjectBefore {
  number: "s" | "p" | "i";
  /** The subject's words, for messages. */
  text: string;
  /** How many words: a pronoun or "ma mère" is sure; in "une robe longue" the last word may start a list of adjectives. */
  words: number;
}

const SINGULAR_PRONOUNS = new Set(["il", "elle", "on"]);
const PLURAL_PRONOUNS = new Set(["ils", "elles"]);

/** The subject that ends right before `index`, or null when there is none we are sure of. */
export function subjectBefore(clause: readonly AnalyzedToken[], index: number): SubjectBefore | null {
  const previous = clause[index - 1];
  if (previous && (SINGULAR_PRONOUNS.has(previous.lower) || PLURAL_PRONOUNS.has(previous.lower))) {
    const first = clause[index - 2];
    // "il" after a verb or a preposition is an object or an inversion, not a subject.
    if (first && !hasTags(first, /:G:C/u) && first.kind !== "PUNC") return null;
    return { number: PLURAL_PRONOUNS.has(previous.lower) ? "p" : "s", text: previous.value, words: 1 };
  }
  for (const start of clauseStarts(clause)) {
    const subject = subjectPhraseAt(clause, start);
    if (subject?.end === index) {
      return { number: subject.number, text: clause.slice(start, index).map((token) => token.value).join(" "), words: index - start };
    }
  }
  return null;
}

/**
 * A finite verb after `index`, unless it can be a noun or adjective inside a noun phrase (une porte,
 * une voiture rouge): a clause whose verb is the word at `index` has none.
 */
export function finiteVerbAfter(clause: readonly AnalyzedToken[], index: number, except: (token: AnalyzedToken) => boolean = () => false): boolean {
  return clause.some(
    (token, position) =>
      position > index &&
      !except(token) &&
      hasTags(token, /:V.*:(?:I[pqsf]|K|S[pq]|E)/u) &&
      !(hasTags(token, /:[NA]/u) && hasTags(clause[position - 1], /^:G:D|:[NA]/u)),
  );
}
