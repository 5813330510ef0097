import { FINITE_VERB, hasTags, isWord, type AnalyzedToken } from "./analysis.js";
import { clauseStarts } from "./noun-phrase.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { isFormOf, isNounPhrase, subjectPronounBefore, verbGroupStart } from "./verb-context.js";

const ADVERBS = new Set(["pas", "jamais", "plus", "bien", "déjà", "toujours", "encore", "souvent", "vraiment", "beaucoup", "enfin", "rien", "tout"]);

type Agreement = "ms" | "fs" | "mp" | "fp";

/** The agreements a past participle with être may take after each subject pronoun, likeliest first. */
const PRONOUN_AGREEMENTS: Readonly<Record<string, Agreement[]>> = {
  je: ["ms", "fs"],
  "j’": ["ms", "fs"],
  tu: ["ms", "fs"],
  il: ["ms"],
  on: ["ms", "mp", "fp"],
  elle: ["fs"],
  nous: ["mp", "fp"],
  vous: ["mp", "fp", "ms", "fs"],
  ils: ["mp"],
  elles: ["fp"],
};

interface Auxiliary {
  verb: "avoir" | "être";
  /** Agreements of the participle, likeliest first: "ms" alone after avoir. */
  agreements: Agreement[];
}

/** The auxiliary at `index` with the subject before it, or null when it has none (a pronoun or a noun phrase starting the clause). */
function auxiliaryWithSubject(clause: readonly AnalyzedToken[], index: number): Auxiliary | null {
  const token = clause[index];
  const verb = isFormOf(token, "avoir") ? "avoir" : isFormOf(token, "être") ? "être" : null;
  if (verb === null || !hasTags(token, /:V.*:(?:I[pqf]|K)/u)) return null;
  const pronoun = subjectPronounBefore(clause, index);
  if (pronoun !== null) return { verb, agreements: verb === "avoir" ? ["ms"] : (PRONOUN_AGREEMENTS[pronoun.lower] ?? ["ms"]) };
  // « L’important est participer » is said: after a noun subject, only avoir.
  if (verb === "être") return null;
  const groupStart = verbGroupStart(clause, index);
  const hasNounSubject = clauseStarts(clause).some((start) => isNounPhrase(clause, start, groupStart));
  return hasNounSubject ? { verb, agreements: ["ms"] } : null;
}

export const infinitiveForPastParticiple: LearnerRule = {
  id: "LEARNER_INFINITIVE_FOR_PAST_PARTICIPLE",
  category: "GRAMMAR",
  level: "default",
  description: "Infinitif écrit pour un participe passé après avoir ou être",
  explanation: {
    title: "Participe passé après avoir et être",
    explanation:
      "Au passé composé, l’auxiliaire avoir ou être est suivi du participe passé : « j’ai fini », « elle est partie », et non de l’infinitif « j’ai finir », « elle est partir ».",
    example: { incorrect: "Ils ont finir leur travail.", correct: "Ils ont fini leur travail." },
    tip: "Remplacez par « prendre » : on dit « ils ont pris », pas « ils ont prendre » ; il faut donc le participe passé.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (!isWord(token) || !hasTags(token, /:V.*:Y/u) || hasTags(token, FINITE_VERB)) return;
      const auxiliaryIndex = isWord(clause[index - 1]) && ADVERBS.has(clause[index - 1]?.lower ?? "") ? index - 2 : index - 1;
      const auxiliary = auxiliaryWithSubject(clause, auxiliaryIndex);
      // The worker sends the past participles of every verb of a word with an infinitive reading.
      const forms = token.verbs.find((verb) => verb.infinitive === token.lower)?.pastParticiple;
      if (auxiliary === null || forms === undefined) return;
      const participles = [...new Set(auxiliary.agreements.map((agreement) => forms[agreement] ?? "").filter((form) => form !== ""))];
      const first = participles[0];
      if (first === undefined) return;
      findings.push(
        findingOn(token, participles, `Après l’auxiliaire ${auxiliary.verb}, le verbe se met au participe passé : écrivez « ${first} » et non l’infinitif « ${token.value} ».`),
      );
    });
    return findings;
  },
};
