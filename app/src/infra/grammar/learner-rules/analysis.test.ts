import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { hasTags, onlyTags, sentencesOf, tagsOf, withCaseOf } from "./analysis.js";
import { startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe("the worker's analyze op", () => {
  it("gives each token its UTF-16 span in the whole text, across paragraphs and astral characters", async () => {
    const text = "🙂 Ma mère\r\nà une voiture.";
    const tokens = await engine.analyze(text);
    const words = tokens.filter((token) => token.kind === "WORD");
    expect(words.map((token) => text.slice(token.offset, token.offset + token.length))).toEqual(["Ma", "mère", "à", "une", "voiture"]);
    expect(words.map((token) => token.value)).toEqual(["Ma", "mère", "à", "une", "voiture"]);
  });

  it("tags words with the lexicon's morphology, elision and inflections", async () => {
    const [arbre, heros, homme, interessant] = await engine.analyze("arbre héros homme intéressant");
    expect(onlyTags(arbre, /:N:m:s/u)).toBe(true);
    expect(arbre?.tags).toEqual(arbre?.morph.map(tagsOf));
    expect(arbre?.tags).toEqual([":N:m:s"]);
    expect([arbre?.elides, heros?.elides, homme?.elides]).toEqual([true, false, true]);
    expect(interessant?.inflections?.fp[0]).toBe("intéressantes");
    expect(hasTags(interessant, /:V.*:P/u)).toBe(true);
  });

  it("gives a conjugated verb its present subjunctive and an infinitive its past participles, which the rules read there", async () => {
    const [viens, venir] = await engine.analyze("viens venir");
    const fromViens = viens?.verbs.find((verb) => verb.infinitive === "venir");
    expect(fromViens?.subjunctive?.[":2s"]).toBe("viennes");
    expect(fromViens?.pastParticiple).toBeUndefined();
    const fromVenir = venir?.verbs.find((verb) => verb.infinitive === "venir");
    expect(fromVenir?.pastParticiple?.fs).toBe("venue");
    expect(fromVenir?.subjunctive).toBeUndefined();
  });

  it("gives a noun that is also a verb form the verb's past participles, to tell its feminine from them", async () => {
    const [monde] = await engine.analyze("monde");
    expect(monde?.inflections).not.toBeNull();
    expect(monde?.verbs.map((verb) => verb.pastParticiple?.fs)).toContain("mondée");
  });

  it("gives a word with a noun reading its inflections even when it has no other form", async () => {
    const [soir, le] = await engine.analyze("soir le");
    expect(soir?.inflections).toEqual({ ms: ["soir"], fs: [], mp: ["soirs"], fp: [] });
    expect(le?.inflections).toBeNull();
    expect(le?.verbs).toEqual([]);
  });

  it("reads an unknown word as an irregular verb conjugated as a regular one", async () => {
    const [disez, xyzzy] = await engine.analyze("disez xyzzy");
    expect(disez?.morph).toEqual([]);
    expect(disez?.verbGuesses).toEqual([{ infinitive: "dire", group: "3", tense: ":Ip", person: ":2p", form: "dites" }]);
    expect(xyzzy?.verbGuesses).toEqual([]);
  });
});

describe("sentencesOf and withCaseOf", () => {
  it("cuts clauses at sentence-ending punctuation, which it leaves out", async () => {
    const clauses = sentencesOf(await engine.analyze("Il pleut. Tu viens ? Oui"));
    expect(clauses.map((clause) => clause.map((token) => token.value).join(" "))).toEqual(["Il pleut", "Tu viens", "Oui"]);
  });

  it("keeps the capital of the word it replaces", () => {
    expect(withCaseOf("Ces", "c’est")).toBe("C’est");
    expect(withCaseOf("à", "a")).toBe("a");
  });
});
