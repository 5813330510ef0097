import type { VerbGuess } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** Irregular verbs (third group) first: a learner who writes "ouvru" means ouvrir, not ouvrer. */
function byIrregularFirst(a: VerbGuess, b: VerbGuess): number {
  return Number(b.group === "3") - Number(a.group === "3");
}

const TENSE_NAMES: Readonly<Record<string, string>> = {
  ":Ip": "au présent",
  ":If": "au futur",
  ":K": "au conditionnel",
  ":Q": "au participe passé",
};

export const irregularVerb: LearnerRule = {
  id: "LEARNER_IRREGULAR_VERB_AS_REGULAR",
  category: "CONJUGATION",
  level: "default",
  description: "Verbe irrégulier conjugué comme un verbe régulier",
  explanation: {
    title: "Verbe irrégulier conjugué comme un verbe régulier",
    explanation:
      "Les verbes irréguliers (dire, faire, prendre, venir, mourir, ouvrir…) ne suivent pas les terminaisons habituelles : on dit « vous dites », « il a pris », « je viendrai », et non « vous disez », « il a prendu », « je venirai ». Leurs formes s’apprennent par cœur.",
    example: { incorrect: "Vous disez la vérité.", correct: "Vous dites la vérité." },
    tip: "Regardez le tableau de conjugaison du verbe : les formes irrégulières y sont toutes.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    for (const token of clause) {
      if (token.verbGuesses.length === 0 || token.value.charAt(0) !== token.lower.charAt(0)) continue;
      const guesses = [...token.verbGuesses].sort(byIrregularFirst);
      const best = guesses[0] as VerbGuess;
      const forms = [...new Set(guesses.map((guess) => guess.form))];
      findings.push(
        findingOn(
          token,
          forms,
          `« ${token.value} » n’existe pas : le verbe « ${best.infinitive} » est irrégulier ; ${TENSE_NAMES[best.tense] ?? "ici"}, écrivez « ${best.form} ».`,
        ),
      );
    }
    return findings;
  },
};
