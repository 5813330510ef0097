/** /v2/check and /v2/languages through buildServer + inject, on the real engine, PostgreSQL and Redis. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LanguageToolCheckResponse, LanguageToolMatch } from "./response.js";
import { findLoneSurrogate } from "../../infra/http/text-input.js";
import { formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "lt" });
});

afterAll(async () => {
  await stack?.close();
});

async function check(fields: Record<string, string>, contentType = "application/x-www-form-urlencoded"): Promise<LanguageToolCheckResponse> {
  const response = await stack.app.inject({
    method: "POST",
    url: "/v2/check",
    headers: { "content-type": contentType },
    payload: formBody(fields),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LanguageToolCheckResponse;
}

/** The match flagging exactly `word` at `offset`, or undefined. */
function matchOn(result: LanguageToolCheckResponse, offset: number, word: string): LanguageToolMatch | undefined {
  return result.matches.find((match) => match.offset === offset && match.length === word.length);
}

const ERROR_SENTENCE = "Les enfant jouent dans le jardin.";
const FLAGGED = "enfant";

describe("POST /v2/check", () => {
  it("answers in LanguageTool's shape", async () => {
    const result = await check({ text: ERROR_SENTENCE, language: "fr-FR" });
    expect(result.software).toMatchObject({ name: "FrançaisFluide", apiVersion: 1, premium: false, status: "" });
    expect(result.software.version).toContain(stack.engine.version);
    expect(result.software.buildDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(result.warnings).toEqual({ incompleteResults: false });
    expect(result.language).toMatchObject({ name: "French", code: "fr-FR", detectedLanguage: { name: "French", code: "fr-FR" } });
    expect(result.language.detectedLanguage.confidence).toBeGreaterThan(0);
    expect(result.sentenceRanges).toEqual([[0, ERROR_SENTENCE.length]]);

    const match = matchOn(result, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED);
    expect(match, JSON.stringify(result.matches)).toBeDefined();
    expect(Object.keys(match!).sort()).toEqual(
      [
        "context",
        "contextForSureMatch",
        "ignoreForIncompleteSentence",
        "length",
        "message",
        "offset",
        "replacements",
        "rule",
        "sentence",
        "shortMessage",
        "type",
      ].sort(),
    );
    expect(match!.message.length).toBeGreaterThan(0);
    expect(match!.replacements.length).toBeGreaterThan(0);
    for (const replacement of match!.replacements) expect(Object.keys(replacement)).toEqual(["value"]);
    expect(match!.context).toEqual({ text: ERROR_SENTENCE, offset: ERROR_SENTENCE.indexOf(FLAGGED), length: FLAGGED.length });
    expect(match!.sentence).toBe(ERROR_SENTENCE);
    expect(match!.type.typeName).toEqual(expect.any(String));
    expect(match!.rule).toEqual({
      id: expect.stringMatching(/\S/),
      description: expect.any(String),
      issueType: expect.stringMatching(/^(grammar|misspelling|typographical|style|uncategorized)$/),
      category: { id: expect.stringMatching(/\S/), name: expect.stringMatching(/\S/) },
    });
    expect(typeof match!.ignoreForIncompleteSentence).toBe("boolean");
    expect(typeof match!.contextForSureMatch).toBe("number");
  });

  it("echoes language=fr as fr and accepts auto", async () => {
    expect((await check({ text: ERROR_SENTENCE, language: "fr" })).language.code).toBe("fr");
    const auto = await check({ text: ERROR_SENTENCE, language: "auto" });
    expect(auto.language.code).toBe("fr-FR");
    expect(matchOn(auto, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();
  });

  it("counts offsets in UTF-16 code units across accents, emoji and paragraphs", async () => {
    const plain = await check({ text: ERROR_SENTENCE, language: "fr" });
    const plainMatch = matchOn(plain, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED);
    expect(plainMatch).toBeDefined();

    const prefix = "Été à Noël, ça va 😀👍🏽 !\n\nDeuxième paragraphe, très réussi.\r\n\r\n";
    const text = prefix + ERROR_SENTENCE + "\nÀ bientôt 🎉.";
    const result = await check({ text, language: "fr" });
    const match = matchOn(result, prefix.length + ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED);
    expect(match, JSON.stringify(result.matches)).toBeDefined();
    expect(text.slice(match!.offset, match!.offset + match!.length)).toBe(FLAGGED);
    expect(match!.rule.id).toBe(plainMatch!.rule.id);
    expect(match!.sentence).toBe(ERROR_SENTENCE);
    // The context window cuts the text 40 units before the match, keeps emoji whole and shows breaks as spaces.
    expect(match!.context.text.slice(match!.context.offset, match!.context.offset + match!.context.length)).toBe(FLAGGED);
    expect(match!.context.text).not.toMatch(/[\r\n]/);
    expect(findLoneSurrogate(match!.context.text)).toBe(-1);
    // Every sentence range starts and ends on non-space characters of the original text.
    expect(result.sentenceRanges.map(([from, to]) => text.slice(from, to))).toContain(ERROR_SENTENCE);
    for (const [from, to] of result.sentenceRanges) {
      expect(text.slice(from, to)).toBe(text.slice(from, to).trim());
    }
  });

  it("maps annotated text back to offsets that include the markup", async () => {
    const data = {
      annotation: [
        { markup: "<p>" },
        { text: "Les " },
        { markup: '<span class="x">' },
        { text: "enfant" },
        { markup: "</span>" },
        { text: " jouent dans le jardin." },
        { markup: "</p><p>", interpretAs: "\n\n" },
        { text: "Il a manger une pomme." },
        { markup: "</p>" },
      ],
    };
    const original = data.annotation.map((part) => ("text" in part ? part.text : part.markup)).join("");
    const result = await check({ data: JSON.stringify(data), language: "fr-FR" });
    const enfant = matchOn(result, original.indexOf(">enfant<") + 1, FLAGGED);
    expect(enfant, JSON.stringify(result.matches)).toBeDefined();
    expect(enfant!.sentence).toBe(ERROR_SENTENCE);
    expect(enfant!.context.text).toContain('<span class="x">');
    expect(enfant!.context.text.slice(enfant!.context.offset, enfant!.context.offset + enfant!.context.length)).toBe(FLAGGED);
    // The second paragraph's error is found too, at its place in the marked-up document.
    const manger = matchOn(result, original.indexOf("manger"), "manger");
    expect(manger, JSON.stringify(result.matches)).toBeDefined();
    expect(result.sentenceRanges.map(([from, to]) => original.slice(from, to))).toEqual([
      "Les <span class=\"x\">enfant</span> jouent dans le jardin.",
      "Il a manger une pomme.",
    ]);
  });

  it("adds typography and punctuation matches only at level=picky", async () => {
    const text = "C'est l'heure , non ? Les enfant jouent.";
    const standard = await check({ text, language: "fr" });
    const picky = await check({ text, language: "fr", level: "picky" });
    const pickyOnly = picky.matches.filter(
      (match) => !standard.matches.some((other) => other.offset === match.offset && other.rule.id === match.rule.id),
    );
    expect(pickyOnly.length).toBeGreaterThan(0);
    for (const match of pickyOnly) expect(["TYPOGRAPHY", "PUNCTUATION"]).toContain(match.rule.category.id);
    for (const match of standard.matches) expect(["TYPOGRAPHY", "PUNCTUATION"]).not.toContain(match.rule.category.id);
    // Everything reported at the default level is still reported when picky.
    for (const match of standard.matches) {
      expect(picky.matches.some((other) => other.offset === match.offset && other.rule.id === match.rule.id)).toBe(true);
    }
  });

  it("drops matches of disabled rules and categories, and keeps only enabled ones with enabledOnly", async () => {
    const text = "C'est l'heure , non ? Les enfant jouent.";
    const all = await check({ text, language: "fr", level: "picky" });
    const agreement = all.matches.find((match) => match.offset === text.indexOf(FLAGGED));
    expect(agreement).toBeDefined();
    const typography = all.matches.filter((match) => match.rule.category.id === "TYPOGRAPHY");
    expect(typography.length).toBeGreaterThan(0);

    const withoutRule = await check({ text, language: "fr", level: "picky", disabledRules: agreement!.rule.id });
    expect(withoutRule.matches.map((m) => m.rule.id)).not.toContain(agreement!.rule.id);
    expect(withoutRule.matches).toHaveLength(all.matches.length - all.matches.filter((m) => m.rule.id === agreement!.rule.id).length);

    const withoutTypography = await check({ text, language: "fr", level: "picky", disabledCategories: "TYPOGRAPHY" });
    expect(withoutTypography.matches.some((m) => m.rule.category.id === "TYPOGRAPHY")).toBe(false);

    const onlyAgreement = await check({ text, language: "fr", level: "picky", enabledRules: agreement!.rule.id, enabledOnly: "true" });
    expect(onlyAgreement.matches.map((m) => m.rule.id)).toEqual(
      all.matches.filter((m) => m.rule.id === agreement!.rule.id).map((m) => m.rule.id),
    );
  });

  it("accepts a form body labelled application/json (or text/plain), as some clients send it", async () => {
    const labelledJson = await check({ text: ERROR_SENTENCE, language: "fr-FR" }, "application/json");
    expect(matchOn(labelledJson, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();
    const labelledCharset = await check({ text: ERROR_SENTENCE, language: "fr-FR" }, "application/json; charset=utf-8");
    expect(matchOn(labelledCharset, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();
    const labelledText = await check({ text: ERROR_SENTENCE, language: "fr-FR" }, "text/plain;charset=UTF-8");
    expect(matchOn(labelledText, ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();
  });

  it("accepts a real JSON body and the query string", async () => {
    const json = await stack.app.inject({
      method: "POST",
      url: "/v2/check",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ text: ERROR_SENTENCE, language: "fr", enabledOnly: false }),
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(matchOn(json.json(), ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();

    const query = await stack.app.inject({ method: "GET", url: `/v2/check?${formBody({ text: ERROR_SENTENCE, language: "fr" })}` });
    expect(query.statusCode, query.body).toBe(200);
    expect(matchOn(query.json(), ERROR_SENTENCE.indexOf(FLAGGED), FLAGGED)).toBeDefined();
  });

  it("lets browser extensions call it (CORS)", async () => {
    const origin = "chrome-extension://abcdefghijklmnop";
    const preflight = await stack.app.inject({
      method: "OPTIONS",
      url: "/v2/check",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(String(preflight.headers["access-control-allow-methods"])).toContain("POST");

    const response = await stack.app.inject({
      method: "POST",
      url: "/v2/check",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      payload: formBody({ text: ERROR_SENTENCE, language: "fr" }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("GET /v2/languages", () => {
  it("lists French in LanguageTool's shape", async () => {
    const response = await stack.app.inject({ method: "GET", url: "/v2/languages" });
    expect(response.statusCode).toBe(200);
    const languages = response.json() as { name: string; code: string; longCode: string }[];
    expect(languages.length).toBeGreaterThan(0);
    for (const language of languages) {
      expect(language.code).toBe("fr");
      expect(language.longCode).toMatch(/^fr(-FR)?$/);
      expect(language.name).toMatch(/^French/);
    }
  });
});
