/**
 * Pure mapping from what the Grammalecte worker returns (see worker.py) to our own model:
 * GrammarMatch, categories, issue types, levels, and conjugation tables.
 */

import type { CheckLevel, ConjugationTable, GrammarMatch, IssueType, MatchCategory } from "./engine.js";
import { codePointToUtf16, paragraphSpanToUtf16, type CodePointToUtf16 } from "./offsets.js";

// ---------------------------------------------------------------------------------------------
// Raw worker payloads

export interface RawGrammarError {
  /** Code points from the paragraph start. */
  nStart: number;
  nEnd: number;
  /** Line of the rule in Grammalecte's rules source, e.g. "#25307": changes with every release. */
  sLineId: string;
  /** Rule identifier, e.g. "g3__gn_les_1m__b3_a1_1" or "apostrophe_typographique". */
  sRuleId: string;
  /** Grammalecte option that enables the rule (e.g. "gn", "conj", "nbsp"), or "notype". */
  sType: string;
  sMessage: string;
  aSuggestions: string[];
  URL: string;
}

export interface RawSpellingError {
  nStart: number;
  nEnd: number;
  sValue: string;
  aSuggestions: string[];
}

export interface RawParagraphErrors {
  /** Code points from the start of the whole input. */
  start: number;
  grammar: RawGrammarError[];
  spelling: RawSpellingError[];
}

