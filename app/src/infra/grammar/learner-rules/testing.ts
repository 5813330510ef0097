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

/** A rule's test: the sentences it must flag, each with "word → first replacement", and those it must leave alone. */
export function describeLearnerRule(rule: LearnerRule, cases: { wrong: ReadonlyArray<readonly [string, string]>; right: readonly string[] }): void {
  describe(rule.id, () => {
    let engine: GrammalecteEngine;
    beforeAll(async () => {
      engine = await startAnalyzer();
    });
    afterAll(async () => {
      await engine?.close();
    });

    it.each(cases.wrong)("flags %s", async (sentence, expected) => {
      expect(await findingsOf(engine, rule, sentence)).toEqual([expected]);
    });

    it.each(cases.right)("leaves %s alone", async (sentence) => {
      expect(await findingsOf(engine, rule, sentence)).toEqual([]);
    });
  });
}
