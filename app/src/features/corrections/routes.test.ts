import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearner, postJson, startTestStack, type TestStack } from "../../../testing/api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "corrections" });
});

afterAll(async () => {
  await stack?.close();
});

const post = (url: string, body: unknown) => postJson(stack.app, url, body);

interface CorrectionMatch {
  offset: number;
  length: number;
  excerpt: string;
  replacements: string[];
  applied: boolean;
  ruleId: string;
  category: { id: string; name: string };
  explanation: { id: string; title: string; explanation: string; example: { incorrect: string; correct: string } };
}

interface CorrectionResponse {
  text: string;
  correctedText: string;
  matches: CorrectionMatch[];
  history: { recorded: boolean; reason: string } | null;
}

describe("POST /api/v1/corrections", () => {
  it("returns the matches, the corrected text and a French explanation with an example for each", async () => {
    const text = "Hier, les enfant ont manger des pomme.";
    const response = await post("/api/v1/corrections", { text });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as CorrectionResponse;
    expect(result.text).toBe(text);
    expect(result.matches.length).toBeGreaterThan(1);
    for (const match of result.matches) {
      expect(match.excerpt).toBe(text.slice(match.offset, match.offset + match.length));
      expect(match.explanation.title.length).toBeGreaterThan(0);
      expect(match.explanation.explanation.length).toBeGreaterThan(20);
      expect(match.explanation.example.incorrect).not.toBe(match.explanation.example.correct);
    }
    // The corrected text is the original with each applied match's first replacement in place.
    let rebuilt = "";
    let position = 0;
    for (const match of result.matches.filter((m) => m.applied).sort((a, b) => a.offset - b.offset)) {
      rebuilt += text.slice(position, match.offset) + match.replacements[0];
      position = match.offset + match.length;
    }
    expect(result.correctedText).toBe(rebuilt + text.slice(position));
    expect(result.correctedText).not.toBe(text);
    expect(result.history).toBeNull();

    // The corrected text has none of the errors that were corrected.
    const again = (await post("/api/v1/corrections", { text: result.correctedText })).json() as CorrectionResponse;
    for (const fixed of result.matches.filter((m) => m.applied)) {
      expect(again.matches.some((m) => m.ruleId === fixed.ruleId && m.excerpt === fixed.excerpt)).toBe(false);
    }
  });

  it("records the text in a learner's history only when the learner opted in", async () => {
    const optedIn = await createLearner(stack.app, "B1", true);
    const notOptedIn = await createLearner(stack.app, "B1", false);
    const text = `Il a manger ${Date.now()} pommes.`;
    const kept = (await post("/api/v1/corrections", { text, learnerId: optedIn })).json() as CorrectionResponse;
    expect(kept.history?.recorded).toBe(true);
    const notKept = (await post("/api/v1/corrections", { text, learnerId: notOptedIn })).json() as CorrectionResponse;
    expect(notKept.history?.recorded).toBe(false);
    expect((await stack.database.corrections.listForLearner(optedIn)).map((record) => record.text)).toEqual([text]);
    expect(await stack.database.corrections.listForLearner(notOptedIn)).toEqual([]);

    // Opting out through the API erases what was kept.
    const optOut = await stack.app.inject({
      method: "PATCH",
      url: `/api/v1/learners/${optedIn}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ correctionHistoryOptIn: false }),
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    expect(await stack.database.corrections.listForLearner(optedIn)).toEqual([]);
  });
});
