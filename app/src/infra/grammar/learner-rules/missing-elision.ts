import { FINITE_VERB, hasTags, isWord, withCaseOf, type AnalyzedToken } from "./analysis.js";
import type { LearnerFinding, LearnerRule } from "./rule.js";

/** Conjunctions elided only before these words: lorsqu’il, puisqu’on, quoiqu’elle, lorsqu’un. */
const CONJUNCTIONS = new Set(["lorsque", "puisque", "quoique"]);
const AFTER_CONJUNCTIONS = new Set(["il", "ils", "elle", "elles", "on", "un", "une", "en", "ainsi"]);
/** « jusque » is elided before à, au, aux, où, ici, alors. */
const AFTER_JUSQUE = new Set(["à", "au", "aux", "où", "ici", "alors"]);
/** Pronouns before a verb: je, me, te, se, le, la, ne take an apostrophe before a vowel sound (il m’a dit, je l’aime). */
const PRONOUNS = new Set(["je", "me", "te", "se", "le", "la", "ne"]);

function isVerbOnly(token: AnalyzedToken): boolean {
  return hasTags(token, /:V.*:(?:I[pqsf]|K|S[pq]|E|Y|Q)|:V.*:P/u) && !hasTags(token, /^:[NAGWM]/u);
}

/**
 * The pronoun before `next` needs an apostrophe: a verb (il me a dit, je le aime) or y, en (je y vais, je ne en
 * veux pas). « le », « la » are articles too: a verb after them must be only a verb, unless a subject pronoun or
 * « ne » comes before them (tu la as vue).
 */
function pronounElides(pronoun: AnalyzedToken, next: AnalyzedToken, before: AnalyzedToken | undefined): boolean {
  if (!next.elides) return false;
  if (next.lower === "y" || next.lower === "en") return pronoun.lower !== "le" && pronoun.lower !== "la";
  if (pronoun.lower === "le" || pronoun.lower === "la") return hasTags(before, /^:G:(?:Os|X)/u) ? hasTags(next, FINITE_VERB) : isVerbOnly(next);
  return hasTags(next, FINITE_VERB) || hasTags(next, /:V.*:Y/u);
}

function elided(word: string): string {
  return `${word.slice(0, -1)}’`;
}

export function needsElision(token: AnalyzedToken, next: AnalyzedToken | undefined, before: AnalyzedToken | undefined): boolean {
  if (!isWord(next)) return false;
  if (CONJUNCTIONS.has(token.lower)) return AFTER_CONJUNCTIONS.has(next.lower);
  if (token.lower === "jusque") return AFTER_JUSQUE.has(next.lower);
  // The engine elides « de » before nouns, not before the pronoun: « parler de elle » → « d’elle ».
  if (token.lower === "de") return next.lower === "elle" || next.lower === "elles";
  return PRONOUNS.has(token.lower) && pronounElides(token, next, before);
}

export const missingElision: LearnerRule = {
  id: "LEARNER_MISSING_ELISION",
  category: "ELISION",
  level: "default",
  description: "Élision oubliée (me a, je le aime, de elle, lorsque il, jusque à)",
  explanation: {
    title: "L’élision : « m’ », « l’ », « j’ », « n’ », « lorsqu’ », « jusqu’ »",
    explanation:
      "Devant une voyelle ou un h muet, « je », « me », « te », « se », « le », « la » et « ne » perdent leur voyelle et prennent une apostrophe : « il m’a dit », « je l’aime », « je n’y vais pas », « j’en veux ». « Lorsque », « puisque » et « quoique » s’élident devant « il », « elle », « on », « un », « une » (« lorsqu’il arrive ») et « jusque » devant « à » (« jusqu’à demain »). Devant un h aspiré, pas d’élision : « je le hais ».",
    example: { incorrect: "Il me a dit bonjour lorsque il est arrivé.", correct: "Il m’a dit bonjour lorsqu’il est arrivé." },
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const next = clause[index + 1];
      if (!isWord(token) || next === undefined || !needsElision(token, next, clause[index - 1])) return;
      const right = withCaseOf(token.value, elided(token.lower));
      // The span runs to the next word, so the fix joins them: « me a » → « m’a ».
      findings.push({
        offset: token.offset,
        length: next.offset - token.offset,
        replacements: [right],
        message: `Devant « ${next.value} », « ${token.value} » s’élide : écrivez « ${right}${next.value} ».`,
      });
    });
    return findings;
  },
};
