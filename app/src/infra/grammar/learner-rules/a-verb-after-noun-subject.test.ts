import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { aVerbAfterNounSubject } from "./a-verb-after-noun-subject.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_A_VERB_AFTER_NOUN_SUBJECT", () => {
  it.each([
    ["Ma mère à une voiture.", "à → a"],
    ["Le professeur à raison.", "à → a"],
    ["Marie à trois chats noirs.", "à → a"],
    ["Hier, notre voisin à acheté une maison.", "à → a"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, aVerbAfterNounSubject, sentence)).toEqual([expected]);
  });

  it.each([
    "Ma mère a une voiture.",
    "La maison à la campagne est grande.",
    "Le train à grande vitesse arrive à midi.",
    "Mon frère pense à ses examens.",
    "Un verre à eau est posé sur la table.",
    "Mes parents à la maison.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, aVerbAfterNounSubject, sentence)).toEqual([]);
  });
});
