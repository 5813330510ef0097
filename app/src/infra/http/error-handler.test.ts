/**
 * Bad input is a 4xx `{ error, message }` naming the problem, never a 500, and the server keeps serving;
 * an engine that does not answer in time is a 503 with Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache } from "../cache/layered-cache.js";
import { GrammalecteEngine } from "../grammar/worker-pool.js";
import { createMetrics } from "../metrics/metrics.js";
import { buildServer } from "../../server.js";
import { TEST_MAX_TEXT_LENGTH, formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "bad" });
});

afterAll(async () => {
  await stack?.close();
});

interface Sent {
  method?: "GET" | "POST";
  url: string;
  contentType?: string;
  payload?: string;
}

async function refused(request: Sent, status: number, code: string, message: RegExp): Promise<void> {
  const response = await stack.app.inject({
    method: request.method ?? "POST",
    url: request.url,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
    ...(request.contentType ? { headers: { "content-type": request.contentType } } : {}),
  });
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const body = response.json() as { error: string; message: string };
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  expect(body.error).toBe(code);
  expect(body.message).toMatch(message);
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

describe("bad input on /v2/check", () => {
  it("refuses an empty or blank text", async () => {
    await refused({ url: "/v2/check", contentType: FORM, payload: formBody({ text: "", language: "fr" }) }, 400, "empty_text", /"text".*empty/);
    await refused({ url: "/v2/check", contentType: FORM, payload: formBody({ text: " \n\t ", language: "fr" }) }, 400, "empty_text", /only whitespace/);
    await refused({ url: "/v2/check", contentType: FORM, payload: formBody({ language: "fr" }) }, 400, "missing_parameter", /Neither "text" nor "data"/);
  });

  it("refuses a text over MAX_TEXT_LENGTH, saying the length and the limit", async () => {
    const text = "Bonjour. ".repeat(Math.ceil((TEST_MAX_TEXT_LENGTH + 1) / 9));
    await refused(
      { url: "/v2/check", contentType: FORM, payload: formBody({ text, language: "fr" }) },
      413,
      "text_too_long",
      new RegExp(`${text.length} characters long, over the limit of ${TEST_MAX_TEXT_LENGTH}`),
    );
  });

  it("refuses invalid JSON and JSON of the wrong shape", async () => {
    await refused({ url: "/v2/check", contentType: JSON_TYPE, payload: '{"text": "Bonjour", ' }, 400, "invalid_json", /not valid JSON/);
    await refused({ url: "/v2/check", contentType: JSON_TYPE, payload: "[1, 2]" }, 400, "invalid_parameter", /must be form fields .* or a JSON object/);
    await refused(
      { url: "/v2/check", contentType: JSON_TYPE, payload: JSON.stringify({ text: 42, language: "fr" }) },
      400,
      "invalid_parameter",
      /"text" parameter must be a string, got a number/,
    );
    await refused(
      { url: "/v2/check", contentType: FORM, payload: formBody({ data: "{not json", language: "fr" }) },
      400,
      "invalid_json",
      /"data" parameter is not valid JSON/,
    );
    await refused(
      { url: "/v2/check", contentType: JSON_TYPE, payload: JSON.stringify({ text: "Bonjour", language: "fr", level: 3 }) },
      400,
      "invalid_parameter",
      /"level" parameter must be "default" or "picky", got "3"/,
    );
  });

  it("refuses an unknown language, listing the supported ones", async () => {
    await refused(
      { url: "/v2/check", contentType: FORM, payload: formBody({ text: "Hello world", language: "en-US" }) },
      400,
      "unsupported_language",
      /"en-US" is not supported.*fr, language=fr-FR, language=auto/,
    );
  });

  it("refuses a lone UTF-16 surrogate, saying where it is", async () => {
    // JSON can carry a lone surrogate as an escape; the text is checked before it reaches the engine.
    await refused(
      { url: "/v2/check", contentType: JSON_TYPE, payload: '{"text":"Il mange\\uD800 une pomme.","language":"fr"}' },
      400,
      "invalid_text",
      /lone UTF-16 surrogate \(\\uD800\) at offset 8/,
    );
    await refused(
      { url: "/api/v1/corrections", contentType: JSON_TYPE, payload: '{"text":"\\uDC00Bonjour"}' },
      400,
      "invalid_text",
      /lone UTF-16 surrogate \(\\uDC00\) at offset 0/,
    );
  });

  it("refuses a media type it cannot read", async () => {
    await refused({ url: "/v2/check", contentType: "application/xml", payload: "<text>Bonjour</text>" }, 415, "unsupported_media_type", /"application\/xml" is not accepted/);
  });
});

describe("bad input on /api/v1", () => {
  it("refuses bad correction requests", async () => {
    await refused({ url: "/api/v1/corrections", contentType: JSON_TYPE, payload: "{}" }, 400, "missing_parameter", /"text" parameter is missing/);
    await refused({ url: "/api/v1/corrections", contentType: JSON_TYPE, payload: '{"text":""}' }, 400, "empty_text", /empty/);
    await refused({ url: "/api/v1/corrections", contentType: JSON_TYPE, payload: '{"text":["a"]}' }, 400, "invalid_parameter", /must be a string, got an array/);
    await refused(
      { url: "/api/v1/corrections", contentType: JSON_TYPE, payload: '{"text":"Bonjour","level":"strict"}' },
      400,
      "invalid_parameter",
      /"level" must be one of default, picky \(got "strict"\)/,
    );
    await refused({ url: "/api/v1/corrections", contentType: JSON_TYPE, payload: "{oops" }, 400, "invalid_json", /not valid JSON/);
    await refused(
      { url: "/api/v1/corrections", contentType: JSON_TYPE, payload: JSON.stringify({ text: "x".repeat(TEST_MAX_TEXT_LENGTH + 1) }) },
      413,
      "text_too_long",
      /over the limit/,
    );
  });

  it("answers 404 for an unknown exercise, learner or explanation", async () => {
    await refused({ method: "GET", url: "/api/v1/exercises/no-such-exercise" }, 404, "exercise_not_found", /No exercise with id "no-such-exercise"/);
    await refused({ method: "GET", url: "/api/v1/exercises/conj:nimporte:ipre:1sg" }, 404, "exercise_not_found", /conj:nimporte:ipre:1sg/);
    await refused(
      { url: "/api/v1/exercises/no-such-exercise/attempts", contentType: JSON_TYPE, payload: '{"answer":"a"}' },
      404,
      "exercise_not_found",
      /No exercise/,
    );
    const unknownLearner = "00000000-0000-4000-8000-000000000000";
    await refused({ method: "GET", url: `/api/v1/learners/${unknownLearner}/progress` }, 404, "learner_not_found", /No learner with id/);
    await refused({ method: "GET", url: "/api/v1/learners/not-a-uuid" }, 404, "learner_not_found", /"not-a-uuid"/);
    await refused(
      { url: "/api/v1/corrections", contentType: JSON_TYPE, payload: JSON.stringify({ text: "Bonjour", learnerId: unknownLearner }) },
      404,
      "learner_not_found",
      /POST \/api\/v1\/learners/,
    );
    await refused({ method: "GET", url: "/api/v1/explanations/NO_SUCH_RULE" }, 404, "explanation_not_found", /"NO_SUCH_RULE"/);
    await refused({ method: "GET", url: "/nowhere" }, 404, "route_not_found", /GET \/nowhere/);
  });

  it("names the wrong field and value of exercise and learner requests", async () => {
    await refused({ method: "GET", url: "/api/v1/exercises?level=Z9" }, 400, "invalid_parameter", /"level" must be one of A1, A2, B1, B2, C1, C2 \(got "Z9"\)/);
    await refused({ method: "GET", url: "/api/v1/exercises?type=essay" }, 400, "invalid_parameter", /"type" must be one of fill-in-the-blank/);
    await refused({ method: "GET", url: "/api/v1/exercises?limit=1000" }, 400, "invalid_parameter", /"limit" must be at most 50/);
    await refused({ url: "/api/v1/learners", contentType: JSON_TYPE, payload: '{"displayName":"Ana"}' }, 400, "invalid_parameter", /"level" is required/);
    await refused(
      { url: "/api/v1/learners", contentType: JSON_TYPE, payload: '{"displayName":"","level":"A1"}' },
      400,
      "invalid_parameter",
      /"displayName" must not be empty/,
    );
    await refused(
      { url: "/api/v1/learners", contentType: JSON_TYPE, payload: '{"displayName":"Ana","level":"A1","correctionHistoryOptIn":"yes"}' },
      400,
      "invalid_parameter",
      /"correctionHistoryOptIn" must be true or false/,
    );
    const exercises = (await stack.app.inject({ method: "GET", url: "/api/v1/exercises?level=A1&type=homophones&limit=1" })).json() as {
      exercises: { id: string }[];
    };
    const id = exercises.exercises[0]?.id;
    expect(id).toBeDefined();
    await refused({ url: `/api/v1/exercises/${id}/attempts`, contentType: JSON_TYPE, payload: '{"answer":"   "}' }, 400, "invalid_parameter", /"answer" must not be empty/);
    await refused({ url: `/api/v1/exercises/${id}/attempts`, contentType: JSON_TYPE, payload: '{"answer":5}' }, 400, "invalid_parameter", /"answer" must be a string/);
  });

  it("keeps serving after all of that", async () => {
    const response = await stack.app.inject({
      method: "POST",
      url: "/v2/check",
      headers: { "content-type": FORM },
      payload: formBody({ text: "Les enfant jouent.", language: "fr" }),
    });
    expect(response.statusCode).toBe(200);
  });
});

describe("engine timeout", () => {
  it("answers 503 with Retry-After when the engine does not answer in time", async () => {
    // A real engine given 1 ms per request: any check outlasts it, so the engine's own timeout fires.
    const impatient = await GrammalecteEngine.start({ workers: 1, requestTimeoutMs: 1 });
    const cache = new LayeredCache({});
    const app = await buildServer({
      config: { maxTextLength: TEST_MAX_TEXT_LENGTH },
      engine: impatient,
      database: stack.database,
      cache,
      metrics: createMetrics(),
    });
    try {
      const response = await app.inject({
        method: "POST",
        url: "/v2/check",
        headers: { "content-type": FORM },
        payload: formBody({ text: "Les enfants jouent dans le jardin pendant que leurs parents discutent.", language: "fr" }),
      });
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers["retry-after"]).toMatch(/^\d+$/);
      const body = response.json() as { error: string; message: string };
      expect(body.error).toBe("engine_timeout");
      expect(body.message).toMatch(/did not answer within 1 ms.*retry in \d+ seconds/);
    } finally {
      await app.close();
      await cache.close();
      await impatient.close();
    }
  });
});
