/**
 * Conjugation exercises generated from Grammalecte's conjugation tables (engine.conjugate). Nothing is
 * stored: an exercise's id ("conj:aller:ipre:1pl") says everything needed to rebuild it, so any instance
 * can serve and check it. The passé composé ("pcom") is built from the verb's auxiliary and past participle.
 */
import type { CefrLevel, Exercise } from "../../infra/db/index.js";
import type { ConjugationTable } from "../../infra/grammar/engine.js";

export const PERSONS = ["1sg", "2sg", "3sg", "1pl", "2pl", "3pl"] as const;
export type Person = (typeof PERSONS)[number];

/** Tenses read from the engine's table, plus "pcom" composed from auxiliary + past participle. */
export const TENSE_NAMES: Record<string, string> = {
  ipre: "présent de l’indicatif",
  iimp: "imparfait de l’indicatif",
  ipsi: "passé simple",
  ifut: "futur simple",
  cpre: "conditionnel présent",
  spre: "présent du subjonctif",
  simp: "imparfait du subjonctif",
  impe: "impératif présent",
  pcom: "passé composé",
};

interface LevelPlan {
  verbs: string[];
  tenses: string[];
  persons: readonly Person[];
}

/** What each CEFR level practises: the usual progression of French courses. */
export const CONJUGATION_PLAN: Record<CefrLevel, LevelPlan> = {
  A1: {
    verbs: ["être", "avoir", "aller", "faire", "parler", "aimer", "habiter", "manger", "finir", "prendre", "venir", "vouloir"],
    tenses: ["ipre"],
    persons: PERSONS,
  },
  A2: {
    verbs: ["regarder", "choisir", "partir", "dire", "voir", "savoir", "mettre", "lire", "écrire", "boire", "pouvoir", "arriver"],
    tenses: ["pcom", "ifut", "iimp", "impe"],
    persons: PERSONS,
  },
  B1: {
    verbs: ["devoir", "recevoir", "connaître", "croire", "tenir", "ouvrir", "courir", "vivre", "suivre", "envoyer", "appeler", "jeter"],
    tenses: ["cpre", "spre", "ifut", "pcom"],
    persons: PERSONS,
  },
  B2: {
    verbs: ["craindre", "peindre", "résoudre", "conclure", "mourir", "naître", "plaire", "rire", "valoir", "acquérir", "s’asseoir", "fuir"],
    tenses: ["spre", "ipsi", "cpre"],
    persons: ["3sg", "3pl", "1sg", "1pl"],
  },
  C1: {
    verbs: ["vaincre", "convaincre", "coudre", "moudre", "haïr", "cueillir", "bouillir", "mouvoir", "émouvoir", "vêtir", "conquérir", "promouvoir"],
    tenses: ["ipsi", "simp", "spre"],
    persons: PERSONS,
  },
  C2: {
    verbs: ["absoudre", "dissoudre", "sourire", "circoncire", "repaître", "croître", "accroître", "ceindre", "oindre", "pourvoir", "surseoir", "requérir"],
    tenses: ["simp", "ipsi", "spre", "ifut"],
    persons: PERSONS,
  },
};

/** Verbs whose h is aspiré: no elision (« je hais », not « j’hais »). */
const H_ASPIRE = new Set(["haïr", "hurler", "hacher", "heurter", "hisser", "hanter", "harceler", "hausser", "hâter"]);

const SUBJECT: Record<Person, string> = { "1sg": "je", "2sg": "tu", "3sg": "il", "1pl": "nous", "2pl": "vous", "3pl": "ils" };

export interface ConjugationExerciseKey {
  infinitive: string;
  tense: string;
  person: Person;
}

export function conjugationExerciseId(key: ConjugationExerciseKey): string {
  return `conj:${key.infinitive}:${key.tense}:${key.person}`;
}

