/** For the rules' tests: one real engine per test file, and what a rule finds in a sentence. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrammalecteEngine } from "../worker-pool.js";
import { sentencesOf } from "./analysis.js";
import type { LearnerRule } from "./rule.js";

export function startAnalyzer(): Promise<GrammalecteEngine> {
  return GrammalecteEngine.start({ workers: 1 });
}

/** "word → first replacement" for each finding of `rule` in `text`, e.g. ["à → a"]. */
export async function findingsOf(engine: GrammalecteEngine, rule: LearnerRule, text: string): Promise<string[]> {
  const tokens = await engine.analyze(text);
  return sentencesOf(tokens).flatMap((clause) =>
    rule.find(clause).map((finding) => `${text.slice(finding.offset, finding.offset + finding.length)} → ${finding.replacements[0] ?? ""}`),
  );
}

/** The sentences a rule must flag, each with "word → first replacement", and those it must leave alone. */
export interface LearnerRuleCases {
  rule: LearnerRule;
  wrong: ReadonlyArray<readonly [string, string]>;
  right: readonly string[];
}

/** The rules' tests of one file, each in its describe, on one engine for the file. */
export function describeLearnerRules(cases: readonly LearnerRuleCases[]): void {
  let engine: GrammalecteEngine;
  beforeAll(async () => {
    engine = await startAnalyzer();
  });
  afterAll(async () => {
    await engine?.close();
  });

  for (const { rule, wrong, right } of cases) {
    describe(rule.id, () => {
      it.each(wrong)("flags %s", async (sentence, expected) => {
        expect(await findingsOf(engine, rule, sentence)).toEqual([expected]);
      });

      it.each(right)("leaves %s alone", async (sentence) => {
        expect(await findingsOf(engine, rule, sentence)).toEqual([]);
      });
    });
  }
}

/** One rule's test, as describeLearnerRules. */
export function describeLearnerRule(rule: LearnerRule, cases: Omit<LearnerRuleCases, "rule">): void {
  describeLearnerRules([{ rule, ...cases }]);
}
