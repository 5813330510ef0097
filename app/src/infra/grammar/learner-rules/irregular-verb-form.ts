import { isWord, withCaseOf, type AnalyzedToken, type VerbGuess } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { isFormOf, subjectPronounPerson } from "./verb-context.js";

const ADVERBS_AFTER_AUXILIARY = new Set(["pas", "jamais", "déjà", "bien", "toujours", "encore", "souvent"]);

function isAuxiliary(token: AnalyzedToken | undefined): boolean {
  return isFormOf(token, "avoir") || isFormOf(token, "être");
}

/** Avoir or être right before `index`, or before one adverb (il n’a pas prendu). */
export function followsAuxiliary(clause: readonly AnalyzedToken[], index: number): boolean {
  const before = clause[index - 1];
  return isAuxiliary(before) || (isWord(before) && ADVERBS_AFTER_AUXILIARY.has(before.lower) && isAuxiliary(clause[index - 2]));
}

/**
 * The guesses the context supports first: a past participle after avoir or être, a conjugated form of the
 * subject pronoun's person; otherwise the worker's order (endings on the infinitive first, then on a stem).
 */
export function rankedGuesses(guesses: readonly VerbGuess[], clause: readonly AnalyzedToken[], index: number): VerbGuess[] {
  const person = subjectPronounPerson(clause, index);
  const afterAuxiliary = followsAuxiliary(clause, index);
  const score = (guess: VerbGuess): number =>
    (guess.tense === ":Q" && afterAuxiliary ? 2 : 0) + (person !== null && guess.person === person ? 2 : 0) + (guess.tense === ":Q" && !afterAuxiliary && person !== null ? -1 : 0);
  return guesses.map((guess, order) => ({ guess, order })).sort((a, b) => score(b.guess) - score(a.guess) || a.order - b.order).map(({ guess }) => guess);
}

/** A word the lexicon does not know, written at the start of the clause or in lower case (not a name). */
function isUnknownCommonWord(token: AnalyzedToken, index: number): boolean {
  if (token.kind !== "WORD" || token.morph.length > 0 || token.value.includes("-")) return false;
  return index === 0 || token.value === token.lower;
}

export const irregularVerbForm: LearnerRule = {
  id: "LEARNER_IRREGULAR_VERB_FORM",
  category: "CONJUGATION",
  level: "default",
  description: "Verbe irrégulier conjugué comme un verbe régulier",
  explanation: {
    title: "Verbe irrégulier conjugué comme un verbe régulier",
    explanation:
      "Les verbes irréguliers (dire, faire, prendre, venir, mourir…) ne suivent pas les terminaisons habituelles : on dit « vous dites », « j’ai pris », « je viendrai », « il est mort », et non « vous disez », « j’ai prendu », « je venirai », « il est mourru ».",
    example: { incorrect: "Vous disez toujours la vérité.", correct: "Vous dites toujours la vérité." },
    tip: "Consultez la conjugaison du verbe : les formes irrégulières s’apprennent par cœur, surtout le participe passé et le futur.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (token.verbGuesses.length === 0 || !isUnknownCommonWord(token, index)) return;
      const ranked = rankedGuesses(token.verbGuesses, clause, index);
      const best = ranked[0] as VerbGuess;
      const forms = [...new Set(ranked.map((guess) => withCaseOf(token.value, guess.form)))];
      findings.push(
        findingOn(token, forms, `« ${token.value} » n’existe pas : le verbe « ${best.infinitive} » est irrégulier. Écrivez « ${best.form} ».`),
      );
    });
    return findings;
  },
};
