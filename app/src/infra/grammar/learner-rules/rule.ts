/** What a learner rule is: a pure function from an analysed clause to findings, with its explanation. */
import type { CheckLevel } from "../engine.js";
import type { CategoryId } from "../rule-mapping.js";
import type { AnalyzedToken } from "./analysis.js";

export interface LearnerFinding {
  /** UTF-16 units in the whole text. */
  offset: number;
  length: number;
  /** Best first. */
  replacements: string[];
  /** French, for the learner: what is wrong here and what to write. */
  message: string;
}

export interface LearnerRuleExplanation {
  title: string;
  explanation: string;
  example: { incorrect: string; correct: string };
  tip?: string;
}

export interface LearnerRule {
  /** Stable id, "LEARNER_" + upper case, e.g. "LEARNER_A_VERB_AFTER_NOUN_SUBJECT". */
  id: string;
  /** A category of the rule mapping (LanguageTool-like ids). */
  category: CategoryId;
  /**
   * "default" when the rule stays under 1 % false alarms on the evaluation's correct sentences; a rule
   * that cannot tell a right sentence from a wrong one often enough is "picky" (level=picky only).
   */
  level: CheckLevel;
  /** One line, for the match's ruleDescription. */
  description: string;
  explanation: LearnerRuleExplanation;
  /** Findings in one clause (tokens between sentence-ending punctuation). */
  find(clause: readonly AnalyzedToken[]): LearnerFinding[];
}

/** A finding on one token, replacing it. */
export function findingOn(token: AnalyzedToken, replacements: string[], message: string): LearnerFinding {
  return { offset: token.offset, length: token.length, replacements, message };
}
