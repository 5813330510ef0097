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
 * One match per span. Where the engine already reports the same words:
 * - a spelling match (the word is unknown, so its suggestions are only look-alikes) gives way to the learner
 *   match, which keeps the spelling suggestions after its own;
 * - a grammar match stays, with the learner's suggestions after its own when they differ.
 * A learner finding that overlaps an engine match on other words is dropped: the engine already points there.
 */
export function mergeMatches(engineMatches: readonly GrammarMatch[], learner: readonly GrammarMatch[]): GrammarMatch[] {
  const merged = [...engineMatches];
  for (const match of learner) {
    const sameSpan = merged.findIndex((existing) => existing.offset === match.offset && existing.length === match.length);
    if (sameSpan >= 0) {
      const existing = merged[sameSpan] as GrammarMatch;
      merged[sameSpan] =
        existing.ruleId === SPELLING_RULE_ID
          ? { ...match, replacements: unique([...match.replacements, ...existing.replacements]) }
          : { ...existing, replacements: unique([...existing.replacements, ...match.replacements]) };
      continue;
    }
    if (!merged.some((existing) => overlaps(existing, match))) merged.push(match);
  }
  return merged.sort((a, b) => a.offset - b.offset || a.length - b.length);
}
