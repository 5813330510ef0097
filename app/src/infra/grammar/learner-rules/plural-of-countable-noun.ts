import { hasTags, isWord, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";

/** Adverbs of quantity followed by « de » and a noun: beaucoup de, trop de, combien de… */
const QUANTITY_ADVERBS = new Set(["beaucoup", "trop", "peu", "combien", "assez", "tant", "autant", "moins", "plein"]);
/** A word before a number that makes it a date or a rank (le deux mai, chapitre trois): no plural then. */
function makesNumberARank(token: AnalyzedToken | undefined): boolean {
  return hasTags(token, /^:G:D/u) || (hasTags(token, /^:N/u) && !hasTags(token, /:V/u));
}

/** A singular noun that cannot be read as plural, an adverb, a pronoun or a plain adjective. */
function isSingularOnlyNoun(token: AnalyzedToken | undefined): token is AnalyzedToken {
  return (
    isWord(token) &&
    token.inflections !== null &&
    hasTags(token, /^:N.*:s/u) &&
    !hasTags(token, /:[pi]\b|:[pi]$/u) &&
    !hasTags(token, /^:(?:W|G|A|M)/u)
  );
}

/**
 * A noun of people or animals, which counts: Grammalecte gives it both genders (un élève, une élève) or a
 * feminine of its own (chat, chatte; voisin, voisine). Mass nouns (eau, travail, chance) have one gender.
 */
function countsAsPeopleOrAnimals(token: AnalyzedToken): boolean {
  const inflections = token.inflections;
  if (hasTags(token, /^:N:e/u)) return true;
  if (inflections === null || inflections.ms.length === 0) return false;
  // The inflections mix every reading: « monde » gets « mondée » from the verb monder, which is no feminine of the noun.
  // The worker sends the past participles of every verb of a word with inflections.
  const participles = new Set(token.verbs.map((verb) => verb.pastParticiple?.fs));
  return inflections.fs.some((form) => form !== token.lower && !participles.has(form));
}

function pluralsOf(token: AnalyzedToken): string[] {
  const inflections = token.inflections;
  if (inflections === null) return [];
  const gender = hasTags(token, /^:N.*:f/u) ? inflections.fp : hasTags(token, /^:N.*:m/u) ? inflections.mp : [...inflections.mp, ...inflections.fp];
  return [...new Set(gender.map((form) => withCaseOf(token.value, form)))];
}

function isNumberAboveOne(token: AnalyzedToken | undefined): boolean {
  if (token?.kind === "NUM") return /^\d+$/u.test(token.value) && Number(token.value) > 1;
  return isWord(token) && hasTags(token, /^:B/u) && token.lower !== "un" && token.lower !== "une" && token.lower !== "zéro";
}

type Quantity = "number" | "nombreux" | "adverb";

/** What makes the noun at `index` plural: a number before it, « de nombreux », or an adverb of quantity with « de ». */
function quantityBefore(clause: readonly AnalyzedToken[], index: number): Quantity | null {
  const before = clause[index - 1];
  if (isNumberAboveOne(before)) return makesNumberARank(clause[index - 2]) ? null : "number";
  if (!isWord(before)) return null;
  if ((before.lower === "nombreux" || before.lower === "nombreuses") && clause[index - 2]?.lower === "de") return "nombreux";
  if ((before.lower === "de" || before.lower === "d’") && isWord(clause[index - 2]) && QUANTITY_ADVERBS.has(clause[index - 2]?.lower ?? "")) return "adverb";
  return null;
}

/** After an adverb of quantity only nouns of people or animals: « beaucoup de travail » is right, the lexicon cannot tell it from « beaucoup de voiture ». */
function pluralFindings(clause: readonly AnalyzedToken[]): LearnerFinding[] {
  const findings: LearnerFinding[] = [];
  clause.forEach((token, index) => {
    if (!isSingularOnlyNoun(token)) return;
    const quantity = quantityBefore(clause, index);
    if (quantity === null || (quantity === "adverb" && !countsAsPeopleOrAnimals(token))) return;
    const plurals = pluralsOf(token);
    const first = plurals[0];
    if (first === undefined || first === token.value) return;
    const quantityWords = clause.slice(Math.max(0, index - (quantity === "number" ? 1 : 2)), index).map((word) => word.value).join(" ");
    findings.push(findingOn(token, plurals, `Après « ${quantityWords} », le nom se met au pluriel : écrivez « ${first} ».`));
  });
  return findings;
}

export const pluralOfCountableNoun: LearnerRule = {
  id: "LEARNER_PLURAL_OF_COUNTABLE_NOUN",
  category: "AGREEMENT",
  level: "default",
  description: "Nom au singulier après un nombre, « de nombreux » ou « beaucoup de » (nom de personne ou d’animal)",
  explanation: {
    title: "Le pluriel après une quantité",
    explanation:
      "Après un nombre plus grand que un (deux, trois, 10), après « de nombreux » et après beaucoup de, trop de, peu de, combien de, assez de, un nom qu’on peut compter se met au pluriel : « deux livres », « beaucoup d’élèves ». Un nom qu’on ne compte pas reste au singulier : « beaucoup de travail », « peu de temps ».",
    example: { incorrect: "Il y a beaucoup de touriste en été.", correct: "Il y a beaucoup de touristes en été." },
    tip: "Demandez-vous si on peut dire « un, deux, trois… » avant le nom : « trois touristes » oui, donc pluriel ; « trois travails » non, donc singulier.",
  },
  find: pluralFindings,
};
