import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { analyzedTokensOf, hasTags, Lexicon, onlyTags, sentencesOf, tagsOf, withCaseOf } from "./analysis.js";
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

describe("Lexicon: each word described once by the worker, its later tokens read from that", () => {
  const arbre = { morph: [">arbre/:N:m:s/*"], elides: true, inflections: { mp: ["arbres"] } };

  it("reads a word described in an earlier answer, sharing one description between its tokens", () => {
    const lexicon = new Lexicon();
    const first = lexicon.read({ tokens: [[0, 2, "WORD", "un"], [3, 8, "WORD", "arbre"]], lexicon: { "WORD un": { morph: [">un/:G:D:m:s/*"] }, "WORD arbre": arbre } });
    const later = lexicon.read({ tokens: [[0, 5, "WORD", "arbre"], [5, 6, "PUNC", "."]], lexicon: {} });
    expect(later[0]?.word).toBe(first[1]?.word);
    expect(later[0]?.word).toEqual({ morph: arbre.morph, tags: [":N:m:s"], elides: true, inflections: { ms: [], fs: [], mp: ["arbres"], fp: [] }, verbs: [], verbGuesses: [] });
    expect(later[1]?.word.morph).toEqual([]);
    expect(lexicon.size).toBe(2);
    expect(() => later[0]?.word.morph.push("x")).toThrow(TypeError);
    expect(() => later[0]?.word.inflections?.mp.pop()).toThrow(TypeError);
    expect(() => later[1]?.word.morph.push("x")).toThrow(TypeError);
  });

  it("forgets every description on lexiconReset, before reading the answer's own", () => {
    const lexicon = new Lexicon();
    lexicon.read({ tokens: [[0, 5, "WORD", "arbre"]], lexicon: { "WORD arbre": arbre } });
    expect(lexicon.read({ tokens: [[0, 5, "WORD", "arbre"]], lexicon: { "WORD arbre": arbre }, lexiconReset: true })[0]?.word.tags).toEqual([":N:m:s"]);
    lexicon.read({ tokens: [], lexicon: {}, lexiconReset: true });
    expect(lexicon.size).toBe(0);
    expect(() => lexicon.read({ tokens: [[0, 5, "WORD", "arbre"]], lexicon: {} })).toThrow('the analysis has a word the worker never described: WORD "arbre"');
  });

  it("tells a word's kinds apart (l’ elided is not the same entry as a word l)", () => {
    const lexicon = new Lexicon();
    lexicon.read({ tokens: [[0, 2, "WORDELD", "l’"]], lexicon: { "WORDELD l’": { morph: [">le/:G:D:e:s/*"] } } });
    expect(() => lexicon.read({ tokens: [[0, 2, "WORD", "l’"]], lexicon: {} })).toThrow(/never described: WORD "l’"/u);
  });

  it("refuses an answer without its lexicon or its token list, saying which", () => {
    expect(() => new Lexicon().read({ tokens: [] })).toThrow("the analysis carries no lexicon object (got undefined)");
    expect(() => new Lexicon().read({ tokens: "x", lexicon: {} })).toThrow('the analysis carries no token list (got "x")');
  });

  it("gives offsets in UTF-16 units of the text", () => {
    const text = "🙂 arbre";
    const [token] = analyzedTokensOf(text, new Lexicon().read({ tokens: [[2, 7, "WORD", "arbre"]], lexicon: { "WORD arbre": arbre } }));
    expect(text.slice(token?.offset, (token?.offset ?? 0) + (token?.length ?? 0))).toBe("arbre");
    expect(token?.lower).toBe("arbre");
  });
});

describe("worker.py's lexicon across resets", () => {
  it("gives through a Lexicon the same analyses with a lexicon of 3 words (a reset at almost every answer), after a failed answer, and with the default size", async () => {
    const texts = ["Ma mère à une voiture.", "Il à un chien et une voiture.", "Les idées intéressant de ma mère.", "Vous disez que il a prendu le train.", "Ma mère a une voiture."];
    const workerDirectory = fileURLToPath(new URL("../", import.meta.url));
    const script = `
import sys, json
sys.path.insert(0, ${JSON.stringify(workerDirectory)})
import worker
worker.LEXICON_SIZE = 3
w = worker.Worker()
answers = []
for index, text in enumerate(json.loads(sys.argv[1])):
    answers.append(json.loads(worker.to_json(w.handle({"op": "check", "text": text, "options": {}, "analyze": True}))))
    if index == 2:
        w.analyzer.forget()  # what serve() does after an answer that failed
worker.send(answers)
`;
    const answers = JSON.parse(execFileSync("/usr/bin/python3", ["-B", "-c", script, JSON.stringify(texts)], { encoding: "utf8" })) as Array<Record<string, unknown>>;
    expect(answers.filter((answer) => answer.lexiconReset === true).length).toBeGreaterThanOrEqual(4);
    const lexicon = new Lexicon();
    const analyses = answers.map((answer, index) => analyzedTokensOf(texts[index] as string, lexicon.read(answer)));
    expect(lexicon.size).toBeLessThan(10);
    for (const [index, text] of texts.entries()) expect(analyses[index]).toEqual(await engine.analyze(text));
  });

  it("describes every word again after an answer that failed, saying lexiconReset (the app may lack what it described)", () => {
    const worker = fileURLToPath(new URL("../worker.py", import.meta.url));
    const requests = [
      { id: 1, op: "analyze", text: "Ma mère" },
      { id: 2, op: "analyze", text: 5 },
      { id: 3, op: "analyze", text: "Ma mère" },
      { id: 4, op: "analyze", text: "Ma mère" },
    ];
    const lines = execFileSync("/usr/bin/python3", ["-B", worker], { input: requests.map((request) => JSON.stringify(request)).join("\n"), encoding: "utf8", stdio: ["pipe", "pipe", "ignore"] })
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [first, failed, afterFailure, again] = lines.slice(1);
    expect(Object.keys(first?.lexicon as object)).toEqual(["WORD Ma", "WORD mère"]);
    expect(failed?.error).toMatch(/analyze needs a string 'text', got int/u);
    expect(afterFailure?.lexiconReset).toBe(true);
    expect(Object.keys(afterFailure?.lexicon as object)).toEqual(["WORD Ma", "WORD mère"]);
    expect(again?.lexiconReset).toBeUndefined();
    expect(again?.lexicon).toEqual({});
  });
});
