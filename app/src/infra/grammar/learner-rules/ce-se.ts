/** ce written for the reflexive se: between a subject and a conjugated verb (il ce lave). */
import { hasTags, isWord, withCaseOf } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { subjectBefore } from "./subject.js";

export const ceForSe: LearnerRule = {
  id: "LEARNER_CE_FOR_SE",
  category: "HOMOPHONES",
  level: "default",
  description: "« ce » écrit pour le pronom « se »",
  explanation: {
    title: "« se » (pronom) ou « ce » (déterminant) ?",
    explanation:
      "« se » est un pronom placé devant un verbe pronominal : il se lave, elles se promènent. « ce » montre une chose, devant un nom (ce livre) ou dans « c’est », « ce que ».",
    example: { incorrect: "Il ce lave les dents.", correct: "Il se lave les dents." },
    tip: "Conjuguez avec « je » : « je me lave » montre qu’il faut « se ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      const next = clause[index + 1];
      if (token.lower !== "ce" || !isWord(next) || !hasTags(next, /:V.*:(?:I[pqsf]|K|S[pq])/u) || hasTags(next, /^:G/u)) return;
      if (subjectBefore(clause, index) === null) return;
      findings.push(findingOn(token, [withCaseOf(token.value, "se")], `Devant le verbe « ${next.value} », le pronom réfléchi s’écrit « se ».`));
    });
    return findings;
  },
};
