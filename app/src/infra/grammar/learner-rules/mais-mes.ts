/** mais/mes: the conjunction before a bare plural noun, and the possessive before what cannot follow a determiner. */
import { hasTags, isBarePluralNoun, isWord, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** What never follows a determiner: another determiner, a pronoun, an adverb, a conjunction, an elided word. */
function cannotFollowDeterminer(token: AnalyzedToken | undefined): boolean {
  if (!isWord(token)) return false;
  if (token.kind === "WORDELD" || hasTags(token, /^:G:D/u)) return true;
  return hasTags(token, /^:G:[OC]|^:W/u) && !hasTags(token, /:[NAB]/u);
}

export const maisMes: LearnerRule = {
  id: "LEARNER_MAIS_MES",
  category: "HOMOPHONES",
  level: "default",
  description: "Confusion entre « mais » et « mes »",
  explanation: {
    title: "« mais » (opposition) ou « mes » (possessif) ?",
    explanation:
      "« mes » est un déterminant possessif pluriel, toujours devant un nom : mes clés, mes parents. « mais » marque une opposition entre deux idées : il est gentil, mais timide.",
    example: { incorrect: "Je cherche mais clés partout.", correct: "Je cherche mes clés partout." },
    tip: "Remplacez par « tes » : si la phrase garde un sens, écrivez « mes » ; si « pourtant » convient, écrivez « mais ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const next = clause[index + 1];
      if (token.lower === "mais" && isBarePluralNoun(next)) {
        findings.push(findingOn(token, [withCaseOf(token.value, "mes")], `Devant le nom « ${next?.value} », il faut le possessif « mes ».`));
      } else if (token.lower === "mes" && cannotFollowDeterminer(next)) {
        findings.push(findingOn(token, [withCaseOf(token.value, "mais")], "« mes » doit être suivi d’un nom ; pour marquer une opposition, écrivez « mais »."));
      }
    });
    return findings;
  },
};
