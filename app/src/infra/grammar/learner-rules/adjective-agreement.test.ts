import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { adjectiveAfterPluralNoun } from "./adjective-agreement.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Ce sont des idées intéressant.", "intéressant → intéressantes"],
    ["Nous avons vu des films amusant.", "amusant → amusants"],
    ["J’ai des chaussures noir.", "noir → noires"],
  ];

const RIGHT = [
    "Ce sont des idées intéressantes.",
    "Ce sont des idées intéressant les jeunes.",
    "Elle porte des chaussures marron.",
    "Il a vu des enfants heureux.",
    "J’ai acheté des robes orange.",
    "Il y a des livres partout.",
  ];

describe(`${adjectiveAfterPluralNoun.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, adjectiveAfterPluralNoun, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, adjectiveAfterPluralNoun, sentence)).toEqual([]);
  });
});
