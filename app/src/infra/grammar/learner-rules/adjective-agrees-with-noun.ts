import { hasTags, isWord, type AnalyzedToken, type Inflections } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** Adverbs of degree between a noun and its adjective: des idées très intéressantes. */
const DEGREE_ADVERBS = new Set(["très", "vraiment", "si", "trop", "assez", "plus", "moins", "bien", "tellement", "aussi", "peu", "super", "extrêmement", "particulièrement"]);
const COORDINATION = new Set(["et", "ou", "ni", ","]);
const CLAUSE_GOES_ON = new Set(["et", "ou", "mais", ","]);

type Gender = "m" | "f";
type GrammaticalNumber = "s" | "p";

interface Agreement {
  gender: Gender | null;
  number: GrammaticalNumber;
}

function genders(tags: readonly string[]): Set<string> {
  return new Set(tags.flatMap((tag) => tag.match(/:([mfe])(?=:|$)/u)?.slice(1) ?? []));
}

function numbers(tags: readonly string[]): Set<string> {
  return new Set(tags.flatMap((tag) => tag.match(/:([spi])(?=:|$|;)/u)?.slice(1) ?? []));
}

/** The gender and number a determiner and its noun call for (des idées → f, p), or null when they are unclear. */
export function nounPhraseAgreement(determiner: AnalyzedToken, noun: AnalyzedToken): Agreement | null {
  const determinerTags = determiner.tags.filter((tags) => tags.startsWith(":G:D"));
  const nounTags = noun.tags.filter((tags) => tags.startsWith(":N"));
  const determinerNumbers = numbers(determinerTags);
  const nounNumbers = numbers(nounTags);
  const number = determinerNumbers.size === 1 && !determinerNumbers.has("i") ? [...determinerNumbers][0] : nounNumbers.size === 1 && !nounNumbers.has("i") ? [...nounNumbers][0] : null;
  if (number !== "s" && number !== "p") return null;
  const nounGenders = genders(nounTags);
  const determinerGenders = genders(determinerTags);
  const clear = (set: Set<string>): Gender | null => (set.size === 1 && (set.has("m") || set.has("f")) ? ([...set][0] as Gender) : null);
  return { gender: clear(nounGenders) ?? clear(determinerGenders), number };
}

function agrees(adjective: AnalyzedToken, agreement: Agreement): boolean {
  return adjective.tags
    .filter((tags) => /^:(?:N:)?A|:Q/u.test(tags))
    .some((tags) => {
      const tagGenders = genders([tags]);
      const tagNumbers = numbers([tags]);
      const genderFits = agreement.gender === null || tagGenders.has("e") || tagGenders.has(agreement.gender) || tagGenders.size === 0;
      const numberFits = tagNumbers.has("i") || tagNumbers.has(agreement.number) || tagNumbers.size === 0;
      return genderFits && numberFits;
    });
}

/** The adjective's forms for the agreement, those built on the word itself first (intéressant → intéressantes before intéressées). */
export function agreedForms(adjective: AnalyzedToken, agreement: Agreement): string[] {
  const inflections = adjective.inflections as Inflections;
  const ownGender = genders(adjective.tags.filter((tags) => /^:(?:N:)?A/u.test(tags)));
  const gender: Gender = agreement.gender ?? (ownGender.has("f") && !ownGender.has("m") ? "f" : "m");
  const forms = inflections[`${gender}${agreement.number}`];
  const stem = adjective.lower.slice(0, Math.max(3, adjective.lower.length - 2));
  return [...new Set(forms)].sort((a, b) => Number(b.startsWith(stem)) - Number(a.startsWith(stem)));
}

function isAdjective(token: AnalyzedToken | undefined): token is AnalyzedToken {
  return isWord(token) && hasTags(token, /^:(?:N:)?A/u) && token.inflections !== null;
}

/** The adjective ends its group: a present participle with an object (des idées intéressant les élèves) would go on. */
function endsGroup(next: AnalyzedToken | undefined): boolean {
  return next === undefined || next.kind === "PUNC" || CLAUSE_GOES_ON.has(next.lower);
}

export const adjectiveAgreement: LearnerRule = {
  id: "LEARNER_ADJECTIVE_AGREEMENT",
  category: "AGREEMENT",
  level: "default",
  description: "Adjectif qui ne s’accorde pas avec le nom qu’il qualifie",
  explanation: {
    title: "L’adjectif s’accorde avec le nom",
    explanation:
      "Un adjectif prend le genre et le nombre du nom qu’il qualifie : « des idées intéressantes » (féminin pluriel, comme « idées »), « une question importante ». C’est vrai aussi pour les adjectifs en « -ant » qui viennent d’un verbe (intéressant, amusant, charmant).",
    example: { incorrect: "C’est une question important.", correct: "C’est une question importante." },
    tip: "Cherchez le nom avec son déterminant (des idées) : féminin ? ajoutez « -e » ; pluriel ? ajoutez « -s ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((adjective, index) => {
      if (!isAdjective(adjective) || !endsGroup(clause[index + 1])) return;
      let nounIndex = index - 1;
      while (nounIndex > 0 && DEGREE_ADVERBS.has(clause[nounIndex]?.lower ?? "")) nounIndex -= 1;
      const noun = clause[nounIndex];
      const determiner = clause[nounIndex - 1];
      if (!isWord(noun) || !hasTags(noun, /^:N/u) || hasTags(noun, /^:G/u) || !isWord(determiner) || !hasTags(determiner, /^:G:D/u)) return;
      const beforeDeterminer = clause[nounIndex - 2];
      // un garçon et une fille intelligents; une tasse de thé chaud: the adjective may go with another noun.
      if (beforeDeterminer !== undefined && (COORDINATION.has(beforeDeterminer.lower) || (["de", "d’", "des", "du"].includes(determiner.lower) && hasTags(beforeDeterminer, /^:N/u) && !hasTags(beforeDeterminer, /:V/u)))) return;
      const agreement = nounPhraseAgreement(determiner, noun);
      if (agreement === null || agrees(adjective, agreement)) return;
      const forms = agreedForms(adjective, agreement).filter((form) => form !== adjective.lower);
      const first = forms[0];
      if (first === undefined) return;
      findings.push(findingOn(adjective, forms, `L’adjectif « ${adjective.value} » s’accorde avec « ${noun.value} » : écrivez « ${first} ».`));
    });
    return findings;
  },
};