export interface RawConjugation {
  verb: string;
  known: boolean;
  group?: string;
  auxiliary?: string;
  /** Grammalecte tense code (":Ip", ":Q"…) → person code (":1s", ":m:s"…) → form ("" when none). */
  conjugation?: Record<string, Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// Categories

export const CATEGORIES = {
  GRAMMAR: { id: "GRAMMAR", name: "Grammaire" },
  CONJUGATION: { id: "CONJUGATION", name: "Conjugaison" },
  AGREEMENT: { id: "AGREEMENT", name: "Accords" },
  HOMOPHONES: { id: "HOMOPHONES", name: "Confusions / homophones" },
  EXPRESSIONS: { id: "EXPRESSIONS", name: "Locutions" },
  ELISION: { id: "ELISION", name: "Élisions et euphonies" },
  SPELLING: { id: "SPELLING", name: "Orthographe" },
  HYPHENS: { id: "HYPHENS", name: "Traits d’union" },
  CAPITALIZATION: { id: "CAPITALIZATION", name: "Majuscules" },
  PUNCTUATION: { id: "PUNCTUATION", name: "Ponctuation" },
  TYPOGRAPHY: { id: "TYPOGRAPHY", name: "Typographie" },
  STYLE: { id: "STYLE", name: "Style" },
  DATES: { id: "DATES", name: "Dates" },
} as const satisfies Record<string, MatchCategory>;

export type CategoryId = keyof typeof CATEGORIES;

interface RuleFamily {
  category: CategoryId;
  issueType: IssueType;
}

/**
 * Keyed by Grammalecte option (its sType). Rules without an option ("notype") are classified by the
 * prefix of their name instead, which follows the same vocabulary ("typo_…", "conf_…", "eepi_…").
 */
const RULE_FAMILIES: Record<string, RuleFamily> = {
  conj: { category: "CONJUGATION", issueType: "grammar" },
  imp: { category: "CONJUGATION", issueType: "grammar" },
  inte: { category: "CONJUGATION", issueType: "grammar" },
  vmode: { category: "CONJUGATION", issueType: "grammar" },
  infi: { category: "CONJUGATION", issueType: "grammar" },
  gn: { category: "AGREEMENT", issueType: "grammar" },
  ppas: { category: "AGREEMENT", issueType: "grammar" },
  conf: { category: "HOMOPHONES", issueType: "grammar" },
  loc: { category: "EXPRESSIONS", issueType: "grammar" },
  eleu: { category: "ELISION", issueType: "grammar" },
  doublon: { category: "GRAMMAR", issueType: "grammar" },
  tu: { category: "HYPHENS", issueType: "misspelling" },
  mc: { category: "HYPHENS", issueType: "misspelling" },
  ocr: { category: "SPELLING", issueType: "misspelling" },
  maj: { category: "CAPITALIZATION", issueType: "typographical" },
  minis: { category: "CAPITALIZATION", issueType: "typographical" },
  virg: { category: "PUNCTUATION", issueType: "typographical" },
  poncfin: { category: "PUNCTUATION", issueType: "typographical" },
  typo: { category: "TYPOGRAPHY", issueType: "typographical" },
  apos: { category: "TYPOGRAPHY", issueType: "typographical" },
  mapos: { category: "TYPOGRAPHY", issueType: "typographical" },
  eepi: { category: "TYPOGRAPHY", issueType: "typographical" },
  esp: { category: "TYPOGRAPHY", issueType: "typographical" },
  tab: { category: "TYPOGRAPHY", issueType: "typographical" },
  nbsp: { category: "TYPOGRAPHY", issueType: "typographical" },
  unit: { category: "TYPOGRAPHY", issueType: "typographical" },
  num: { category: "TYPOGRAPHY", issueType: "typographical" },
  nf: { category: "TYPOGRAPHY", issueType: "typographical" },
  liga: { category: "TYPOGRAPHY", issueType: "typographical" },
  chim: { category: "TYPOGRAPHY", issueType: "typographical" },
  p: { category: "TYPOGRAPHY", issueType: "typographical" },
  bs: { category: "STYLE", issueType: "style" },
  pleo: { category: "STYLE", issueType: "style" },
  neg: { category: "STYLE", issueType: "style" },
  redon1: { category: "STYLE", issueType: "style" },
  redon2: { category: "STYLE", issueType: "style" },
  date: { category: "DATES", issueType: "uncategorized" },
};

const FALLBACK_FAMILY: RuleFamily = { category: "GRAMMAR", issueType: "grammar" };
const SPELLING_FAMILY: RuleFamily = { category: "SPELLING", issueType: "misspelling" };

/**
 * The rule name inside a Grammalecte rule id: graph rules are "<graph>__<name>__b<block>_a<action>_<n>"
 * (e.g. "g3__gn_les_1m__b3_a1_1" → "gn_les_1m"); regex rules are the bare name.
 */
export function grammalecteRuleName(sRuleId: string): string {
  const graphRule = /^[^_]+__(.+)__b\d+_a\d+_\d+$/.exec(sRuleId);
  return graphRule?.[1] ?? sRuleId;
}

/** The option a rule belongs to: its sType, or for option-less rules the prefix of its name. */
export function ruleFamilyKey(sType: string, sRuleId: string): string {
  if (sType && sType !== "notype") return sType;
  return grammalecteRuleName(sRuleId).split("_")[0] ?? "";
}

function ruleFamily(sType: string, sRuleId: string): RuleFamily {
  return RULE_FAMILIES[ruleFamilyKey(sType, sRuleId)] ?? FALLBACK_FAMILY;
}

/** The category of a known rule family ("gn", "conf", "typo"…), or null for an unknown one. */
export function categoryOfFamily(familyKey: string): MatchCategory | null {
  const family = RULE_FAMILIES[familyKey];
  return family ? CATEGORIES[family.category] : null;
}

export function categoryOf(sType: string, sRuleId: string): MatchCategory {
  return CATEGORIES[ruleFamily(sType, sRuleId).category];
}

export function issueTypeOf(sType: string, sRuleId: string): IssueType {
  return ruleFamily(sType, sRuleId).issueType;
}

// ---------------------------------------------------------------------------------------------
// Levels

/**
 * Options switched off at level "default". A learner needs grammar, conjugation, agreement,
 * homophones, spelling, hyphens and capitals; typographic niceties (typographic apostrophe,
 * non-breaking spaces before ; : ! ?, spaces, units, large numbers, epicene dots…) and the
 * recommended commas before "mais"/"car" would drown those out. Options Grammalecte itself leaves
 * off as noisy or niche (liga, mapos, ocr, poncfin) stay off at every level.
 */
const TYPOGRAPHIC_OPTIONS = ["typo", "apos", "eepi", "esp", "tab", "nbsp", "unit", "num", "nf", "chim", "minis", "virg"];
const NOISY_OPTIONS = ["liga", "mapos", "ocr", "poncfin"];

/** Grammalecte option overrides for a level; "picky" is Grammalecte's own defaults for a server. */
export function grammalecteOptionsForLevel(level: CheckLevel): Record<string, boolean> {
  const options: Record<string, boolean> = {};
  for (const option of NOISY_OPTIONS) options[option] = false;
  if (level === "default") {
    for (const option of TYPOGRAPHIC_OPTIONS) options[option] = false;
  }
  return options;
}

const CATEGORIES_ONLY_WHEN_PICKY: ReadonlySet<string> = new Set([CATEGORIES.TYPOGRAPHY.id, CATEGORIES.PUNCTUATION.id]);

/**
 * Second line of defence after the options: a few typographic rules have no option at all
 * ("eepi_…", "num_grand_nombre_…", "typo_écriture_invariable") and cannot be switched off.
 */
export function isReportedAtLevel(match: Pick<GrammarMatch, "category">, level: CheckLevel): boolean {
  return level === "picky" || !CATEGORIES_ONLY_WHEN_PICKY.has(match.category.id);
}

// ---------------------------------------------------------------------------------------------
// Rule ids and messages

const RULE_ID_PREFIX = "GRAMMALECTE_";

/** Spelling errors come from the spell checker, not from a rule. */
export const SPELLING_RULE_ID = `${RULE_ID_PREFIX}SPELLING`;

/**
 * Our rule id keeps Grammalecte's sRuleId verbatim behind a prefix. sRuleId is built from the rule's
 * name (plus, for graph rules, its block and action), so it survives edits elsewhere in the rules
 * file, unlike sLineId ("#25307"), which is a line number and moves with every release. Keeping it
 * verbatim (no upper-casing: names such as "conf_de_Gaulle" have capitals) makes it reversible, so a
 * client's disabled rule can be handed back to Grammalecte.
 */
export function ruleIdFromGrammalecte(sRuleId: string): string {
  return RULE_ID_PREFIX + sRuleId;
}

/** Grammalecte's sRuleId behind one of our rule ids, or null if the id is not a Grammalecte rule. */
export function grammalecteRuleIdFrom(ruleId: string): string | null {
  if (!ruleId.startsWith(RULE_ID_PREFIX) || ruleId === SPELLING_RULE_ID) return null;
  return ruleId.slice(RULE_ID_PREFIX.length) || null;
}

const MAX_SHORT_MESSAGE_LENGTH = 60;

/**
 * A short label for an underline's tooltip: the first clause of Grammalecte's message
 * ("Accord de nombre erroné : « chat »…" → "Accord de nombre erroné"), or the category name when
 * that clause is too long to be short.
 */
export function shortMessageFrom(message: string, category: MatchCategory): string {
  const firstClause = message
    .split(/\s*[:;]\s|[.!?…](?:\s|$)/u)[0]
    ?.replace(/[\s\u00a0\u202f]+$/u, "")
    .trim();
  if (!firstClause || firstClause.length > MAX_SHORT_MESSAGE_LENGTH) return category.name;
  return firstClause;
}

/** Grammalecte's French option labels, minus its "[!]" marker for options off by default. */
export function cleanOptionLabel(label: string): string {
  return label.replace(/\s*\[!\]\s*$/u, "").trim();
}

// ---------------------------------------------------------------------------------------------
// Matches

export function grammarErrorToMatch(
  error: RawGrammarError,
  paragraphStart: number,
  offsets: CodePointToUtf16,
  optionLabels: Readonly<Record<string, string>>,
): GrammarMatch {
  const category = categoryOf(error.sType, error.sRuleId);
  const optionLabel = optionLabels[ruleFamilyKey(error.sType, error.sRuleId)];
  return {
    ...paragraphSpanToUtf16(offsets, paragraphStart, error.nStart, error.nEnd),
    message: error.sMessage,
    shortMessage: shortMessageFrom(error.sMessage, category),
    replacements: error.aSuggestions.filter((suggestion) => suggestion.length > 0),
    ruleId: ruleIdFromGrammalecte(error.sRuleId),
    ruleDescription: optionLabel ? cleanOptionLabel(optionLabel) : category.name,
    category,
    issueType: issueTypeOf(error.sType, error.sRuleId),
  };
}

export function spellingErrorToMatch(error: RawSpellingError, paragraphStart: number, offsets: CodePointToUtf16): GrammarMatch {
  const category = CATEGORIES[SPELLING_FAMILY.category];
  return {
    ...paragraphSpanToUtf16(offsets, paragraphStart, error.nStart, error.nEnd),
    message: `Mot inconnu du dictionnaire : « ${error.sValue} ». Vérifiez son orthographe.`,
    shortMessage: "Faute d’orthographe",
    replacements: error.aSuggestions.filter((suggestion) => suggestion.length > 0),
    ruleId: SPELLING_RULE_ID,
    ruleDescription: "Mots absents du dictionnaire",
    category,
    issueType: SPELLING_FAMILY.issueType,
  };
}

/** All matches of a check, in UTF-16 offsets of `text`, sorted by position, filtered for `level`. */
export function matchesFromParagraphs(
  text: string,
  paragraphs: readonly RawParagraphErrors[],
  level: CheckLevel,
  optionLabels: Readonly<Record<string, string>> = {},
): GrammarMatch[] {
  const offsets = codePointToUtf16(text);
  const matches: GrammarMatch[] = [];
  for (const paragraph of paragraphs) {
    for (const error of paragraph.grammar) matches.push(grammarErrorToMatch(error, paragraph.start, offsets, optionLabels));
    for (const error of paragraph.spelling) matches.push(spellingErrorToMatch(error, paragraph.start, offsets));
  }
  return matches
    .filter((match) => isReportedAtLevel(match, level))
    .sort((a, b) => a.offset - b.offset || a.length - b.length);
}

// ---------------------------------------------------------------------------------------------
// Conjugation

const TENSES: ReadonlyArray<{ code: string; id: string; label: string }> = [
  { code: ":Ip", id: "ipre", label: "Présent de l’indicatif" },
  { code: ":Iq", id: "iimp", label: "Imparfait de l’indicatif" },
  { code: ":Is", id: "ipsi", label: "Passé simple" },
  { code: ":If", id: "ifut", label: "Futur simple" },
  { code: ":K", id: "cpre", label: "Conditionnel présent" },
  { code: ":Sp", id: "spre", label: "Présent du subjonctif" },
  { code: ":Sq", id: "simp", label: "Imparfait du subjonctif" },
  { code: ":E", id: "impe", label: "Impératif présent" },
];

const PERSONS: ReadonlyArray<{ code: string; id: string }> = [
  { code: ":1s", id: "1sg" },
  { code: ":2s", id: "2sg" },
  { code: ":3s", id: "3sg" },
  { code: ":1p", id: "1pl" },
  { code: ":2p", id: "2pl" },
  { code: ":3p", id: "3pl" },
];

/**
 * School grammar puts "aller" in the 3rd group (irregular), although it ends in -er; Grammalecte
 * files it with the 1st group by its ending, which would teach learners the wrong thing.
 */
const SCHOOL_GROUP_OVERRIDES: Readonly<Record<string, string>> = { aller: "3" };

const GROUP_NAMES: Readonly<Record<string, string>> = { "0": "auxiliaire", "1": "1", "2": "2", "3": "3" };

/** "Se lever", "s’en aller", "  Finir " → the bare infinitive Grammalecte knows ("lever", "aller", "finir"). */
export function normalizeInfinitive(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/^(?:se\s+|s['’]\s*)(?:en\s+)?/u, "");
}

function nonEmpty(form: string | undefined): string | undefined {
  return form ? form : undefined;
}

/** Keeps only the keys whose form exists, so absent forms are absent rather than undefined. */
function existingForms<K extends string>(forms: Record<K, string | undefined>): Partial<Record<K, string>> {
  const existing: Partial<Record<K, string>> = {};
  for (const [key, form] of Object.entries(forms) as Array<[K, string | undefined]>) {
    if (form) existing[key] = form;
  }
  return existing;
}

export function conjugationFromRaw(raw: RawConjugation): ConjugationTable | null {
  if (!raw.known || !raw.conjugation) return null;
  const conjugation = raw.conjugation;
  const tenses: Record<string, Record<string, string>> = {};
  const tenseLabels: Record<string, string> = {};
  for (const tense of TENSES) {
    const forms: Record<string, string> = {};
    for (const person of PERSONS) {
      const form = nonEmpty(conjugation[tense.code]?.[person.code]);
      if (form) forms[person.id] = form;
    }
    if (Object.keys(forms).length > 0) {
      tenses[tense.id] = forms;
      tenseLabels[tense.id] = tense.label;
    }
  }
  const participles = conjugation[":Q"] ?? {};
  const table: ConjugationTable = {
    infinitive: raw.verb,
    tenses,
    tenseLabels,
    pastParticiple: existingForms({
      ms: participles[":m:s"],
      fs: participles[":f:s"],
      mp: participles[":m:p"],
      fp: participles[":f:p"],
    }),
  };
  const presentParticiple = nonEmpty(conjugation[":P"]?.[":P"]);
  if (presentParticiple) table.presentParticiple = presentParticiple;
  const group = SCHOOL_GROUP_OVERRIDES[raw.verb] ?? (raw.group ? GROUP_NAMES[raw.group] : undefined);
  if (group) table.group = group;
  if (raw.auxiliary === "avoir" || raw.auxiliary === "être") table.auxiliary = raw.auxiliary;
  return table;
}
