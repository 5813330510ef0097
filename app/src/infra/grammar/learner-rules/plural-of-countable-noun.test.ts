import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { pluralOfCountableNoun } from "./plural-of-countable-noun.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_PLURAL_OF_COUNTABLE_NOUN", () => {
  it.each([
    ["Il y a deux livre sur la table.", "livre → livres"],
    ["Il y a beaucoup de touriste en été.", "touriste → touristes"],
    ["J’ai beaucoup d’ami à Lyon.", "ami → amis"],
    ["Combien de cousin as-tu ?", "cousin → cousins"],
    ["Trop de chat dorment ici.", "chat → chats"],
    ["J’ai de nombreux problème.", "problème → problèmes"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, pluralOfCountableNoun, sentence)).toEqual([expected]);
  });

  it.each([
    "Il y a deux livres sur la table.",
    "Il a beaucoup de travail.",
    "Elle a eu beaucoup de chance.",
    "Il boit trop de café.",
    "Nous avons peu de temps.",
    "Je mange beaucoup de chocolat.",
    "Il a fait beaucoup de bien.",
    "Je suis né le deux mai.",
    "Lisez le chapitre trois demain.",
    "Il y a beaucoup de voiture dans la rue.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, pluralOfCountableNoun, sentence)).toEqual([]);
  });
});
