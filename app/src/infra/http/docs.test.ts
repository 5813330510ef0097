import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../../../testing/api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "docs" });
});

afterAll(async () => {
  await stack?.close();
});

describe("OpenAPI", () => {
  it("serves the document at /docs/json and the UI at /docs", async () => {
    const json = await stack.app.inject({ method: "GET", url: "/docs/json" });
    expect(json.statusCode).toBe(200);
    const document = json.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      "/v2/check",
      "/v2/languages",
      "/api/v1/corrections",
      "/api/v1/explanations/{ruleId}",
      "/api/v1/exercises",
      "/api/v1/exercises/{id}",
      "/api/v1/exercises/{id}/attempts",
      "/api/v1/learners",
      "/api/v1/learners/{id}/progress",
      "/health/ready",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const ui = await stack.app.inject({ method: "GET", url: "/docs" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });
});
