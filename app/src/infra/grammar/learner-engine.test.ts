import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../metrics/metrics.js";
import { EngineDecorator } from "./engine.js";
import { explainMatch, getExplanation } from "./explanations.js";
import { LearnerRulesEngine, withLearnerRules } from "./learner-engine.js";
import { grammarPlugin } from "./plugin.js";
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
    const checkOnly = new EngineDecorator(engine);
    expect(withLearnerRules(checkOnly)).toBe(checkOnly);
  });

  it("is left out of app.grammar when the server is built without them (GRAMMAR_LEARNER_RULES=false)", async () => {
    const text = "Ma mère à une voiture. Les chat dorment.";
    const ruleIds = async (learnerRules: boolean) => {
      const app = Fastify({ logger: false });
      await app.register(grammarPlugin, { engine, metrics: createMetrics(), learnerRules });
      await app.ready();
      try {
        return { version: app.grammar.version, ruleIds: (await app.grammar.check(text, { level: "default" })).map((match) => match.ruleId) };
      } finally {
        await app.close();
      }
    };
    const without = await ruleIds(false);
    expect(without.version).toBe(engine.version);
    expect(without.ruleIds).toEqual((await engine.check(text, { level: "default" })).map((match) => match.ruleId));
    expect(without.ruleIds).not.toContain("LEARNER_A_VERB_AFTER_NOUN_SUBJECT");
    const withRules = await ruleIds(true);
    expect(withRules.version).not.toBe(engine.version);
    expect(withRules.ruleIds).toContain("LEARNER_A_VERB_AFTER_NOUN_SUBJECT");
  });
});
