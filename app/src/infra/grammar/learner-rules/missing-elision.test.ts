import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { missingElision } from "./missing-elision.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_MISSING_ELISION", () => {
  it.each([
    ["Il me a dit bonjour.", "me  → m’"],
    ["Je le aime beaucoup.", "le  → l’"],
    ["Je ne y vais pas.", "ne  → n’"],
    ["Je en veux encore.", "Je  → J’"],
    ["Lorsque il pleut, je reste.", "Lorsque  → Lorsqu’"],
    ["Il travaille jusque à minuit.", "jusque  → jusqu’"],
    ["Puisque on est là, restons.", "Puisque  → Puisqu’"],
    ["Tu la as vue ?", "la  → l’"],
    ["Il parle souvent de elle.", "de  → d’"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, missingElision, sentence)).toEqual([expected]);
  });

  it.each([
    "Il m’a dit bonjour.",
    "Je le hais.",
    "Si elle vient, je pars.",
    "Le héros arrive.",
    "Je le donne à Paul.",
    "Lorsque Paul arrive, on mange.",
    "Je l’emmène demain.",
    "Il se hâte.",
    "Je ne hais personne.",
    "Donne-le à ton frère.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, missingElision, sentence)).toEqual([]);
  });
});
