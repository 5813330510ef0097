/** la written for the adverb là: where a place is meant, with no noun or verb for an article or pronoun to go with. */
import { hasTags, isWord, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** What ends a place adverb's phrase: the end of the clause, a comma, a preposition or an adverb. */
function endsPhrase(token: AnalyzedToken | undefined): boolean {
  if (token === undefined) return true;
  if (token.kind === "PUNC") return token.value === "," || token.value === ")";
  return isWord(token) && hasTags(token, /^:G:R|^:W/u) && !hasTags(token, /:[NAV]|:G:[DO]/u);
}

/** A form of être (je suis là) or a noun (le livre là): an article "la" has no noun after it there. */
function placeBefore(token: AnalyzedToken | undefined): boolean {
  return isWord(token) && (token.morph.some((morph) => morph.startsWith(">être/")) || (hasTags(token, /:N/u) && !hasTags(token, /:V|^:G/u)));
}

export const laForThere: LearnerRule = {
  id: "LEARNER_LA_FOR_THERE",
  category: "HOMOPHONES",
  level: "default",
  description: "« la » écrit pour l’adverbe « là »",
  explanation: {
    title: "« là » (lieu) ou « la » (article, pronom) ?",
    explanation:
      "« là », avec un accent grave, indique un lieu : je suis là, mets-le là. « la », sans accent, est un article devant un nom (la table) ou un pronom devant un verbe (je la vois).",
    example: { incorrect: "Je suis la depuis midi.", correct: "Je suis là depuis midi." },
    tip: "Remplacez par « ici » : si la phrase garde un sens, écrivez « là ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (token.lower === "la" && placeBefore(clause[index - 1]) && endsPhrase(clause[index + 1])) {
        findings.push(findingOn(token, ["là"], "« la » n’est suivi ici d’aucun nom ni verbe : pour un lieu, écrivez « là », avec un accent grave."));
      }
    });
    return findings;
  },
};
