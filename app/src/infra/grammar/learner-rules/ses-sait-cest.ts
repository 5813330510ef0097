/** ses/ces written for c’est, and sait written for s’est: a determiner with no noun after it, savoir before a past participle. */
import { hasTags, isWord, onlyTags, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/**
 * An adverb not followed by a plural noun or adjective (ses vraiment, but ces très beaux jours), or an
 * adjective that can only be singular (difficile, cher): not what follows ses/ces.
 */
function startsCestComplement(token: AnalyzedToken | undefined, after: AnalyzedToken | undefined): boolean {
  if (!isWord(token)) return false;
  if (onlyTags(token, /^:(?:G:)?W/u)) return !hasTags(after, /:[NA].*:[pi]/u);
  return hasTags(token, /:A/u) && !hasTags(token, /:[pi]\b|:[pi]$|:N|:V/u);
}

export const sesForCest: LearnerRule = {
  id: "LEARNER_SES_FOR_CEST",
  category: "HOMOPHONES",
  level: "default",
  description: "« ses » ou « ces » écrit pour « c’est »",
  explanation: {
    title: "« c’est », « ses » ou « ces » ?",
    explanation:
      "« ses » et « ces » sont des déterminants pluriels : ils sont suivis d’un nom (ses clés, ces livres). Devant un adjectif ou un adverbe seul, c’est « c’est » : c’est difficile, c’est vraiment cher.",
    example: { incorrect: "Je trouve que ses difficile.", correct: "Je trouve que c’est difficile." },
    tip: "Mettez la phrase au passé : si « c’était » convient, écrivez « c’est ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if ((token.lower === "ses" || token.lower === "ces") && startsCestComplement(clause[index + 1], clause[index + 2])) {
        findings.push(findingOn(token, [withCaseOf(token.value, "c’est")], `« ${token.value} » doit être suivi d’un nom ; ici, écrivez « c’est ».`));
      }
    });
    return findings;
  },
};

export const saitForSest: LearnerRule = {
  id: "LEARNER_SAIT_FOR_SEST",
  category: "HOMOPHONES",
  level: "default",
  description: "« sait » écrit pour « s’est »",
  explanation: {
    title: "« s’est » ou « sait » ?",
    explanation:
      "« s’est » est l’auxiliaire être d’un verbe pronominal : il s’est lavé, elle s’est levée. « sait » est le verbe savoir, suivi d’un infinitif ou d’un complément : il sait nager.",
    example: { incorrect: "Il sait lavé les mains.", correct: "Il s’est lavé les mains." },
    tip: "Mettez la phrase avec « je » : « je me suis lavé » montre qu’il faut « s’est ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const next = clause[index + 1];
      if (token.lower === "sait" && isWord(next) && onlyTags(next, /:V.*:Q/u)) {
        findings.push(findingOn(token, ["s’est"], `Devant le participe passé « ${next.value} », écrivez « s’est » (verbe pronominal), pas « sait » (savoir).`));
      }
    });
    return findings;
  },
};
