/** From learner findings to matches, and the merge with the engine's: one match per span, the better suggestion first. */
import type { CheckLevel, GrammarMatch } from "../engine.js";
import { CATEGORIES, SPELLING_RULE_ID } from "../rule-mapping.js";
import { sentencesOf, type AnalyzedToken } from "./analysis.js";
import type { LearnerRule } from "./rule.js";

export function rulesAtLevel(rules: readonly LearnerRule[], level: CheckLevel): LearnerRule[] {
  return level === "picky" ? [...rules] : rules.filter((rule) => rule.level === "default");
}

function overlaps(a: Pick<GrammarMatch, "offset" | "length">, b: Pick<GrammarMatch, "offset" | "length">): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/** The findings of `rules` on every clause of the analysed text, as matches; of two overlapping findings the earlier rule's wins. */
export function learnerMatches(tokens: readonly AnalyzedToken[], rules: readonly LearnerRule[]): GrammarMatch[] {
  const matches: GrammarMatch[] = [];
  for (const clause of sentencesOf(tokens)) {
    for (const rule of rules) {
      for (const finding of rule.find(clause)) {
        const match: GrammarMatch = {
          offset: finding.offset,
          length: finding.length,
          message: finding.message,
          shortMessage: rule.explanation.title,
          replacements: finding.replacements,
          ruleId: rule.id,
          ruleDescription: rule.description,
          category: CATEGORIES[rule.category],
          issueType: "grammar",
        };
        if (!matches.some((existing) => overlaps(existing, match))) matches.push(match);
      }
    }
  }
  return matches;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

/**
 * Whether the learner rule's suggestion should come before the engine's on the same words: when the engine only
 * knows the word is unknown (spelling: its suggestions are look-alikes), when the engine lists the rule's
 * suggestion too (the rule, which read the context for this confusion, picks among them), or when the rule
 * recognises a confusion of homophones that the engine took at face value (it suggests "sa" for the "son" of
 * "Les pommes son mûres", agreeing a determiner that is really the verb).
 */
export function learnerSuggestionFirst(engine: GrammarMatch, learner: GrammarMatch): boolean {
  if (engine.ruleId === SPELLING_RULE_ID) return true;
  const suggestion = learner.replacements[0];
  if (suggestion !== undefined && engine.replacements.includes(suggestion)) return true;
  return learner.category.id === CATEGORIES.HOMOPHONES.id && engine.category.id !== CATEGORIES.HOMOPHONES.id;
}

/**
 * One match per span. Where the engine already reports the same words, the match whose suggestion is better
 * (learnerSuggestionFirst) is kept with its suggestions first and the other's after them. A learner finding
 * that overlaps an engine match on other words is dropped: the engine already points there.
 */
export function mergeMatches(engineMatches: readonly GrammarMatch[], learner: readonly GrammarMatch[]): GrammarMatch[] {
  const merged = [...engineMatches];
  for (const match of learner) {
    const sameSpan = merged.findIndex((existing) => existing.offset === match.offset && existing.length === match.length);
    if (sameSpan >= 0) {
      const existing = merged[sameSpan] as GrammarMatch;
      merged[sameSpan] = learnerSuggestionFirst(existing, match)
        ? { ...match, replacements: unique([...match.replacements, ...existing.replacements]) }
        : { ...existing, replacements: unique([...existing.replacements, ...match.replacements]) };
      continue;
    }
    if (!merged.some((existing) => overlaps(existing, match))) merged.push(match);
  }
  return merged.sort((a, b) => a.offset - b.offset || a.length - b.length);
}
