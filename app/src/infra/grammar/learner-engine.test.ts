import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammarEngine } from "./engine.js";
import { explainMatch, getExplanation } from "./explanations.js";
import { LearnerRulesEngine, withLearnerRules, withoutLearnerRules } from "./learner-engine.js";
import { GrammalecteEngine } from "./worker-pool.js";

let engine: GrammalecteEngine;
let withRules: LearnerRulesEngine;
beforeAll(async () => {
  engine = await GrammalecteEngine.start({ workers: 1 });
  withRules = new LearnerRulesEngine(engine);
});
afterAll(async () => {
  await engine?.close();
});

describe("LearnerRulesEngine", () => {
  it("adds the learner rules' matches to the engine's, with its own version for the cache", async () => {
    const text = "Ma mère à une voiture. Les chat dorment.";
    const matches = await withRules.check(text, { level: "default" });
    expect(matches.map((match) => `${text.slice(match.offset, match.offset + match.length)} → ${match.replacements[0]}`)).toEqual([
      "à → a",
      "chat → chats",
    ]);
    expect(matches[0]?.ruleId).toBe("LEARNER_A_VERB_AFTER_NOUN_SUBJECT");
    expect(matches[0]?.category.id).toBe("HOMOPHONES");
    expect(await engine.check(text, { level: "default" })).toHaveLength(1);
    expect(withRules.version).toBe(`${engine.version}+learner-3`);
  });

  it("serves each rule's explanation by its id and for its matches", async () => {
    const [match] = await withRules.check("Le professeur à raison.", { level: "default" });
    expect(match).toBeDefined();
    const explanation = getExplanation(match!.ruleId);
    expect(explanation?.example).toEqual({ incorrect: "Ma mère à une voiture rouge.", correct: "Ma mère a une voiture rouge." });
    expect(explainMatch(match!, "Le professeur à raison.")).toBe(explanation);
  });

  it("is put in front of an engine that can analyse texts only", () => {
    expect(withLearnerRules(engine)).toBeInstanceOf(LearnerRulesEngine);
    const checkOnly: GrammarEngine = {
      version: engine.version,
      parallelism: engine.parallelism,
      check: (text, options) => engine.check(text, options),
      conjugate: (infinitive) => engine.conjugate(infinitive),
      queueDepth: () => engine.queueDepth(),
      isReady: () => engine.isReady(),
      close: () => engine.close(),
    };
    expect(withLearnerRules(checkOnly)).toBe(checkOnly);
  });

  it("is left out of an engine served without the learner rules (GRAMMAR_LEARNER_RULES=false)", async () => {
    const alone = withLearnerRules(withoutLearnerRules(engine));
    expect(alone).not.toBeInstanceOf(LearnerRulesEngine);
    expect(alone.version).toBe(engine.version);
    const text = "Ma mère à une voiture. Les chat dorment.";
    const matches = await alone.check(text, { level: "default" });
    expect(matches).toEqual(await engine.check(text, { level: "default" }));
    expect(matches.map((match) => match.ruleId)).not.toContain("LEARNER_A_VERB_AFTER_NOUN_SUBJECT");
  });
});
