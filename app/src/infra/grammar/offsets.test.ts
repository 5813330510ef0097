import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GrammarMatch } from "./engine.js";
import { GrammalecteEngine } from "./worker-pool.js";
import { astralCodePointIndices, codePointToUtf16, paragraphSpanToUtf16 } from "./offsets.js";

function flaggedText(text: string, match: GrammarMatch): string {
  return text.slice(match.offset, match.offset + match.length);
}

/** The flagged strings of all matches, in order: what a learner sees underlined. */
function flaggedTexts(text: string, matches: GrammarMatch[]): string[] {
  return matches.map((match) => flaggedText(text, match));
}

describe("code point → UTF-16 conversion (pure)", () => {
  it("is the identity for text without astral characters, accents included", () => {
    const text = "Ça a été décidé à l’école, garçon.";
    const converter = codePointToUtf16(text);
    expect(converter.codePointLength).toBe(text.length);
    for (const offset of [0, 1, 7, text.length]) expect(converter.toUtf16(offset)).toBe(offset);
  });

  it("counts a decomposed accent as one code point and one code unit, like Python", () => {
    const text = "e\u0301te\u0301";
    expect(astralCodePointIndices(text)).toEqual([]);
    expect(codePointToUtf16(text).toUtf16(4)).toBe(4);
  });

  it("shifts offsets after each emoji by one code unit", () => {
    // Python sees "😀 ok 😀 chat" as 11 code points; JavaScript as 13 units.
    const text = "😀 ok 😀 chat";
    expect(astralCodePointIndices(text)).toEqual([0, 5]);
    const converter = codePointToUtf16(text);
    expect(converter.codePointLength).toBe(11);
    expect(converter.toUtf16(0)).toBe(0);
    expect(converter.toUtf16(1)).toBe(2);
    expect(converter.toUtf16(5)).toBe(6);
    expect(converter.toUtf16(7)).toBe(9);
    expect(text.slice(converter.toUtf16(7), converter.toUtf16(11))).toBe("chat");
  });

  it("treats a lone surrogate as one code point, as Python does", () => {
    const text = "a\ud83d b";
    expect(astralCodePointIndices(text)).toEqual([]);
    expect(codePointToUtf16(text).codePointLength).toBe(4);
  });

  it("rejects offsets outside the text with the sizes in the message", () => {
    const converter = codePointToUtf16("😀ab");
    expect(() => converter.toUtf16(4)).toThrow(/code point offset 4 is outside the text \(0…3 code points, 4 UTF-16 units\)/);
    expect(() => converter.toUtf16(-1)).toThrow(RangeError);
    expect(() => converter.toUtf16(1.5)).toThrow(RangeError);
  });

  it("converts a paragraph-relative span to a range of the whole text", () => {
    const text = "😀 Titre\n\nIls 😀 mange.";
    // Second paragraph starts at code point 9 (after "😀 Titre\n\n"); "mange" is at 6…11 in it.
    const range = paragraphSpanToUtf16(codePointToUtf16(text), 9, 6, 11);
    expect(text.slice(range.offset, range.offset + range.length)).toBe("mange");
    expect(() => paragraphSpanToUtf16(codePointToUtf16(text), 0, 3, 2)).toThrow(/before its start/);
  });
});

describe("worker paragraph split mirrors grammalecte.text.getParagraph", () => {
  it("yields the same paragraphs, with starts pointing into the original text", () => {
    const workerDirectory = fileURLToPath(new URL("./", import.meta.url));
    const script = `
import sys, json
sys.path.insert(0, ${JSON.stringify(workerDirectory)})
import worker
import grammalecte.text as txt
samples = ["a\\r\\nb", "a\\rb\\nc", "\\n\\nx\\r\\n\\r\\ny\\n", "", "single", "a\\n\\r\\nb", "e\\u0301\\r\\U0001F600\\nz"]
results = []
for text in samples:
    ours = list(worker.split_paragraphs(text))
    results.append({
        "same": [p for _, p in ours] == list(txt.getParagraph(text)),
        "startsPoint": all(text[start:start + len(p)] == p for start, p in ours),
    })
worker.send(results)
`;
    const output = execFileSync("/usr/bin/python3", ["-B", "-c", script], { encoding: "utf8" });
    const results = JSON.parse(output) as Array<{ same: boolean; startsPoint: boolean }>;
    expect(results).toHaveLength(7);
    for (const result of results) expect(result).toEqual({ same: true, startsPoint: true });
  });
});

describe("offsets of real Grammalecte matches", () => {
  let engine: GrammalecteEngine;

  beforeAll(async () => {
    engine = await GrammalecteEngine.start({ workers: 2 });
  });

  afterAll(async () => {
    await engine.close();
  });

  it("points at the right word after precomposed accents", async () => {
    const text = "Le café était très bon à la fête. Les élève sont partis.";
    const matches = await engine.check(text, { level: "default" });
    expect(flaggedTexts(text, matches)).toEqual(["élève"]);
  });

  it("points at the right word with decomposed accents (e + U+0301)", async () => {
    const text = "Le cafe\u0301 e\u0301tait bon. Hier, les e\u0301le\u0300ve sont partis.";
    const matches = await engine.check(text, { level: "default" });
    expect(flaggedTexts(text, matches)).toEqual(["e\u0301le\u0300ve"]);
    // Grammalecte suggests the dictionary (precomposed) spelling, which is the same word.
    expect(matches[0]?.replacements).toEqual(["\u00e9l\u00e8ves"]);
  });

  it("points at the right word after emoji (astral plane)", async () => {
    const text = "J’aime le café 😀😀 et les chat noir. Ils mange 😀 les pommes.";
    const matches = await engine.check(text, { level: "default" });
    expect(flaggedTexts(text, matches)).toEqual(["chat", "Ils", "mange"]);
    expect(matches.find((match) => flaggedText(text, match) === "chat")?.replacements).toEqual(["chats"]);
  });

  it("points at a misspelled word after an emoji, with spelling suggestions", async () => {
    const text = "😀 Ma soeur est là.";
    const matches = await engine.check(text, { level: "default" });
    expect(flaggedTexts(text, matches)).toEqual(["soeur"]);
    expect(matches[0]?.category.id).toBe("SPELLING");
    expect(matches[0]?.issueType).toBe("misspelling");
    expect(matches[0]?.replacements).toContain("sœur");
  });

  it("keeps offsets exact across \\n, \\r\\n, \\r and blank lines", async () => {
    const text =
      "Bonjour à tous.\r\n\r\nLes chat noir dorment.\n\n\nIls mange 😀 des pommes.\rElle a acheter une voiture.\r\nBravo 😀. Les élève sont partis.";
    const matches = await engine.check(text, { level: "default" });
    expect(flaggedTexts(text, matches)).toEqual(["chat", "Ils", "mange", "acheter", "élève"]);
  });

  it("reports nothing for blank input", async () => {
    expect(await engine.check("", { level: "picky" })).toEqual([]);
    expect(await engine.check(" \r\n\n\t", { level: "picky" })).toEqual([]);
  });
});
