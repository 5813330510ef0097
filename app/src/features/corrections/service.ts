/**
 * Native corrections: the matches, the text with suggestions applied, and for each match a French
 * explanation with an example. A learner's text is kept in their history only if they opted in.
 */
import type { FastifyInstance } from "fastify";
import type { Learner } from "../../infra/db/index.js";
import { checkThroughCache } from "../../infra/grammar/cached-check.js";
import type { CheckLevel } from "../../infra/grammar/engine.js";
import { explainMatch } from "../../infra/grammar/explanations.js";
import { applyFirstReplacements } from "./corrected-text.js";

export interface CorrectionRequest {
  text: string;
  level: CheckLevel;
  /** Whose history may keep the text. */
  learner?: Learner;
}

export async function correctText(app: FastifyInstance, { text, level, learner }: CorrectionRequest) {
  const matches = await checkThroughCache(app, text, level);
  const corrected = applyFirstReplacements(text, matches);
  const applied = new Set(corrected.applied);

  let history: { recorded: boolean; reason: string } | null = null;
  if (learner) {
    const record = learner.correctionHistoryOptIn
      ? await app.db.corrections.recordIfOptedIn({ learnerId: learner.id, text, matchCount: matches.length })
      : undefined;
    history = record
      ? { recorded: true, reason: "the learner opted in to keeping their correction history" }
      : { recorded: false, reason: "the learner has not opted in to keeping their correction history" };
  }

  return {
    text,
    correctedText: corrected.text,
    level,
    engine: app.grammar.version,
    matches: matches.map((match) => ({
      offset: match.offset,
      length: match.length,
      excerpt: text.slice(match.offset, match.offset + match.length),
      message: match.message,
      shortMessage: match.shortMessage,
      replacements: match.replacements,
      applied: applied.has(match),
      ruleId: match.ruleId,
      ruleDescription: match.ruleDescription,
      category: match.category,
      issueType: match.issueType,
      explanation: explainMatch(match, text),
    })),
    history,
  };
}
