import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { ouWhere } from "./ou-where.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Ou vas-tu ce soir ?", "Ou → Où"],
    ["Je ne sais pas ou il habite.", "ou → où"],
    ["Dis-moi ou tu as mis mes clés.", "ou → où"],
    ["Tu veux du thé où du café ?", "où → ou"],
    ["Il viendra lundi où mardi.", "où → ou"],
  ];

const RIGHT = [
    "Où vas-tu ce soir ?",
    "Tu veux du thé ou du café ?",
    "Tu sais, ou tu viens ou tu restes.",
    "C’est le moment ou jamais.",
    "Voici la chambre où tu dormiras.",
    "Je ne sais pas s’il vient ou s’il reste.",
  ];

describe(`${ouWhere.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, ouWhere, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, ouWhere, sentence)).toEqual([]);
  });
});
