import { hasTags, isWord, tagsOf, withCaseOf, type AnalyzedToken } from "./analysis.js";
import { findingOn, type LearnerFinding, type LearnerRule } from "./rule.js";
import { isFormOf } from "./verb-context.js";

/** Verbs followed by a bare infinitive (je peux partir, il va finir, il faut dormir). */
const MODAL_LEMMAS = ["pouvoir", "devoir", "vouloir", "aller", "savoir", "falloir"];
const PREPOSITIONS = new Set(["pour", "sans", "de", "d’", "à"]);
/** Adverbs that may stand between a modal and its infinitive (je ne peux pas partir). */
const ADVERBS = new Set(["pas", "jamais", "plus", "bien", "vraiment", "encore", "toujours", "déjà", "enfin", "rien"]);
/** Verbs with which « pour » introduces an attribute: tenir pour acquis, laisser pour mort, donner pour perdu. */
const ATTRIBUTE_WITH_POUR = ["tenir", "laisser", "donner", "prendre", "passer", "compter"];
/** Words after which « de » introduces an adjective: rien de prévu, quelque chose de fini. */
const ADJECTIVE_WITH_DE = new Set(["rien", "chose", "personne", "quoi", "ceci", "cela", "ça", "autre", "plus", "moins"]);

const FINITE = /:V.*:(?:I[pqsf]|K|S[pq]|E)/u;

function isModal(token: AnalyzedToken | undefined): boolean {
  return token !== undefined && hasTags(token, FINITE) && MODAL_LEMMAS.some((lemma) => isFormOf(token, lemma));
}

/** The infinitives of a token's past participle readings: fini → finir. */
export function participleLemmas(token: AnalyzedToken): string[] {
  const lemmas = token.morph.filter((morph) => /:V.*:Q/u.test(tagsOf(morph))).map((morph) => morph.slice(1, morph.indexOf("/")));
  return [...new Set(lemmas)];
}

/** What calls for an infinitive right before `index` (a preposition or a modal verb), or null. */
function infinitiveTrigger(clause: readonly AnalyzedToken[], index: number): AnalyzedToken | null {
  const before = clause[index - 1];
  if (!isWord(before)) return null;
  if (PREPOSITIONS.has(before.lower)) return before;
  if (isModal(before)) return before;
  if (ADVERBS.has(before.lower) && isModal(clause[index - 2])) return clause[index - 2] as AnalyzedToken;
  return null;
}

function isPlainNounOrAdjective(token: AnalyzedToken): boolean {
  return hasTags(token, /^:[NA]/u);
}

/** Readings where the participle after the trigger is right: an attribute or an adjective, not a verb. */
function isAttributeUse(clause: readonly AnalyzedToken[], index: number, trigger: AnalyzedToken): boolean {
  const token = clause[index] as AnalyzedToken;
  const triggerIndex = clause.indexOf(trigger);
  const beforeTrigger = clause[triggerIndex - 1];
  switch (trigger.lower) {
    case "pour":
      return clause.slice(0, triggerIndex).some((word) => ATTRIBUTE_WITH_POUR.some((lemma) => isFormOf(word, lemma)));
    case "de":
    case "d’":
      return isPlainNounOrAdjective(token) || beforeTrigger === undefined || ADJECTIVE_WITH_DE.has(beforeTrigger.lower);
    case "à":
    case "sans":
      return isPlainNounOrAdjective(token);
    default:
      // Je le veux fini pour demain: the participle is the object's attribute.
      return hasTags(clause[clause.indexOf(trigger) - 1], /:G:O[ov]/u) && !hasTags(clause[clause.indexOf(trigger) - 1], /:G:Os/u);
  }
}

export const pastParticipleForInfinitive: LearnerRule = {
  id: "LEARNER_PAST_PARTICIPLE_FOR_INFINITIVE",
  category: "GRAMMAR",
  level: "default",
  description: "Participe passé écrit pour un infinitif après une préposition ou un verbe comme pouvoir",
  explanation: {
    title: "Infinitif après une préposition ou après pouvoir, devoir, vouloir, aller",
    explanation:
      "Après une préposition (pour, sans, de, à) et après les verbes pouvoir, devoir, vouloir, savoir, aller ou il faut, le verbe suivant se met à l’infinitif : « pour finir », « je dois partir », et non le participe passé « pour fini », « je dois parti ».",
    example: { incorrect: "Il doit fini son travail avant midi.", correct: "Il doit finir son travail avant midi." },
    tip: "Remplacez par un verbe du troisième groupe comme « prendre » : « il doit prendre » (et non « il doit pris »), donc « il doit finir ».",
  },
  find(clause) {
    const findings: LearnerFinding[] = [];
    clause.forEach((token, index) => {
      // « à lui » is the pronoun, not luire's participle.
      if (!isWord(token) || !hasTags(token, /:V.*:Q/u) || hasTags(token, /:V.*:Y|^:G:O/u)) return;
      const trigger = infinitiveTrigger(clause, index);
      if (trigger === null || isAttributeUse(clause, index, trigger)) return;
      const infinitives = participleLemmas(token);
      const first = infinitives[0];
      if (first === undefined) return;
      findings.push(
        findingOn(
          token,
          infinitives.map((infinitive) => withCaseOf(token.value, infinitive)),
          `Après « ${trigger.value} », le verbe se met à l’infinitif : écrivez « ${first} » et non le participe passé « ${token.value} ».`,
        ),
      );
    });
    return findings;
  },
};
