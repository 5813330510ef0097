import { hasTags, isWord, withCaseOf, type AnalyzedToken, type Person } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { isFormOf, isNounPhrase, subjectPronounPerson, verbGroupStart } from "./verb-context.js";

/** Conjunctions ending in « que » that always take the subjunctive (pour que, avant que…), by the word before « que ». */
const CONJUNCTIONS = new Set(["pour", "afin", "avant", "sans", "pourvu", "moins", "peur", "crainte", "attendant"]);
/** Verbs of will, wish, doubt or feeling whose « que » clause is in the subjunctive (il faut que, je veux que). */
const VERB_LEMMAS = ["falloir", "vouloir", "souhaiter", "désirer", "exiger", "préférer", "aimer", "douter", "ordonner", "demander", "attendre", "regretter", "craindre", "accepter", "refuser", "permettre", "interdire"];
/** Adjectives (and « dommage », « temps ») that take the subjunctive after être: il est important que, je suis content que. */
const ADJECTIVE_LEMMAS = new Set([
  "important", "nécessaire", "essentiel", "indispensable", "possible", "impossible", "préférable", "urgent", "normal", "dommage",
  "temps", "naturel", "rare", "utile", "inutile", "souhaitable", "obligatoire", "content", "heureux", "triste", "désolé", "ravi",
  "surpris", "fier", "étonné", "furieux", "déçu",
]);
/** Adverbs between the verb and « que »: il faut absolument que, je voudrais bien que. */
const ADVERBS = new Set(["absolument", "vraiment", "bien", "tellement", "beaucoup", "mieux", "pas", "très", "plutôt"]);

function lemmaOf(token: AnalyzedToken): string[] {
  return token.morph.map((morph) => morph.slice(1, morph.indexOf("/")));
}

/** True when the words before « que » at `index` call for the subjunctive. */
export function isSubjunctiveTrigger(clause: readonly AnalyzedToken[], index: number): boolean {
  let before = index - 1;
  const word = clause[before];
  if (!isWord(word)) return false;
  if (CONJUNCTIONS.has(word.lower)) return true;
  // bien que, but neither « si bien que » nor « je sais bien que ».
  if (word.lower === "bien") {
    const previous = clause[before - 1];
    return previous === undefined || (previous.kind === "PUNC" && previous.value === ",") || ["et", "mais"].includes(previous.lower);
  }
  // jusqu’à ce que
  if (word.lower === "ce" && clause[before - 1]?.lower === "à" && clause[before - 2]?.lower === "jusqu’") return true;
  // il vaut mieux que
  if (word.lower === "mieux" && isFormOf(clause[before - 1], "valoir")) return true;
  while (before > index - 3 && isWord(clause[before]) && ADVERBS.has(clause[before]?.lower ?? "")) before -= 1;
  const governing = clause[before];
  if (!isWord(governing)) return false;
  if (hasTags(governing, /:V.*:(?:I[pqf]|K|S[pq]|E|Y)/u) && VERB_LEMMAS.some((lemma) => isFormOf(governing, lemma))) return true;
  if (lemmaOf(governing).some((lemma) => ADJECTIVE_LEMMAS.has(lemma)) && hasTags(governing, /^:[NA]/u)) {
    return isFormOf(clause[before - 1], "être");
  }
  // avoir peur que
  return governing.lower === "peur" && isFormOf(clause[before - 1], "avoir");
}

interface SubjectAndVerb {
  person: Person;
  verbIndex: number;
}

/** The subject after « que » at `index` (a pronoun or a noun phrase) and its verb, or null. */
function subjectAndVerbAfter(clause: readonly AnalyzedToken[], index: number): SubjectAndVerb | null {
  for (let verbIndex = index + 2; verbIndex < Math.min(clause.length, index + 8); verbIndex += 1) {
    const verb = clause[verbIndex];
    if (!isWord(verb) || !hasTags(verb, /:V.*:(?:I[pf]|K)/u)) continue;
    const start = verbGroupStart(clause, verbIndex);
    if (start === index + 2) {
      const person = subjectPronounPerson(clause, verbIndex);
      if (person !== null) return { person, verbIndex };
    }
    if (isNounPhrase(clause, index + 1, start)) {
      const plural = hasTags(clause[index + 1], /:p/u) && !hasTags(clause[index + 1], /:[si]/u);
      const singular = hasTags(clause[index + 1], /:[s]/u) || hasTags(clause[index + 1], /:M/u);
      if (plural === singular) return null;
      return { person: plural ? ":3p" : ":3s", verbIndex };
    }
    return null;
  }
  return null;
}

/** The present subjunctive the verb should take, or null when its form already is one (que tu manges). */
export function subjunctiveFor(verb: AnalyzedToken, person: Person): string[] {
  const readings = verb.tags;
  if (readings.some((tags) => tags.includes(":Sp") && tags.includes(person))) return [];
  const lemmas = verb.morph.filter((morph) => /:V.*:(?:I[pf]|K)/u.test(morph) && morph.includes(person)).map((morph) => morph.slice(1, morph.indexOf("/")));
  const forms = verb.verbs.filter((forms) => lemmas.includes(forms.infinitive)).map((forms) => forms.subjunctive?.[person] ?? "");
  return [...new Set(forms.filter((form) => form !== "" && form !== verb.lower))];
}

export const subjunctiveAfterTrigger: LearnerRule = {
  id: "LEARNER_SUBJUNCTIVE_AFTER_TRIGGER",
  category: "CONJUGATION",
  level: "default",
  description: "Indicatif écrit pour un subjonctif après il faut que, pour que, bien que…",
  explanation: {
    title: "Le subjonctif après « il faut que », « pour que », « bien que »…",
    explanation:
      "Après les expressions de volonté, d’obligation, de sentiment ou de doute (il faut que, je veux que, il est important que, je suis content que) et après les conjonctions pour que, afin que, avant que, sans que, bien que, jusqu’à ce que, le verbe se met au subjonctif : « il faut que mon frère vienne ».",
    example: { incorrect: "Il faut que mon frère vient demain.", correct: "Il faut que mon frère vienne demain." },
    tip: "Remplacez le sujet par « tu » : « il faut que tu viennes » s’entend mieux ; gardez la même forme au subjonctif.",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      if (!isWord(token) || (token.lower !== "que" && token.lower !== "qu’") || !isSubjunctiveTrigger(clause, index)) return;
      const found = subjectAndVerbAfter(clause, index);
      if (found === null) return;
      const verb = clause[found.verbIndex] as AnalyzedToken;
      const forms = subjunctiveFor(verb, found.person);
      const first = forms[0];
      if (first === undefined) return;
      findings.push(
        findingOn(
          verb,
          forms.map((form) => withCaseOf(verb.value, form)),
          `Après cette expression, le verbe se met au subjonctif : écrivez « ${first} » et non « ${verb.value} ».`,
        ),
      );
    });
    return findings;
  },
};
