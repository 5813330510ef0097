/** For the rules' tests: one real engine per test file, and what a rule finds in a sentence. */
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
