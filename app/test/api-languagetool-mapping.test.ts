/** Pure LanguageTool mapping: annotated text offsets, sentence ranges, context windows, request parsing. */
import { describe, expect, it } from "vitest";
import type { GrammarMatch } from "../src/grammar/engine.js";
import { AnnotatedText, parseAnnotatedData } from "../src/languagetool/annotated-text.js";
import { detectFrench, resolveLanguage } from "../src/languagetool/languages.js";
import { parseLanguageToolCheck } from "../src/languagetool/request.js";
import { buildLanguageToolResponse, contextWindow, selectMatches } from "../src/languagetool/response.js";
import { splitSentences } from "../src/languagetool/sentences.js";
import { findLoneSurrogate } from "../src/languagetool/text-input.js";
import { HttpError } from "../src/plugins/http-errors.js";

function httpErrorOf(action: () => unknown): HttpError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error("expected an HttpError");
}

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

describe("annotated text", () => {
  const data = {
    annotation: [
      { text: "Les " },
      { markup: "<b>" },
      { text: "enfant" },
      { markup: "</b>" },
      { text: " mange." },
      { markup: "<br/>", interpretAs: "\n\n" },
      { text: "Il a manger." },
    ],
  };

  it("checks the text parts and interpretAs, and maps offsets back to the document with markup", () => {
    const document = parseAnnotatedData(JSON.stringify(data));
    expect(document.plainText).toBe("Les enfant mange.\n\nIl a manger.");
    expect(document.originalText).toBe("Les <b>enfant</b> mange.<br/>Il a manger.");
    const enfant = document.plainText.indexOf("enfant");
    const start = document.toOriginalOffset(enfant, "start");
    const end = document.toOriginalOffset(enfant + "enfant".length, "end");
    expect(document.originalText.slice(start, end)).toBe("enfant");
    const manger = document.plainText.indexOf("manger");
    const mangerStart = document.toOriginalOffset(manger, "start");
    expect(document.originalText.slice(mangerStart, mangerStart + 6)).toBe("manger");
  });

  it("stretches a range that touches an interpretAs stand-in over the whole markup", () => {
    const document = parseAnnotatedData(data);
    const breakStart = document.plainText.indexOf("\n");
    expect(document.toOriginalOffset(breakStart, "start")).toBe(document.originalText.indexOf("<br/>"));
    expect(document.toOriginalOffset(breakStart + 2, "end")).toBe(document.originalText.indexOf("<br/>") + "<br/>".length);
  });

  it("names the faulty part of bad annotated text", () => {
    expect(httpErrorOf(() => parseAnnotatedData("{oops")).code).toBe("invalid_json");
    expect(httpErrorOf(() => parseAnnotatedData('{"annotations":[]}')).message).toMatch(/no "annotation" array/);
    expect(httpErrorOf(() => parseAnnotatedData('{"annotation":[{"text":1}]}')).message).toMatch(/data.annotation\[0\]/);
    expect(httpErrorOf(() => parseAnnotatedData('{"annotation":[{"markup":"<b>","interpretAs":5}]}')).message).toMatch(
      /interpretAs must be a string/,
    );
  });
});

describe("sentences", () => {
  it("splits on end punctuation and line breaks, not on abbreviations or numbers", () => {
    const text = "M. Dupont est là. Il a 3.5 ans ! Vraiment ?\nOui… « Bien. » Fin";
    const sentences = splitSentences(text).map((range) => text.slice(range.start, range.end));
    expect(sentences).toEqual(["M. Dupont est là.", "Il a 3.5 ans !", "Vraiment ?", "Oui…", "« Bien. »", "Fin"]);
  });

  it("leaves surrounding whitespace out of every range", () => {
    const text = "  Bonjour.   \n\n  Au revoir.  ";
    expect(splitSentences(text).map((range) => text.slice(range.start, range.end))).toEqual(["Bonjour.", "Au revoir."]);
  });
});

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

describe("request parsing", () => {
  it("reads LanguageTool parameters", () => {
    const request = parseLanguageToolCheck(
      {
        text: "Bonjour",
        language: "fr-FR",
        level: "picky",
        enabledRules: "A,B",
        disabledCategories: ["TYPOGRAPHY"],
        enabledOnly: "false",
        motherTongue: "en",
      },
      100,
    );
    expect(request.document.plainText).toBe("Bonjour");
    expect(request.language).toEqual({ mode: "fixed", code: "fr-FR" });
    expect(request.level).toBe("picky");
    expect(request.rules).toEqual({
      enabledRules: ["A", "B"],
      disabledRules: [],
      enabledCategories: [],
      disabledCategories: ["TYPOGRAPHY"],
      enabledOnly: false,
    });
    expect(request.motherTongue).toBe("en");
  });

  it("rejects what LanguageTool clients cannot mean", () => {
    expect(httpErrorOf(() => parseLanguageToolCheck({ language: "fr" }, 100)).code).toBe("missing_parameter");
    expect(httpErrorOf(() => parseLanguageToolCheck({ text: "a", data: "{}", language: "fr" }, 100)).code).toBe("invalid_parameter");
    expect(httpErrorOf(() => parseLanguageToolCheck({ text: "Bonjour", language: "fr", level: "strict" }, 100)).message).toMatch(
      /"level" parameter must be "default" or "picky", got "strict"/,
    );
    expect(httpErrorOf(() => parseLanguageToolCheck({ text: "Bonjour", language: "fr", enabledOnly: "true" }, 100)).message).toMatch(
      /enabledOnly=true was sent without/,
    );
    const tooLong = httpErrorOf(() => parseLanguageToolCheck({ text: "mot ".repeat(30), language: "fr" }, 100));
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.message).toMatch(/120 characters long, over the limit of 100/);
  });

  it("accepts fr, fr-FR and auto, and lists them when refusing another language", () => {
    expect(resolveLanguage("FR")).toEqual({ mode: "fixed", code: "fr" });
    expect(resolveLanguage("fr_FR")).toEqual({ mode: "fixed", code: "fr-FR" });
    expect(resolveLanguage("auto")).toEqual({ mode: "auto" });
    const refused = httpErrorOf(() => resolveLanguage("de-DE"));
    expect(refused.code).toBe("unsupported_language");
    expect(refused.message).toMatch(/"de-DE" is not supported.*language=fr, language=fr-FR, language=auto/);
  });

  it("rates French text as more French than English text", () => {
    expect(detectFrench("Je pense que nous sommes arrivés à la maison avec les enfants.").confidence).toBeGreaterThan(
      detectFrench("I think that we arrived at the house with the children.").confidence,
    );
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
