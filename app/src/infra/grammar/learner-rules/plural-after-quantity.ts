/** After beaucoup de, trop de, peu de…, a countable noun is plural; the plural verb after it shows it is countable. */
import { hasTags, isWord, type AnalyzedToken } from "./analysis.js";
import { genderOf, isSingularOnly, pluralOf } from "./inflection.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

const QUANTITIES = new Set(["beaucoup", "trop", "peu", "assez", "tant", "combien", "plein"]);

/** The first finite verb after `index` is plural (sont, ont réussi): the noun before it is its plural subject. */
function pluralVerbFollows(clause: readonly AnalyzedToken[], index: number): boolean {
  const verb = clause.slice(index + 1).find((token) => hasTags(token, /:V.*:(?:I[pqsf]|K|S[pq])/u));
  return verb !== undefined && hasTags(verb, /:V.*:3p/u) && !hasTags(verb, /:V.*:3s/u);
}

export const pluralAfterQuantity: LearnerRule = {
  id: "LEARNER_PLURAL_AFTER_QUANTITY",
  category: "AGREEMENT",
  level: "default",
  description: "Nom au singulier après une quantité",
  explanation: {
    title: "Le pluriel après « beaucoup de », « trop de », « peu de »",
    explanation:
      "Après « beaucoup de », « trop de », « peu de », « assez de », un nom qu’on peut compter se met au pluriel : beaucoup de personnes, trop de voitures. Un nom qu’on ne compte pas reste au singulier : beaucoup de lait.",
    example: { incorrect: "Beaucoup de personne sont venues.", correct: "Beaucoup de personnes sont venues." },
    tip: "Si vous pouvez dire « deux … », le nom se compte : mettez-le au pluriel.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const preposition = clause[index + 1];
      const noun = clause[index + 2];
      if (!QUANTITIES.has(token.lower) || (preposition?.lower !== "de" && preposition?.lower !== "d’")) return;
      if (!isWord(noun) || !isSingularOnly(noun, /:N/u) || hasTags(noun, /:N.*:[pi]/u)) return;
      if (!pluralVerbFollows(clause, index + 2)) return;
      const plural = pluralOf(noun, genderOf(noun));
      if (!plural) return;
      findings.push(findingOn(noun, [plural], `Après « ${token.value} ${preposition.value} », le nom « ${noun.value} » se met au pluriel : « ${plural} ».`));
    });
    return findings;
  },
};
