/** An adjective or past participle right after a plural noun of a noun phrase agrees with it: des idées intéressantes. */
import { hasTags, isWord, type AnalyzedToken } from "./analysis.js";
import { genderOf, isSingularOnly, pluralOf } from "./inflection.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

const PLURAL_DETERMINER = /^:G:D.*:p/u;
const PLURAL_NOUN = /:N.*:p/u;

/** A present participle (intéressant) may govern an object: "des idées intéressant les jeunes" is right. */
function mayGovernObject(token: AnalyzedToken, next: AnalyzedToken | undefined): boolean {
  return hasTags(token, /:V.*:P/u) && isWord(next) && !hasTags(next, /^:G:C|^:W/u);
}

export const adjectiveAfterPluralNoun: LearnerRule = {
  id: "LEARNER_ADJECTIVE_AFTER_PLURAL_NOUN",
  category: "AGREEMENT",
  level: "default",
  description: "Adjectif non accordé avec le nom pluriel qu’il suit",
  explanation: {
    title: "L’adjectif s’accorde avec le nom",
    explanation:
      "Un adjectif prend le genre et le nombre du nom qu’il qualifie : des idées intéressantes (féminin pluriel), des films amusants (masculin pluriel).",
    example: { incorrect: "Ce sont des idées intéressant.", correct: "Ce sont des idées intéressantes." },
    tip: "Cherchez le nom que l’adjectif décrit et demandez-vous s’il est masculin ou féminin, singulier ou pluriel.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    for (let index = 2; index < clause.length; index += 1) {
      const determiner = clause[index - 2];
      const noun = clause[index - 1];
      const adjective = clause[index];
      // Without inflections pluralOf has no plural to suggest.
      if (adjective?.inflections === null) continue;
      if (!hasTags(determiner, PLURAL_DETERMINER) || !isWord(noun) || !hasTags(noun, PLURAL_NOUN) || hasTags(noun, /:V/u)) continue;
      if (!isWord(adjective) || !hasTags(adjective, /:A|:V.*:Q/u) || !isSingularOnly(adjective, /:A|:Q/u)) continue;
      if (hasTags(adjective, /^:G/u) || mayGovernObject(adjective, clause[index + 1])) continue;
      const plural = pluralOf(adjective, genderOf(noun));
      if (!plural) continue;
      findings.push(findingOn(adjective, [plural], `« ${adjective.value} » qualifie « ${noun.value} », au pluriel : écrivez « ${plural} ».`));
    }
    return findings;
  },
};
