import { FINITE_VERB, hasTags, isWord, onlyTags, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { clauseStarts, subjectPhraseAt } from "./noun-phrase.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** Nouns that follow avoir without a determiner in common phrases (avoir faim, avoir raison…). */
const AVOIR_PHRASE_NOUNS = new Set(["faim", "soif", "peur", "raison", "tort", "besoin", "envie", "froid", "chaud", "sommeil", "honte", "mal", "confiance"]);

/**
 * What may follow "a" (avoir) and rarely follows "à" in a clause without any other verb: a determiner
 * other than the definite article (à la maison, au, aux are places), a number, a past participle, or a
 * noun of an avoir phrase.
 */
function startsAvoirComplement(token: AnalyzedToken | undefined): boolean {
  if (token?.kind === "NUM") return true;
  if (!isWord(token)) return false;
  if (AVOIR_PHRASE_NOUNS.has(token.lower)) return true;
  if (onlyTags(token, /:V.*:Q/u)) return true;
  if (hasTags(token, /:B/u)) return true;
  return hasTags(token, /^:G:D/u) && !["la", "l’", "le", "les"].includes(token.lower);
}

/**
 * A finite verb after `except` other than the avoir phrase noun right after it, unless it can be a noun or
 * adjective inside a noun phrase (une porte, une voiture rouge). The subject before is a noun phrase, whose
 * words may also read as verbs (Marie, from marier).
 */
function hasOtherFiniteVerb(clause: readonly AnalyzedToken[], except: number): boolean {
  return clause.some(
    (token, index) =>
      index > except &&
      !(index === except + 1 && AVOIR_PHRASE_NOUNS.has(token.lower)) &&
      hasTags(token, FINITE_VERB) &&
      !(hasTags(token, /:[NA]/u) && hasTags(clause[index - 1], /^:G:D|:[NA]/u)),
  );
}

export const aVerbAfterNounSubject: LearnerRule = {
  id: "LEARNER_A_VERB_AFTER_NOUN_SUBJECT",
  category: "HOMOPHONES",
  level: "default",
  description: "« à » écrit pour le verbe avoir après un sujet nom",
  explanation: {
    title: "« a » (verbe avoir) après un sujet nom",
    explanation:
      "Après un sujet comme « ma mère », « le professeur » ou « Paul », le verbe avoir s’écrit « a », sans accent. « à » est une préposition : elle ne peut pas être le verbe de la phrase.",
    example: { incorrect: "Ma mère à une voiture rouge.", correct: "Ma mère a une voiture rouge." },
    tip: "Remplacez par « avait » : « Ma mère avait une voiture » a un sens, donc on écrit « a ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    if (!clause.some((token) => token.lower === "à")) return findings;
    for (const start of clauseStarts(clause)) {
      const subject = subjectPhraseAt(clause, start);
      const candidate = subject ? clause[subject.end] : undefined;
      if (!subject || candidate?.lower !== "à" || subject.number === "p") continue;
      if (!startsAvoirComplement(clause[subject.end + 1]) || hasOtherFiniteVerb(clause, subject.end)) continue;
      findings.push(
        findingOn(
          candidate,
          [withCaseOf(candidate.value, "a")],
          `Le sujet « ${subject.head.value} » demande ici le verbe avoir : écrivez « a », sans accent (« à » est une préposition).`,
        ),
      );
    }
    return findings;
  },
};
