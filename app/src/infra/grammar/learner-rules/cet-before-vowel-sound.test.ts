import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { cetBeforeVowelSound } from "./cet-before-vowel-sound.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_CET_BEFORE_VOWEL_SOUND", () => {
  it.each([
    ["Cet héros est courageux.", "Cet → Ce"],
    ["J’ai vu cet hibou dans la forêt.", "cet → ce"],
    ["Cet hasard est étrange.", "Cet → Ce"],
    ["Je mange cet yaourt.", "cet → ce"],
    ["Cet hache coupe bien.", "Cet → Cette"],
    ["Ce homme est grand.", "Ce → Cet"],
    ["Ce énorme chien aboie.", "Ce → Cet"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, cetBeforeVowelSound, sentence)).toEqual([expected]);
  });

  it.each([
    "Ce héros est courageux.",
    "Cet homme est grand.",
    "Cet hiver a été froid.",
    "Cette héroïne est courageuse.",
    "Ce à quoi je pense est simple.",
    "Ce en quoi je crois est simple.",
    "Cet énorme chien aboie.",
    "Ce yaourt est bon.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, cetBeforeVowelSound, sentence)).toEqual([]);
  });
});
