import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestStack, type TestStack } from "../../../testing/api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "explanations" });
});

afterAll(async () => {
  await stack?.close();
});

const post = (url: string, body: unknown) => postJson(stack.app, url, body);
const get = (url: string) => stack.app.inject({ method: "GET", url });

interface CorrectionResponse {
  matches: { ruleId: string; category: { id: string } }[];
}

interface Explanation {
  title: string;
  example: { incorrect: string; correct: string };
}

describe("explanations", () => {
  it("explains the rule of a match, by its rule id, with an example", async () => {
    const correction = (await post("/api/v1/corrections", { text: "Les enfant jouent." })).json() as CorrectionResponse;
    const [match] = correction.matches;
    expect(match).toBeDefined();
    const response = await get(`/api/v1/explanations/${encodeURIComponent(match!.ruleId)}`);
    expect(response.statusCode, response.body).toBe(200);
    const explanation = response.json() as Explanation;
    expect(explanation.title.length).toBeGreaterThan(0);
    expect(explanation.example.correct.length).toBeGreaterThan(0);

    const byCategory = await get(`/api/v1/explanations/${match!.category.id}`);
    expect(byCategory.statusCode).toBe(200);
    const all = (await get("/api/v1/explanations")).json() as { explanations: { id: string }[] };
    expect(all.explanations.map((entry) => entry.id)).toContain(match!.category.id);
  });
});
