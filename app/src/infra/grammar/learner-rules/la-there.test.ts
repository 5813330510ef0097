import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { laForThere } from "./la-there.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Je suis la depuis midi.", "la → là"],
    ["Il est la, devant la porte.", "la → là"],
  ];

const RIGHT = [
    "Je suis là depuis midi.",
    "Je la vois tous les matins.",
    "Il chante un la, puis un do.",
    "Elle est la plus grande.",
    "La maison est là-bas.",
  ];

describe(`${laForThere.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, laForThere, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, laForThere, sentence)).toEqual([]);
  });
});
