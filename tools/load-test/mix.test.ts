import { describe, expect, it } from "vitest";
import { buildRequest, MIX_CYCLE, mixShares, REQUEST_KINDS, TYPISTS, typingDocument } from "./mix.js";

const fixtures = { exerciseIds: ["a1-homophones-01", "conj:aller:ipre:1pl"], learnerIds: ["4f1c2f43-9d0e-4a4e-9a53-2b1f3f6f7c01"] };

function words(text: string): string[] {
  return text.split(/\s+/);
}

describe("the mix", () => {
  it("is half LanguageTool checks, a fifth native corrections, a fifth exercise reads and a tenth attempts", () => {
    expect(mixShares()).toEqual({ "languagetool-typing": 50, "native-correction": 20, "exercise-read": 20, "learner-attempt": 10 });
    expect(new Set(MIX_CYCLE)).toEqual(new Set(REQUEST_KINDS));
  });
});

describe("typingDocument", () => {
  it("changes one word from one revision to the next, in one paragraph, the other paragraphs unchanged", () => {
    for (let revision = 1; revision < 200; revision += 1) {
      const before = typingDocument(3, revision - 1);
      const after = typingDocument(3, revision);
      const [a, b] = [words(before), words(after)];
      expect(b).toHaveLength(a.length);
      expect(a.filter((word, index) => word !== b[index]).length, `revision ${revision}`).toBeLessThanOrEqual(1);
      const changedParagraphs = after.split("\n\n").filter((paragraph, index) => paragraph !== before.split("\n\n")[index]);
      expect(changedParagraphs.length).toBeLessThanOrEqual(1);
    }
    expect(typingDocument(3, 7)).not.toBe(typingDocument(3, 6));
  });

  it("gives every typist a document of their own, of several paragraphs", () => {
    const documents = Array.from({ length: TYPISTS }, (_, typist) => typingDocument(typist, 0));
    expect(new Set(documents).size).toBe(TYPISTS);
    expect(documents[0]?.split("\n\n")).toHaveLength(3);
  });
});

describe("buildRequest", () => {
  const key = () => "key-1";

  it("sends LanguageTool checks form-encoded, as its clients do", () => {
    const request = buildRequest("languagetool-typing", 9, fixtures, key);
    expect(request).toMatchObject({ method: "POST", path: "/v2/check", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const form = new URLSearchParams(request.body);
    expect(form.get("language")).toBe("fr-FR");
    expect(form.get("text")).toBe(typingDocument(9 % TYPISTS, 1));
  });

  it("sends a different text to each native correction", () => {
    const texts = Array.from({ length: 50 }, (_, sequence) => (JSON.parse(buildRequest("native-correction", sequence, fixtures, key).body as string) as { text: string }).text);
    expect(new Set(texts).size).toBe(50);
  });

  it("reads lists and single exercises", () => {
    expect(buildRequest("exercise-read", 0, fixtures, key)).toEqual({ method: "GET", path: "/api/v1/exercises?level=A1&limit=10", headers: {} });
    expect(buildRequest("exercise-read", 1, fixtures, key).path).toBe("/api/v1/exercises/conj%3Aaller%3Aipre%3A1pl");
  });

  it("records attempts for the run's learners, each with an Idempotency-Key of its own", () => {
    const request = buildRequest("learner-attempt", 0, fixtures, key);
    expect(request).toMatchObject({ method: "POST", path: "/api/v1/exercises/a1-homophones-01/attempts", headers: { "idempotency-key": "key-1" } });
    expect(JSON.parse(request.body as string)).toEqual({ answer: "réponse", learnerId: fixtures.learnerIds[0] });
    expect(() => buildRequest("learner-attempt", 0, { exerciseIds: ["x"], learnerIds: [] }, key)).toThrow("the load test has no learners to use: the setup found none");
  });
});
