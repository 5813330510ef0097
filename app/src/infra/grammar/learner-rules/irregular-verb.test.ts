import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { irregularVerb } from "./irregular-verb.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("LEARNER_IRREGULAR_VERB_AS_REGULAR", () => {
  it.each([
    ["Vous disez la vérité.", "disez → dites"],
    ["Il a prendu le train.", "prendu → pris"],
    ["Il est mourru l’année dernière.", "mourru → mort"],
    ["Je venirai demain.", "venirai → viendrai"],
    ["J’ai ouvru la fenêtre.", "ouvru → ouvert"],
    ["Nous allerons à Paris.", "allerons → irons"],
  ])("flags %s with the right form first", async (sentence, expected) => {
    expect(await findingsOf(engine, irregularVerb, sentence)).toEqual([expected]);
  });

  it.each(["Vous dites la vérité.", "Il a pris le train.", "Je viendrai demain avec Dupont.", "Nous irons à Paris."])("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, irregularVerb, sentence)).toEqual([]);
  });
});
