import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LearnerRulesEngine } from "../learner-engine.js";
import type { GrammalecteEngine } from "../worker-pool.js";
import { irregularVerbForm } from "./irregular-verb-form.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_IRREGULAR_VERB_FORM", () => {
  it.each([
    ["Vous disez toujours la vérité.", "disez → dites"],
    ["Il a prendu le train.", "prendu → pris"],
    ["Je venirai demain.", "venirai → viendrai"],
    ["Le vieux chien est mourru.", "mourru → mort"],
    ["Elle est mourrue l’an dernier.", "mourrue → morte"],
    ["Ils prendent le bus.", "prendent → prennent"],
    ["Nous n’avons pas pouvu venir.", "pouvu → pu"],
    ["Tu voirais la mer d’ici.", "voirais → verrais"],
    ["J’ai ouvri la fenêtre.", "ouvri → ouvert"],
    ["Demain, je fairai les courses.", "fairai → ferai"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, irregularVerbForm, sentence)).toEqual([expected]);
  });

  it.each([
    "Vous dites toujours la vérité.",
    "Il a pris le train.",
    "Je viendrai demain avec Kévinou.",
    "Le vieux chien est mort.",
    "Ils prennent le bus.",
    "Nous n’avons pas pu venir.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, irregularVerbForm, sentence)).toEqual([]);
  });

  it("puts the right form before the engine's spelling suggestions, on the engine's own span", async () => {
    const text = "Il a prendu le train.";
    const spelling = (await engine.check(text, { level: "default" })).find((match) => text.slice(match.offset, match.offset + match.length) === "prendu");
    expect(spelling?.replacements[0]).not.toBe("pris");
    const matches = await new LearnerRulesEngine(engine).check(text, { level: "default" });
    expect(matches).toHaveLength(1);
    expect(matches[0]?.ruleId).toBe("LEARNER_IRREGULAR_VERB_FORM");
    expect(matches[0]?.replacements[0]).toBe("pris");
    expect(matches[0]?.replacements).toEqual(expect.arrayContaining(spelling?.replacements ?? []));
  });
});
