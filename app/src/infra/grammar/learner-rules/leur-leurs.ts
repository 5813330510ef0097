/** leur/leurs: the determiner agrees with its noun; the pronoun before a verb never takes an s. */
import { hasTags, isBarePluralNoun, isWord, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** A subject pronoun or the negation right before: "je leur", "ne leur" are the pronoun. */
function isBeforePronoun(token: AnalyzedToken | undefined): boolean {
  return isWord(token) && (hasTags(token, /^:G:Os/u) || token.lower === "ne" || token.lower === "n’");
}

export const leurLeurs: LearnerRule = {
  id: "LEARNER_LEUR_LEURS",
  category: "AGREEMENT",
  level: "default",
  description: "Accord de « leur »",
  explanation: {
    title: "« leur » ou « leurs » ?",
    explanation:
      "Devant un nom, « leur » s’accorde : leur mère (une seule), leurs voitures (plusieurs). Devant un verbe, « leur » est un pronom qui veut dire « à eux, à elles » et ne prend jamais de s : je leur parle.",
    example: { incorrect: "Je leurs téléphone demain.", correct: "Je leur téléphone demain." },
    tip: "Si vous pouvez dire « lui » à la place (je lui téléphone), c’est le pronom « leur », sans s.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const next = clause[index + 1];
      if (token.lower === "leur" && !isBeforePronoun(clause[index - 1]) && isBarePluralNoun(next)) {
        findings.push(findingOn(token, ["leurs"], `Le nom « ${next?.value} » est au pluriel : écrivez « leurs ».`));
      } else if (token.lower === "leurs" && isBeforePronoun(clause[index - 1]) && hasTags(next, /:V/u)) {
        findings.push(findingOn(token, ["leur"], "Devant un verbe, « leur » est un pronom (à eux, à elles) : il ne prend jamais de s."));
      }
    });
    return findings;
  },
};
