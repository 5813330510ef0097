/**
 * Learner-friendly explanations, in French, for the errors Grammalecte reports and the rules the exercises
 * practise, from the catalog in app/content/explanations.yaml.
 *
 * Grammalecte's own messages say what is wrong ("Accord de nombre erroné"); these say why, with the
 * rule a learner can reuse next time. Entries are keyed by topic (a family of Grammalecte rules,
 * recognised from the rule's name, e.g. every "a/à" confusion rule) or by our category id, which is
 * the fallback, so every match gets an explanation; an exercise's rule id leads to the entry that lists it.
 */

import type { GrammarMatch } from "./engine.js";
import { loadExplanationCatalog, type CatalogEntry } from "./explanation-catalog.js";
import { LEARNER_RULES } from "./learner-rules/index.js";
import { CATEGORIES, categoryOfFamily, grammalecteRuleIdFrom, grammalecteRuleName, ruleFamilyKey, SPELLING_RULE_ID } from "./rule-mapping.js";

export interface LearnerExplanation {
  /** Topic id (e.g. "A_OR_À") or category id (e.g. "AGREEMENT"). */
  id: string;
  title: string;
  explanation: string;
  example: { incorrect: string; correct: string };
  /** A trick to decide by oneself next time. */
  tip?: string;
}

/**
 * French typography wants a non-breaking space before ; : ! ? and inside « »; the catalog is typed
 * with ordinary spaces for readability, and this puts the right ones in.
 */
export function withFrenchSpacing(text: string): string {
  return text.replace(/ ([;:!?»])/gu, "\u00a0$1").replace(/« /gu, "«\u00a0");
}

function withSpacing(entry: CatalogEntry): LearnerExplanation {
  const explanation: LearnerExplanation = {
    id: entry.id,
    title: withFrenchSpacing(entry.title),
    explanation: withFrenchSpacing(entry.explanation),
    example: { incorrect: withFrenchSpacing(entry.example.incorrect), correct: withFrenchSpacing(entry.example.correct) },
  };
  if (entry.tip) explanation.tip = withFrenchSpacing(entry.tip);
  return explanation;
}

const { topics, categories } = loadExplanationCatalog();

/** Topics first: their order is the catalog's, and the API lists entries in it; the learner rules' own explanations last. */
const CATALOG: ReadonlyMap<string, LearnerExplanation> = new Map([
  ...[...topics, ...categories].map((entry): [string, LearnerExplanation] => [entry.id, withSpacing(entry)]),
  ...LEARNER_RULES.map((rule): [string, LearnerExplanation] => [rule.id, withSpacing({ id: rule.id, ...rule.explanation })]),
]);

/** Exercise rule id ("homophones-a-à") → the entry that explains it. */
const EXERCISE_RULES: ReadonlyMap<string, LearnerExplanation> = new Map(
  [...topics, ...categories].flatMap((entry) => (entry.exerciseRuleIds ?? []).map((ruleId) => [ruleId, CATALOG.get(entry.id) as LearnerExplanation])),
);

/** The topic of a Grammalecte rule (given by its name, e.g. "conf_à_a_après_verbes"), if any. */
export function topicOfRule(ruleName: string): string | null {
  return topics.find((topic) => topic.grammalecteRulePattern?.test(ruleName))?.id ?? null;
}

function explanationForRuleId(ruleId: string): LearnerExplanation | null {
  if (ruleId === SPELLING_RULE_ID) return CATALOG.get(CATEGORIES.SPELLING.id) ?? null;
  const sRuleId = grammalecteRuleIdFrom(ruleId);
  if (sRuleId === null) return null;
  const topic = topicOfRule(grammalecteRuleName(sRuleId));
  if (topic) return CATALOG.get(topic) ?? null;
  // Without the match we do not know the rule's option; in most rules the name starts with it.
  const category = categoryOfFamily(ruleFamilyKey("notype", sRuleId));
  return category ? (CATALOG.get(category.id) ?? null) : null;
}

/**
 * Words learners confuse because they sound alike. Grammalecte often reports these confusions from
 * rules about something else (an agreement rule notices "Il ce lave" and suggests "se"), so the
 * flagged word and its replacements tell the topic better than the rule does.
 */
const HOMOPHONE_SETS: ReadonlyArray<{ topic: string; words: ReadonlySet<string> }> = topics.flatMap((topic) =>
  topic.homophones ? [{ topic: topic.id, words: new Set(topic.homophones) }] : [],
);

/** "La-bas" → "la", "C'est" → "c’est": the word as the homophone sets spell it. */
function homophoneKey(word: string): string {
  return word.trim().toLowerCase().replace(/'/gu, "’").split("-")[0] ?? "";
}

/** The homophone topic when `flagged` and one of its replacements are two spellings of one sound. */
export function homophoneTopic(flagged: string, replacements: readonly string[]): string | null {
  const flaggedKey = homophoneKey(flagged);
  const replacementKeys = replacements.map(homophoneKey);
  for (const { topic, words } of HOMOPHONE_SETS) {
    if (words.has(flaggedKey) && replacementKeys.some((key) => key !== flaggedKey && words.has(key))) return topic;
  }
  return null;
}

/**
 * An explanation for a match, from the most to the least specific: the homophones it confuses (when
 * the checked `text` is given, to read the flagged word), its rule's topic, its category, and the
 * general grammar explanation.
 */
export function explainMatch(
  match: Pick<GrammarMatch, "ruleId" | "category" | "offset" | "length" | "replacements">,
  text?: string,
): LearnerExplanation {
  const ownExplanation = CATALOG.get(match.ruleId);
  if (ownExplanation) return ownExplanation;
  const flagged = text?.slice(match.offset, match.offset + match.length);
  const sRuleId = grammalecteRuleIdFrom(match.ruleId);
  const topic =
    (flagged === undefined ? null : homophoneTopic(flagged, match.replacements)) ??
    (sRuleId === null ? null : topicOfRule(grammalecteRuleName(sRuleId)));
  return (
    (topic ? CATALOG.get(topic) : undefined) ??
    CATALOG.get(match.category.id) ??
    (CATALOG.get(CATEGORIES.GRAMMAR.id) as LearnerExplanation)
  );
}

/** Lookup by topic id, category id, exercise rule id or one of our rule ids ("GRAMMALECTE_…"); null when unknown. */
export function getExplanation(ruleOrCategoryId: string): LearnerExplanation | null {
  return CATALOG.get(ruleOrCategoryId) ?? EXERCISE_RULES.get(ruleOrCategoryId) ?? explanationForRuleId(ruleOrCategoryId);
}

export function listExplanations(): LearnerExplanation[] {
  return [...CATALOG.values()];
}
