import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearner, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { queryDirect } from "../../../testing/postgres.js";

let stack: TestStack;
let databaseUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "idempotency" });
  databaseUrl = stack.databaseUrl;
});

afterAll(async () => {
  await stack?.close();
});

function postWithKey(url: string, body: unknown, key: string | undefined) {
  return stack.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json", ...(key === undefined ? {} : { "idempotency-key": key }) },
    payload: JSON.stringify(body),
  });
}

async function rowCount(text: string, values: unknown[]): Promise<number> {
  const rows = await queryDirect(databaseUrl, text, values);
  return rows[0]?.count as number;
}

const EXERCISE = "a1-homophones-01";

describe("Idempotency-Key on POST /api/v1/learners", () => {
  it("answers a resent sign-up with the first learner (same id, 201) and stores one row", async () => {
    const key = randomUUID();
    const body = { displayName: "Maëlle", level: "B2" };
    const first = await postWithKey("/api/v1/learners", body, key);
    const again = await postWithKey("/api/v1/learners", body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers.location).toBe(first.headers.location);
    const { id } = first.json() as { id: string };
    expect(await rowCount("SELECT count(*)::int AS count FROM learners WHERE idempotency_key = $1", [key])).toBe(1);
    expect(await rowCount("SELECT count(*)::int AS count FROM learners WHERE id = $1", [id])).toBe(1);
  });

  it("creates one learner when the same key arrives twice at once", async () => {
    const key = randomUUID();
    const body = { displayName: "Yanis", level: "A2" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postWithKey("/api/v1/learners", body, key)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => (answer.json() as { id: string }).id)).size).toBe(1);
    expect(await rowCount("SELECT count(*)::int AS count FROM learners WHERE idempotency_key = $1", [key])).toBe(1);
  });

  it("refuses the same key with another body (422 naming the key), and creates a new learner per request without a key", async () => {
    const key = randomUUID();
    expect((await postWithKey("/api/v1/learners", { displayName: "Lou", level: "A1" }, key)).statusCode).toBe(201);
    const reused = await postWithKey("/api/v1/learners", { displayName: "Lou", level: "C2" }, key);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json()).toMatchObject({ error: "idempotency_key_reused", message: expect.stringContaining(key) as string });
    expect((reused.json() as { message: string }).message).toMatch(/new key/);

    const withoutKey = await Promise.all([1, 2].map(() => postWithKey("/api/v1/learners", { displayName: "Lou", level: "A1" }, undefined)));
    const ids = withoutKey.map((answer) => (answer.json() as { id: string }).id);
    expect(new Set(ids).size).toBe(2);
  });

  it("refuses a malformed key with a 400 that names the header", async () => {
    for (const key of ["", "with space", "é", "x".repeat(256)]) {
      const answer = await postWithKey("/api/v1/learners", { displayName: "Lou", level: "A1" }, key);
      expect(answer.statusCode, key).toBe(400);
      expect(answer.json()).toMatchObject({ error: "invalid_parameter", message: expect.stringContaining("Idempotency-Key") as string });
    }
  });
});

describe("Idempotency-Key on POST /api/v1/exercises/:id/attempts", () => {
  it("records a resent attempt once and answers it as the first time (same attempt id, 200)", async () => {
    const learnerId = await createLearner(stack.app, "A1", false);
    const key = randomUUID();
    const url = `/api/v1/exercises/${EXERCISE}/attempts`;
    const first = await postWithKey(url, { answer: "a", learnerId }, key);
    const again = await postWithKey(url, { answer: "a", learnerId }, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((first.json() as { attemptId: string | null }).attemptId).toEqual(expect.any(String));
    expect(await rowCount("SELECT count(*)::int AS count FROM attempts WHERE learner_id = $1", [learnerId])).toBe(1);

    const progress = (await stack.app.inject({ method: "GET", url: `/api/v1/learners/${learnerId}/progress` })).json() as { attempts: number };
    expect(progress.attempts).toBe(1);
  });

  it("scopes keys to the learner, and refuses a key reused for another answer or exercise", async () => {
    const [camille, noah] = [await createLearner(stack.app, "A1", false), await createLearner(stack.app, "A1", false)];
    const key = randomUUID();
    const url = `/api/v1/exercises/${EXERCISE}/attempts`;
    expect((await postWithKey(url, { answer: "a", learnerId: camille }, key)).statusCode).toBe(200);
    expect((await postWithKey(url, { answer: "a", learnerId: noah }, key)).statusCode).toBe(200);
    expect(await rowCount("SELECT count(*)::int AS count FROM attempts WHERE idempotency_key = $1", [key])).toBe(2);

    const otherAnswer = await postWithKey(url, { answer: "à", learnerId: camille }, key);
    expect(otherAnswer.statusCode, otherAnswer.body).toBe(422);
    expect(otherAnswer.json()).toMatchObject({ error: "idempotency_key_reused" });
    const otherExercise = await postWithKey("/api/v1/exercises/a1-homophones-02/attempts", { answer: "a", learnerId: camille }, key);
    expect(otherExercise.statusCode, otherExercise.body).toBe(422);
    expect(await rowCount("SELECT count(*)::int AS count FROM attempts WHERE learner_id = $1", [camille])).toBe(1);
  });
});

describe("OpenAPI", () => {
  it("documents the Idempotency-Key header on both writes", async () => {
    const document = (await stack.app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    for (const path of ["/api/v1/learners", "/api/v1/exercises/{id}/attempts"]) {
      const headers = (document.paths[path]?.post?.parameters ?? []).filter((parameter) => parameter.in === "header").map((parameter) => parameter.name);
      expect(headers, path).toContain("idempotency-key");
    }
  });
});
