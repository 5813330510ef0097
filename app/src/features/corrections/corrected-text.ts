/** Applies suggestions to a text: the first replacement of each match, skipping matches that overlap one already applied. */
import type { GrammarMatch } from "../../infra/grammar/engine.js";

export interface AppliedCorrection {
  text: string;
  /** Matches whose first replacement was applied. */
  applied: GrammarMatch[];
}

export function applyFirstReplacements(text: string, matches: GrammarMatch[]): AppliedCorrection {
  const ordered = [...matches].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const applied: GrammarMatch[] = [];
  let coveredUntil = 0;
  for (const match of ordered) {
    if (match.replacements.length === 0 || match.offset < coveredUntil) continue;
    applied.push(match);
    coveredUntil = match.offset + match.length;
  }
  let result = "";
  let position = 0;
  for (const match of applied) {
    result += text.slice(position, match.offset) + (match.replacements[0] as string);
    position = match.offset + match.length;
  }
  return { text: result + text.slice(position), applied };
}
