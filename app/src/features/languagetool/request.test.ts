import { describe, expect, it } from "vitest";
import { httpErrorOf } from "../../../testing/http-error.js";
import { parseLanguageToolCheck } from "./request.js";

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
});
