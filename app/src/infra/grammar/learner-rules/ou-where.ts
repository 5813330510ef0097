/** ou/où: the question word at the start of a question or after savoir/demander, the conjunction between two nouns. */
import { finiteVerbAfter } from "./subject.js";
import { hasTags, isWord, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

const INVERTED_VERB = /-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)$/u;
const SUBJECT_PRONOUNS = new Set(["je", "j’", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles"]);
/** Verbs after which "où" asks an indirect question: je ne sais pas où, dis-moi où, il demande où. */
const INDIRECT_QUESTION_LEMMAS = /^>(?:savoir|demander|ignorer|deviner|comprendre|voir)\//u;

function isIndirectQuestionVerb(token: AnalyzedToken | undefined): boolean {
  return isWord(token) && (token.morph.some((morph) => INDIRECT_QUESTION_LEMMAS.test(morph)) || /^dis-moi$|^dites-moi$/u.test(token.lower));
}

function questionWordFinding(clause: readonly AnalyzedToken[], index: number): boolean {
  const next = clause[index + 1];
  if (!isWord(next)) return false;
  if (index === 0) return INVERTED_VERB.test(next.lower);
  const before = clause[index - 1];
  const verbBefore = before?.lower === "pas" ? clause[index - 2] : before;
  return isIndirectQuestionVerb(verbBefore) && SUBJECT_PRONOUNS.has(next.lower);
}

/** "où" followed by a noun phrase that ends the clause with no verb: a choice (du thé ou du café, lundi ou mardi). */
function choiceFinding(clause: readonly AnalyzedToken[], index: number): boolean {
  const rest = clause.slice(index + 1);
  if (rest.length === 0 || !hasTags(clause[index - 1], /:N/u)) return false;
  const onlyNounPhrase = rest.every((token) => isWord(token) && hasTags(token, /^:G:D|:[NA]|:M/u) && !hasTags(token, /^:G:[OR]/u));
  return onlyNounPhrase && hasTags(rest[rest.length - 1], /:[NM]/u) && !finiteVerbAfter(clause, index, (token) => hasTags(token, /:[NM]/u));
}

export const ouWhere: LearnerRule = {
  id: "LEARNER_OU_OR_WHERE",
  category: "HOMOPHONES",
  level: "default",
  description: "Confusion entre « ou » et « où »",
  explanation: {
    title: "« ou » (choix) ou « où » (lieu, question) ?",
    explanation:
      "« où », avec un accent, pose une question de lieu ou de moment : où vas-tu ? je ne sais pas où il habite. « ou », sans accent, marque un choix : du thé ou du café.",
    example: { incorrect: "Ou vas-tu ce soir ?", correct: "Où vas-tu ce soir ?" },
    tip: "Si vous pouvez dire « ou bien », écrivez « ou » ; sinon, écrivez « où ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (token.lower === "ou" && questionWordFinding(clause, index)) {
        findings.push(findingOn(token, [withCaseOf(token.value, "où")], "Pour une question de lieu, écrivez « où », avec un accent grave."));
      } else if (token.lower === "où" && choiceFinding(clause, index)) {
        findings.push(findingOn(token, [withCaseOf(token.value, "ou")], "Pour un choix entre deux choses, écrivez « ou », sans accent."));
      }
    });
    return findings;
  },
};