/** The key inside a "conj:…" id, or undefined when the id is not one (stored exercises have other ids). */
export function parseConjugationExerciseId(id: string): ConjugationExerciseKey | undefined {
  const match = /^conj:([\p{L}’'-]{2,40}):([a-z]{4}):([123](?:sg|pl))$/u.exec(id);
  if (!match) return undefined;
  const [, infinitive, tense, person] = match;
  if (infinitive === undefined || tense === undefined || person === undefined) return undefined;
  if (!(tense in TENSE_NAMES)) return undefined;
  return { infinitive, tense, person: person as Person };
}

/** The level whose plan practises this verb and tense, or the first level practising the tense. */
export function levelOf(key: ConjugationExerciseKey): CefrLevel {
  const levels = Object.keys(CONJUGATION_PLAN) as CefrLevel[];
  return (
    levels.find((level) => CONJUGATION_PLAN[level].verbs.includes(key.infinitive) && CONJUGATION_PLAN[level].tenses.includes(key.tense)) ??
    levels.find((level) => CONJUGATION_PLAN[level].tenses.includes(key.tense)) ??
    "B1"
  );
}

/** Bare infinitive as the engine knows it: « s’asseoir » → « asseoir ». */
export function engineInfinitive(infinitive: string): string {
  return infinitive.replace(/^(?:se\s+|s['’])/u, "");
}

function isPronominal(infinitive: string): boolean {
  return /^(?:se\s+|s['’])/u.test(infinitive);
}

const REFLEXIVE: Record<Person, string> = { "1sg": "me", "2sg": "te", "3sg": "se", "1pl": "nous", "2pl": "vous", "3pl": "se" };

function startsWithVowelSound(word: string, infinitive: string): boolean {
  if (/^h/i.test(word)) return !H_ASPIRE.has(engineInfinitive(infinitive));
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(word);
}

function elide(word: string, next: string, infinitive: string): string {
  return startsWithVowelSound(next, infinitive) && /^(je|me|te|se|que)$/.test(word) ? `${word.slice(0, -1)}’` : `${word} `;
}

/** The conjugated form expected for `key`, or undefined when the verb has no such form (defective verbs). */
export function expectedForm(
  key: ConjugationExerciseKey,
  table: ConjugationTable,
  auxiliaries: { avoir: ConjugationTable; être: ConjugationTable },
): string | undefined {
  if (key.tense === "pcom") {
    const auxiliaryName = isPronominal(key.infinitive) ? "être" : (table.auxiliary ?? "avoir");
    const auxiliary = auxiliaries[auxiliaryName].tenses.ipre?.[key.person];
    const plural = key.person.endsWith("pl");
    const participle =
      auxiliaryName === "être" ? (plural ? table.pastParticiple?.mp : table.pastParticiple?.ms) : table.pastParticiple?.ms;
    if (auxiliary === undefined || participle === undefined) return undefined;
    return `${auxiliary} ${participle}`;
  }
  return table.tenses[key.tense]?.[key.person];
}

/** Persons the imperative has (no subject pronoun): tu, nous, vous. */
const IMPERATIVE_PERSONS: readonly Person[] = ["2sg", "1pl", "2pl"];

/** « au présent », « à l’imparfait » : the preposition and article before a tense name. */
export function atTense(tenseName: string): string {
  return /^[aeiouéèêhi]/i.test(tenseName) ? `à l’${tenseName}` : `au ${tenseName}`;
}

function subjectBefore(key: ConjugationExerciseKey, form: string): string {
  if (key.tense === "impe") return "";
  let words = "";
  const subject = SUBJECT[key.person];
  const reflexive = isPronominal(key.infinitive) ? REFLEXIVE[key.person] : undefined;
  const afterSubject = reflexive ?? form;
  words += key.tense === "spre" || key.tense === "simp" ? elide("que", subject, key.infinitive) : "";
  words += elide(subject, afterSubject, key.infinitive);
  if (reflexive !== undefined) words += elide(reflexive, form, key.infinitive);
  return words;
}

const PERSON_NAMES: Record<Person, string> = {
  "1sg": "1re personne du singulier",
  "2sg": "2e personne du singulier",
  "3sg": "3e personne du singulier",
  "1pl": "1re personne du pluriel",
  "2pl": "2e personne du pluriel",
  "3pl": "3e personne du pluriel",
};

function groupName(table: ConjugationTable): string {
  if (table.group === "auxiliaire") return "auxiliaire";
  return table.group ? `${table.group}${table.group === "1" ? "er" : "e"} groupe` : "verbe";
}

function paradigm(key: ConjugationExerciseKey, table: ConjugationTable, auxiliaries: { avoir: ConjugationTable; être: ConjugationTable }): string {
  return PERSONS.flatMap((person) => {
    const form = expectedForm({ ...key, person }, table, auxiliaries);
    if (form === undefined) return [];
    return [`${subjectBefore({ ...key, person }, form)}${form}`.trim()];
  }).join(", ");
}

/** Builds the exercise, or undefined when the verb lacks the form (the id then names no exercise). */
export function buildConjugationExercise(
  key: ConjugationExerciseKey,
  table: ConjugationTable,
  auxiliaries: { avoir: ConjugationTable; être: ConjugationTable },
): Exercise | undefined {
  const form = expectedForm(key, table, auxiliaries);
  const tenseName = TENSE_NAMES[key.tense];
  if (form === undefined || tenseName === undefined) return undefined;
  if (key.tense === "impe" && !IMPERATIVE_PERSONS.includes(key.person)) return undefined;
  const subject = subjectBefore(key, form);
  const blank = key.tense === "impe" ? "___ !" : `${subject}___.`;
  const usesEtre = key.tense === "pcom" && (isPronominal(key.infinitive) || table.auxiliary === "être");
  const agreement = usesEtre && ["1sg", "2sg", "1pl", "2pl"].includes(key.person) ? " (sujet au masculin)" : "";
  const personHint = key.tense === "impe" ? ` (${PERSON_NAMES[key.person]})` : "";
  let explanation = `« ${key.infinitive} » (${groupName(table)}) ${atTense(tenseName)} : ${paradigm(key, table, auxiliaries)}.`;
  if (key.tense === "pcom") {
    explanation +=
      ` Le passé composé se forme avec l’auxiliaire ${usesEtre ? "être" : "avoir"} au présent suivi du participe passé` +
      (usesEtre ? ", qui s’accorde alors avec le sujet (elle est allée, elles sont allées)." : ".");
  }
  return {
    id: conjugationExerciseId(key),
    cefrLevel: levelOf(key),
    type: "conjugation",
    prompt: `Conjuguez « ${key.infinitive} » ${atTense(tenseName)}${personHint}${agreement} : ${blank}`,
    choices: null,
    answer: form,
    explanation,
    ruleId: `conjugation-${key.tense}`,
  };
}

/**
 * Every exercise key of a level, interleaved so that a short prefix already mixes verbs, tenses and
 * persons. The order is fixed (same list for everyone, so it caches); callers page through it.
 */
export function conjugationKeysForLevel(level: CefrLevel): ConjugationExerciseKey[] {
  const plan = CONJUGATION_PLAN[level];
  const cycle = plan.verbs.length * plan.tenses.length;
  const total = cycle * plan.persons.length;
  const keys: ConjugationExerciseKey[] = [];
  for (let index = 0; index < total; index++) {
    const infinitive = plan.verbs[index % plan.verbs.length] as string;
    const tense = plan.tenses[Math.floor(index / plan.verbs.length) % plan.tenses.length] as string;
    // Each pass over verbs × tenses shifts the person, so consecutive exercises change person too.
    const person = plan.persons[(index * 5 + Math.floor(index / cycle)) % plan.persons.length] as Person;
    if (tense === "impe" && !IMPERATIVE_PERSONS.includes(person)) continue;
    keys.push({ infinitive, tense, person });
  }
  return keys;
}
