import { describe, expect, it } from "vitest";
import type { GrammarMatch } from "../../infra/grammar/engine.js";
import { findLoneSurrogate } from "../../infra/http/text-input.js";
import { AnnotatedText } from "./annotated-text.js";
import { buildLanguageToolResponse, contextWindow, selectMatches } from "./response.js";

function matchAt(text: string, word: string, ruleId = "rule", categoryId = "GRAMMAR"): GrammarMatch {
  const offset = text.indexOf(word);
  if (offset < 0) throw new Error(`${word} not in ${text}`);
  return {
    offset,
    length: word.length,
    message: `about ${word}`,
    shortMessage: "",
    replacements: [word.toUpperCase()],
    ruleId,
    ruleDescription: "description",
    category: { id: categoryId, name: "Catégorie" },
    issueType: "grammar",
  };
}

describe("context window", () => {
  it("shows 40 characters each side with ... where the text was cut", () => {
    const text = `${"a".repeat(50)} erreur ${"b".repeat(50)}`;
    const start = text.indexOf("erreur");
    const context = contextWindow(text, start, start + 6);
    expect(context.text.startsWith("...")).toBe(true);
    expect(context.text.endsWith("...")).toBe(true);
    expect(context.text.slice(context.offset, context.offset + context.length)).toBe("erreur");
    expect(context.text.length).toBe(3 + 40 + 6 + 40 + 3);
  });

  it("does not cut an emoji in half and shows line breaks as spaces", () => {
    const text = `😀${"x".repeat(39)}\nerreur`;
    const start = text.indexOf("erreur");
    const context = contextWindow(text, start, start + 6);
    expect(findLoneSurrogate(context.text)).toBe(-1);
    expect(context.text).not.toContain("\n");
    expect(context.text.slice(context.offset, context.offset + 6)).toBe("erreur");
  });
});

describe("response shaping", () => {
  it("filters by enabled and disabled rules and categories", () => {
    const text = "un deux trois";
    const matches = [matchAt(text, "un", "R1", "GRAMMAR"), matchAt(text, "deux", "R2", "TYPOGRAPHY"), matchAt(text, "trois", "R3", "GRAMMAR")];
    const base = { enabledRules: [], disabledRules: [], enabledCategories: [], disabledCategories: [], enabledOnly: false };
    expect(selectMatches(matches, { ...base, disabledRules: ["R1"] }).map((m) => m.ruleId)).toEqual(["R2", "R3"]);
    expect(selectMatches(matches, { ...base, disabledCategories: ["GRAMMAR"] }).map((m) => m.ruleId)).toEqual(["R2"]);
    expect(selectMatches(matches, { ...base, enabledOnly: true, enabledRules: ["R3"] }).map((m) => m.ruleId)).toEqual(["R3"]);
    expect(selectMatches(matches, { ...base, enabledOnly: true, enabledCategories: ["TYPOGRAPHY"] }).map((m) => m.ruleId)).toEqual(["R2"]);
  });

  it("reports offsets, context and sentence of the original document", () => {
    const document = AnnotatedText.fromParts([{ text: "Bonjour. " }, { markup: "<i>" }, { text: "Les enfant jouent." }, { markup: "</i>" }]);
    const match = matchAt(document.plainText, "enfant");
    const response = buildLanguageToolResponse({
      document,
      matches: [match],
      language: { mode: "auto" },
      detection: { name: "French", code: "fr-FR", confidence: 0.9 },
      software: { name: "FrançaisFluide", version: "1.0.0", buildDate: "2026-01-01 00:00" },
    });
    const [reported] = response.matches;
    expect(reported).toBeDefined();
    expect(document.originalText.slice(reported!.offset, reported!.offset + reported!.length)).toBe("enfant");
    expect(reported!.context.text.slice(reported!.context.offset, reported!.context.offset + reported!.context.length)).toBe("enfant");
    expect(reported!.sentence).toBe("Les enfant jouent.");
    expect(response.sentenceRanges.map(([from, to]) => document.originalText.slice(from, to))).toEqual([
      "Bonjour.",
      "Les enfant jouent.",
    ]);
    expect(response.software).toMatchObject({ apiVersion: 1, premium: false, status: "" });
    expect(response.language.code).toBe("fr-FR");
  });
});
