/** Detection, correction and false-alarm rates of a checker on evaluation cases, per category. */
import type { GrammarMatch } from "../engine.js";
import type { EvaluationCase } from "./cases.js";

export interface CaseOutcome {
  detected: boolean;
  corrected: boolean;
  falseAlarm: boolean;
}

export interface Rates {
  wrong: number;
  correct: number;
  detected: number;
  corrected: number;
  falseAlarms: number;
}

type Match = Pick<GrammarMatch, "offset" | "length" | "replacements">;

function replaceSpan(text: string, offset: number, length: number, by: string): string {
  return text.slice(0, offset) + by + text.slice(offset + length);
}

/**
 * A wrong sentence is detected when a match covers some of its wrong words, and corrected when such a
 * match's first suggestion gives one of the accepted sentences (so a match on "à une" suggesting "a une"
 * corrects "à"); a correct sentence raises a false alarm when anything at all is reported.
 */
export function outcomeOf(testCase: EvaluationCase, matches: readonly Match[]): CaseOutcome {
  const wrong = testCase.wrong;
  if (wrong === null) return { detected: false, corrected: false, falseAlarm: matches.length > 0 };
  const accepted = new Set(wrong.fixes.map((fix) => replaceSpan(testCase.sentence, wrong.offset, wrong.length, fix)));
  const covering = matches.filter((match) => match.offset < wrong.offset + wrong.length && wrong.offset < match.offset + match.length);
  const corrected = covering.some(
    (match) => match.replacements[0] !== undefined && accepted.has(replaceSpan(testCase.sentence, match.offset, match.length, match.replacements[0])),
  );
  return { detected: covering.length > 0, corrected, falseAlarm: false };
}

export function emptyRates(): Rates {
  return { wrong: 0, correct: 0, detected: 0, corrected: 0, falseAlarms: 0 };
}

export function addOutcome(rates: Rates, testCase: EvaluationCase, outcome: CaseOutcome): void {
  if (testCase.wrong === null) {
    rates.correct += 1;
    if (outcome.falseAlarm) rates.falseAlarms += 1;
  } else {
    rates.wrong += 1;
    if (outcome.detected) rates.detected += 1;
    if (outcome.corrected) rates.corrected += 1;
  }
}

export function ratio(count: number, total: number): number | null {
  return total === 0 ? null : count / total;
}
