import { hasTags, isWord, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** The first noun of the group after the demonstrative (cet énorme héros → héros), for its gender. */
function headNoun(clause: readonly AnalyzedToken[], index: number): AnalyzedToken | undefined {
  for (let at = index + 1; at < Math.min(clause.length, index + 4); at += 1) {
    const token = clause[at];
    if (!isWord(token)) return undefined;
    if (hasTags(token, /^:N/u)) return token;
  }
  return undefined;
}

/** A noun or adjective that can only be one (not « ce à quoi », « ce en quoi », « ce est »). */
function isNounOrAdjectiveOnly(token: AnalyzedToken | undefined): token is AnalyzedToken {
  return isWord(token) && hasTags(token, /^:(?:N|A)/u) && !hasTags(token, /:V|^:G/u);
}

export const cetBeforeVowelSound: LearnerRule = {
  id: "LEARNER_CET_BEFORE_VOWEL_SOUND",
  category: "ELISION",
  level: "default",
  description: "« cet » devant une voyelle ou un h muet, « ce » devant un h aspiré",
  explanation: {
    title: "« ce » ou « cet » : le son qui suit",
    explanation:
      "Devant un nom masculin qui commence par une voyelle ou un h muet, on écrit « cet » : cet arbre, cet homme, cet hiver. Devant un h aspiré (on ne fait pas la liaison), on garde « ce » : ce héros, ce hibou, ce hasard, ce yaourt. Au féminin, c’est toujours « cette ».",
    example: { incorrect: "Cet héros est courageux.", correct: "Ce héros est courageux." },
    tip: "Si on dit « le héros » (et non « l’héros »), le h est aspiré : on écrit « ce héros ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (token.lower !== "cet" && token.lower !== "ce") return;
      const next = clause[index + 1];
      if (!isWord(token) || !isWord(next) || !hasTags(next, /^:(?:N|A)/u)) return;
      const noun = headNoun(clause, index);
      const feminine = hasTags(noun, /^:N:f/u) && !hasTags(noun, /^:N:[me]/u);
      // « cet » is only a determiner: whatever follows is its noun group, even « hache » (also a verb).
      if (token.lower === "cet" && !next.elides) {
        const right = feminine ? "cette" : "ce";
        findings.push(findingOn(token, [withCaseOf(token.value, right)], `« ${next.value} » ne permet pas la liaison (h aspiré ou consonne) : écrivez « ${right} ${next.value} ».`));
      } else if (token.lower === "ce" && next.elides && !feminine && isNounOrAdjectiveOnly(next)) {
        findings.push(findingOn(token, [withCaseOf(token.value, "cet")], `Devant « ${next.value} », qui commence par une voyelle ou un h muet, écrivez « cet ».`));
      }
    });
    return findings;
  },
};
