/** son/sont, on/ont and et/est: a word that sounds like the verb, right after a subject, where the verb belongs. */
import { hasTags, isWord, onlyTags, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { finiteVerbAfter, subjectBefore } from "./subject.js";

const AVOIR_PHRASE_NOUNS = new Set(["faim", "soif", "peur", "raison", "tort", "besoin", "envie", "froid", "chaud", "sommeil", "honte", "mal", "confiance"]);

/** What follows être: an adjective, a past participle or an adverb (sont partis, est très grand). */
function startsEtreComplement(token: AnalyzedToken | undefined): boolean {
  return isWord(token) && hasTags(token, /:[AQW]|:V.*:Q/u) && !hasTags(token, /^:G:(?!W)/u);
}

/** What follows avoir: a determiner, a number, a past participle or the noun of an avoir phrase (ont faim). */
function startsAvoirComplement(token: AnalyzedToken | undefined): boolean {
  if (token?.kind === "NUM") return true;
  if (!isWord(token)) return false;
  return AVOIR_PHRASE_NOUNS.has(token.lower) || onlyTags(token, /:V.*:Q/u) || hasTags(token, /^:G:D|:B/u);
}

interface Confusion {
  written: string;
  verb: string;
  subjectNumber: "s" | "p";
  complement: (token: AnalyzedToken | undefined) => boolean;
  /** Longer subjects may end with an adjective that the word coordinates (une robe longue et élégante). */
  maxSubjectWords: number;
}

function findConfusion(clause: readonly AnalyzedToken[], confusion: Confusion): LearnerFinding[] {
  const findings: LearnerFinding[] = [];
  clause.forEach((token, index) => {
    if (token.lower !== confusion.written) return;
    const subject = subjectBefore(clause, index);
    if (subject?.number !== confusion.subjectNumber || subject.words > confusion.maxSubjectWords) return;
    if (!confusion.complement(clause[index + 1])) return;
    if (finiteVerbAfter(clause, index, (other) => AVOIR_PHRASE_NOUNS.has(other.lower) && other === clause[index + 1])) return;
    findings.push(
      findingOn(
        token,
        [withCaseOf(token.value, confusion.verb)],
        `Après le sujet « ${subject.text} », il faut le verbe : écrivez « ${confusion.verb} » et non « ${token.value} ».`,
      ),
    );
  });
  return findings;
}

export const sonForSont: LearnerRule = {
  id: "LEARNER_SON_FOR_SONT",
  category: "HOMOPHONES",
  level: "default",
  description: "« son » écrit pour le verbe « sont »",
  explanation: {
    title: "« sont » (verbe être) ou « son » (possessif) ?",
    explanation:
      "« sont » est le verbe être au pluriel : ils sont, mes parents sont. « son » est un déterminant possessif devant un nom : son livre, son frère.",
    example: { incorrect: "Mes parents son partis en vacances.", correct: "Mes parents sont partis en vacances." },
    tip: "Remplacez par « étaient » : si la phrase garde un sens, écrivez « sont ».",
  },
  find: (clause) => findConfusion(clause, { written: "son", verb: "sont", subjectNumber: "p", complement: startsEtreComplement, maxSubjectWords: 4 }),
};

export const onForOnt: LearnerRule = {
  id: "LEARNER_ON_FOR_ONT",
  category: "HOMOPHONES",
  level: "default",
  description: "« on » écrit pour le verbe « ont »",
  explanation: {
    title: "« ont » (verbe avoir) ou « on » (pronom) ?",
    explanation:
      "« ont » est le verbe avoir au pluriel : ils ont, les enfants ont. « on » est un pronom sujet, comme « il » : on mange, on a faim.",
    example: { incorrect: "Les enfants on faim.", correct: "Les enfants ont faim." },
    tip: "Remplacez par « avaient » : si la phrase garde un sens, écrivez « ont ».",
  },
  find: (clause) => findConfusion(clause, { written: "on", verb: "ont", subjectNumber: "p", complement: startsAvoirComplement, maxSubjectWords: 4 }),
};

export const etForEst: LearnerRule = {
  id: "LEARNER_ET_FOR_EST",
  category: "HOMOPHONES",
  level: "default",
  description: "« et » écrit pour le verbe « est »",
  explanation: {
    title: "« est » (verbe être) ou « et » (conjonction) ?",
    explanation:
      "« est » est le verbe être : elle est gentille, le ciel est bleu. « et » relie deux mots ou deux idées : du pain et du fromage.",
    example: { incorrect: "Ma voisine et malade depuis lundi.", correct: "Ma voisine est malade depuis lundi." },
    tip: "Remplacez par « était » : si la phrase garde un sens, écrivez « est » ; sinon, « et ».",
  },
  find: (clause) => findConfusion(clause, { written: "et", verb: "est", subjectNumber: "s", complement: startsEtreComplement, maxSubjectWords: 2 }),
};
