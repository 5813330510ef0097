import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { leurLeurs } from "./leur-leurs.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Ils ont vendu leur voitures.", "leur → leurs"],
    ["Elles rangent leur affaires.", "leur → leurs"],
    ["Je leurs téléphone demain.", "leurs → leur"],
    ["Nous leurs parlons souvent.", "leurs → leur"],
  ];

const RIGHT = [
    "Ils ont vendu leurs voitures.",
    "Je leur téléphone demain.",
    "On leur offre des fleurs.",
    "Il faut leur apprendre à nager.",
    "Ils ont pris leur petit déjeuner.",
  ];

describe(`${leurLeurs.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, leurLeurs, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, leurLeurs, sentence)).toEqual([]);
  });
});
