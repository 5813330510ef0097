import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { pluralAfterQuantity } from "./plural-after-quantity.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Beaucoup de personne sont venues.", "personne → personnes"],
    ["Beaucoup d’élève ont réussi.", "élève → élèves"],
  ];

const RIGHT = [
    "Beaucoup de personnes sont venues.",
    "Peu de lait reste dans la bouteille.",
    "Trop de sucre rend malade.",
    "Il reste beaucoup de travail.",
  ];

describe(`${pluralAfterQuantity.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, pluralAfterQuantity, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, pluralAfterQuantity, sentence)).toEqual([]);
  });
});
