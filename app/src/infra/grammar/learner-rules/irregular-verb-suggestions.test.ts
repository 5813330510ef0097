import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LearnerRulesEngine } from "../learner-engine.js";
import type { GrammalecteEngine } from "../worker-pool.js";
import { startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("irregular verbs through the decorated engine", () => {
  it("puts the right form before the engine's spelling suggestions, on the engine's own span", async () => {
    const text = "Il a prendu le train.";
    const spelling = (await engine.check(text, { level: "default" })).find((match) => text.slice(match.offset, match.offset + match.length) === "prendu");
    expect(spelling?.replacements[0]).not.toBe("pris");
    const matches = await new LearnerRulesEngine(engine).check(text, { level: "default" });
    expect(matches).toHaveLength(1);
    expect(matches[0]?.ruleId).toBe("LEARNER_IRREGULAR_VERB_AS_REGULAR");
    expect(matches[0]?.replacements[0]).toBe("pris");
    expect(matches[0]?.replacements).toEqual(expect.arrayContaining(spelling?.replacements ?? []));
  });

  it.each([
    ["Demain, je fairai les courses.", "ferai"],
    ["Nous fairons une fête samedi.", "ferons"],
  ])("reads a -re verb's future built on the whole infinitive: %s", async (text, right) => {
    const matches = await new LearnerRulesEngine(engine).check(text, { level: "default" });
    expect(matches.map((match) => match.replacements[0])).toEqual([right]);
  });
});
