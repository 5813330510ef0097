import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { infinitiveForPastParticiple } from "./infinitive-for-past-participle.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_INFINITIVE_FOR_PAST_PARTICIPLE", () => {
  it.each([
    ["Ils ont finir leur travail.", "finir → fini"],
    ["Elle a prendre le bus.", "prendre → pris"],
    ["Tu as voir le film ?", "voir → vu"],
    ["Nous n’avons pas choisir.", "choisir → choisi"],
    ["Elle est sortir avec ses amies.", "sortir → sortie"],
    ["Ils sont partir hier.", "partir → partis"],
    ["Mon frère a lire ce roman.", "lire → lu"],
  ])("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, infinitiveForPastParticiple, sentence)).toEqual([expected]);
  });

  it.each([
    "Ils ont fini leur travail.",
    "Elle a pris le bus.",
    "J’ai à faire ce soir.",
    "Partir, c’est mourir un peu.",
    "L’important est participer.",
    "Il commence à finir.",
    "Elle est sortie avec ses amies.",
    "Ils ont beau dire, ils ont tort.",
  ])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, infinitiveForPastParticiple, sentence)).toEqual([]);
  });
});
