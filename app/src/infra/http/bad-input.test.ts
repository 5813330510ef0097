/**
 * Bad input as a new user would send it: each case is a 4xx `{ error, message }` naming the problem, decided before
 * any work or any write, and nothing stored differs from what was sent. Errors Fastify or Node raise themselves
 * (a broken URL, a path segment too long, headers too large, a request while shutting down) have the same shape;
 * those inject cannot produce go through a real socket.
 */
import { once } from "node:events";
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MAX_TEXT_LENGTH, createLearner, formBody, postJson, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { databaseUrl, scratchDatabaseName } from "../../../testing/postgres.js";
import { buildServer } from "../../server.js";
import { LayeredCache } from "../cache/layered-cache.js";
import { SEED_DATABASE_SETTINGS, openDatabase } from "../db/index.js";
import { createMetrics } from "../metrics/metrics.js";
import { decodeFormComponent } from "./body-parsing.js";
import { MAX_JSON_DEPTH, findExcessJsonNesting } from "./json-depth.js";
import { findInvalidUtf8 } from "./utf8.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "badinput" });
});

afterAll(async () => {
  await stack?.close();
});

const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function expectRefusal(response: Answer, status: number, code: string, message: RegExp): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers["content-type"])).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  expect(body.error).toBe(code);
  expect(body.message).toMatch(message);
}

function send(method: "GET" | "POST" | "PATCH", url: string, payload?: string, contentType = JSON_TYPE) {
  return stack.app.inject({ method, url, ...(payload === undefined ? {} : { payload, headers: { "content-type": contentType } }) });
}

const nested = (depth: number, inner = "1") => "[".repeat(depth) + inner + "]".repeat(depth);

async function anExerciseId(): Promise<string> {
  const listed = (await send("GET", "/api/v1/exercises?level=A1&type=homophones&limit=1")).json() as { exercises: { id: string }[] };
  return listed.exercises[0]?.id as string;
}

describe("JSON nested too deeply", () => {
  it("finds the bracket that opens one level too many, ignoring brackets inside strings", () => {
    expect(findExcessJsonNesting(nested(MAX_JSON_DEPTH))).toBe(-1);
    expect(findExcessJsonNesting(nested(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(findExcessJsonNesting(`{"text":"${"[".repeat(100)}\\"${"{".repeat(100)}"}`)).toBe(-1);
    expect(findExcessJsonNesting(`[${"[]".repeat(1000)}]`)).toBe(-1);
  });

  it("refuses 10,000 and 1,000 levels on every JSON body route and in data with a 400, keeps 32 levels for validation", async () => {
    const learner = await createLearner(stack.app, "A1", false);
    const exercise = await anExerciseId();
    const routes = [
      { method: "POST", url: "/v2/check" },
      { method: "POST", url: "/api/v1/corrections" },
      { method: "POST", url: "/api/v1/learners" },
      { method: "PATCH", url: `/api/v1/learners/${learner}` },
      { method: "POST", url: `/api/v1/exercises/${exercise}/attempts` },
    ] as const;
    for (const { method, url } of routes) {
      for (const depth of [10_000, 1_000]) {
        expectRefusal(await send(method, url, nested(depth)), 400, "invalid_json", /request body nests arrays and objects more than 32 levels deep \(level 33 opens at character 32\)/);
        expectRefusal(await send(method, url, `{"text":${nested(depth)}}`), 400, "invalid_json", /more than 32 levels deep/);
      }
      // Within the bound the body is parsed and refused for its shape, not its depth.
      const shallow = await send(method, url, `{"text":${nested(MAX_JSON_DEPTH - 1)}}`);
      expect(shallow.statusCode, shallow.body).toBe(400);
      expect((shallow.json() as { error: string }).error).not.toBe("invalid_json");
    }
    for (const depth of [10_000, 1_000]) {
      const data = `{"annotation":[{"text":"Il mange."}],"x":${nested(depth)}}`;
      expectRefusal(await send("POST", "/v2/check", formBody({ data, language: "fr" }), FORM), 400, "invalid_json", /"data" parameter nests arrays and objects more than 32 levels deep/);
      expectRefusal(await send("GET", `/v2/check?${formBody({ data, language: "fr" })}`), 400, "invalid_json", /"data" parameter nests/);
    }
  });
});

/** Calls made to the grammar engine so far, from the metrics. */
async function engineCalls(): Promise<number> {
  const { values } = await stack.metrics.engineDuration.get();
  return values.filter((value) => value.metricName?.endsWith("_count")).reduce((sum, value) => sum + value.value, 0);
}

describe("NUL characters and lone surrogates in stored text", () => {
  it("refuses them in a learner's displayName, on creation and change, storing nothing", async () => {
    const before = await stack.database.learners.create({ displayName: "Inès", cefrLevel: "B1", correctionHistoryOptIn: false });
    for (const [payload, problem] of [
      ['{"displayName":"Ca\\u0000mille","level":"A1"}', /"displayName" parameter holds a NUL character \(\\u0000\) at offset 2/],
      ['{"displayName":"Cam\\uD800ille","level":"A1"}', /"displayName" parameter holds a lone UTF-16 surrogate \(\\uD800\) at offset 3/],
      ['{"displayName":"\\uDC00","level":"A1"}', /"displayName" parameter holds a lone UTF-16 surrogate \(\\uDC00\) at offset 0/],
    ] as const) {
      expectRefusal(await send("POST", "/api/v1/learners", payload), 400, "invalid_text", problem);
      expectRefusal(await send("PATCH", `/api/v1/learners/${before.id}`, payload.replace(',"level":"A1"', "")), 400, "invalid_text", problem);
    }
    expect((await stack.database.learners.get(before.id))?.displayName).toBe("Inès");
    // A complete surrogate pair is a character like any other, stored as sent.
    const emoji = await postJson(stack.app, "/api/v1/learners", { displayName: "Camille 😀", level: "A1" });
    expect(emoji.statusCode, emoji.body).toBe(201);
    const id = (emoji.json() as { id: string }).id;
    expect((await stack.database.learners.get(id))?.displayName).toBe("Camille 😀");
  });

  it("refuses them in an attempt's answer and in the learnerId, recording no attempt", async () => {
    const learner = await createLearner(stack.app, "A1", false);
    const exercise = await anExerciseId();
    const url = `/api/v1/exercises/${exercise}/attempts`;
    expectRefusal(await send("POST", url, `{"answer":"a\\u0000","learnerId":"${learner}"}`), 400, "invalid_text", /"answer" parameter holds a NUL character \(\\u0000\) at offset 1/);
    expectRefusal(await send("POST", url, `{"answer":"\\uDBFFa","learnerId":"${learner}"}`), 400, "invalid_text", /"answer" parameter holds a lone UTF-16 surrogate \(\\uDBFF\) at offset 0/);
    expectRefusal(await send("POST", url, `{"answer":"a","learnerId":"${learner}\\u0000"}`), 400, "invalid_text", /"learnerId" parameter holds a NUL character/);
    expect(await stack.database.attempts.listForLearner(learner)).toEqual([]);
  });

  it("refuses a NUL in an id of the path, in the path's own words", async () => {
    expectRefusal(await send("GET", "/api/v1/exercises/a1-homophones%0001"), 400, "invalid_text", /"id" parameter holds a NUL character \(\\u0000\) at offset 13/);
    expectRefusal(await send("POST", "/api/v1/exercises/a%00/attempts", '{"answer":"a"}'), 400, "invalid_text", /"id" parameter holds a NUL/);
    expectRefusal(await send("GET", "/api/v1/learners/%00"), 400, "invalid_text", /"id" parameter holds a NUL/);
    expectRefusal(await send("GET", "/api/v1/explanations/%00"), 400, "invalid_text", /"ruleId" parameter holds a NUL/);
  });

  it("refuses them in a correction for an opted-in learner before the engine runs, storing nothing", async () => {
    const learner = await createLearner(stack.app, "B1", true);
    const checksBefore = await engineCalls();
    expectRefusal(
      await postJson(stack.app, "/api/v1/corrections", { text: "Il a\u0000 manger.", learnerId: learner }),
      400,
      "invalid_text",
      /"text" parameter holds a NUL character \(\\u0000\) at offset 4/,
    );
    expectRefusal(await send("POST", "/api/v1/corrections", `{"text":"Il a manger\\uD83D.","learnerId":"${learner}"}`), 400, "invalid_text", /lone UTF-16 surrogate \(\\uD83D\) at offset 11/);
    expectRefusal(await send("POST", "/v2/check", formBody({ text: "Il a\u0000 manger.", language: "fr" }), FORM), 400, "invalid_text", /"text" parameter holds a NUL/);
    const checksAfter = await engineCalls();
    expect(checksAfter).toBe(checksBefore);
    expect(await stack.database.corrections.listForLearner(learner)).toEqual([]);
    // The same text without the NUL is corrected and kept, exactly as sent.
    const kept = await postJson(stack.app, "/api/v1/corrections", { text: "Il a manger. 😀", learnerId: learner });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await stack.database.corrections.listForLearner(learner)).map((record) => record.text)).toEqual(["Il a manger. 😀"]);
  });
});

describe("numbers in the query string", () => {
  it("takes decimal digits only", async () => {
    for (const limit of ["0x10", "1e1", "0b11", " 5", "5 ", "+5", "-0", "", "5.0", "Infinity"]) {
      expectRefusal(
        await send("GET", `/api/v1/exercises?limit=${encodeURIComponent(limit)}`),
        400,
        "invalid_parameter",
        /"limit" must be a whole number written in decimal digits, from 1 to 50/,
      );
    }
    expectRefusal(await send("GET", "/api/v1/exercises?offset=0x1"), 400, "invalid_parameter", /"offset" must be a whole number written in decimal digits, from 0 to 1000/);
    expectRefusal(await send("GET", "/api/v1/exercises?limit=51"), 400, "invalid_parameter", /"limit" must be at most 50/);
    const three = await send("GET", "/api/v1/exercises?limit=3&offset=007");
    expect(three.statusCode, three.body).toBe(200);
    expect((three.json() as { exercises: unknown[] }).exercises).toHaveLength(3);
  });
});

describe("ids in the path", () => {
  it("looks up ids of 200 characters, refuses longer ones naming the limit, and very long segments with a 414 in the same shape", async () => {
    const id200 = `conj:${"a".repeat(195)}`;
    expectRefusal(await send("GET", `/api/v1/exercises/${encodeURIComponent(id200)}`), 404, "exercise_not_found", /No exercise with id/);
    expectRefusal(await send("GET", `/api/v1/exercises/${"é".repeat(200)}`), 404, "exercise_not_found", /No exercise with id/);
    expectRefusal(await send("GET", `/api/v1/exercises/${"a".repeat(201)}`), 400, "invalid_parameter", /"id" must be at most 200 characters/);
    expectRefusal(await send("GET", `/api/v1/exercises/${"a".repeat(5000)}`), 414, "uri_too_long", /longer than 1000 characters/);
    expectRefusal(await send("GET", `/api/v1/learners/${"a".repeat(5000)}/progress`), 414, "uri_too_long", /longer than 1000 characters/);
  });

  it("refuses a broken percent-encoding with a 400 naming the path", async () => {
    expectRefusal(await send("GET", "/api/v1/exercises/%E0%A4%A"), 400, "invalid_url", /"\/api\/v1\/exercises\/%E0%A4%A" is not valid/);
    expectRefusal(await send("GET", "/api/v1/learners/%ED%A0%80"), 400, "invalid_url", /not valid/);
  });
});

describe("a database that does not exist (3D000)", () => {
  it("answers 503 database_unavailable with Retry-After, without retrying, as readiness says", async () => {
    const database = await openDatabase({ ...SEED_DATABASE_SETTINGS, poolMin: 0, poolMax: 2, retryBaseDelayMs: 1, url: databaseUrl(scratchDatabaseName("missing")) });
    const cache = new LayeredCache({});
    const metrics = createMetrics();
    const app = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine: stack.engine, database, cache, metrics });
    try {
      await expect(database.learners.create({ displayName: "Ana", cefrLevel: "A1", correctionHistoryOptIn: false })).rejects.toMatchObject({
        name: "DatabaseUnavailableError",
        code: "3D000",
        attempts: 1,
      });
      for (const response of [
        await app.inject({ method: "GET", url: "/api/v1/exercises" }),
        await app.inject({ method: "POST", url: "/api/v1/learners", headers: { "content-type": JSON_TYPE }, payload: '{"displayName":"Ana","level":"A1"}' }),
        await app.inject({ method: "GET", url: "/api/v1/learners/00000000-0000-4000-8000-000000000000/progress" }),
      ]) {
        expectRefusal(response, 503, "database_unavailable", /retry in 10 seconds/);
        expect(response.headers["retry-after"]).toBe("10");
      }
      const ready = await app.inject({ method: "GET", url: "/health/ready" });
      expect(ready.statusCode).toBe(503);
    } finally {
      await app.close();
      await cache.close();
      await database.close();
    }
  });
});

/** Writes `raw` on a new connection to `port` and resolves with everything the server sends until it closes. */
async function exchange(port: number, raw: string | Buffer): Promise<Buffer> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const received: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => received.push(chunk));
  socket.write(raw);
  await once(socket, "close");
  return Buffer.concat(received);
}

/** The responses in `raw`, read as bytes since Content-Length counts bytes. */
function parseResponses(raw: Buffer): { status: number; headers: Record<string, string>; body: string }[] {
  const responses: { status: number; headers: Record<string, string>; body: string }[] = [];
  let rest = raw;
  while (rest.subarray(0, 9).toString("latin1") === "HTTP/1.1 ") {
    const headEnd = rest.indexOf("\r\n\r\n");
    const [statusLine, ...headerLines] = rest.subarray(0, headEnd).toString("latin1").split("\r\n");
    const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
    const length = Number(headers["content-length"]);
    const body = rest.subarray(headEnd + 4, headEnd + 4 + length).toString("utf8");
    responses.push({ status: Number(statusLine?.split(" ")[1]), headers, body });
    rest = rest.subarray(headEnd + 4 + length);
  }
  return responses;
}

describe("errors of the HTTP layer itself, on a real socket", () => {
  let server: FastifyInstance;
  let cache: LayeredCache;
  let port: number;

  beforeAll(async () => {
    cache = new LayeredCache({});
    server = await buildServer({ config: { maxTextLength: TEST_MAX_TEXT_LENGTH }, engine: stack.engine, database: stack.database, cache, metrics: createMetrics() });
    await server.listen({ port: 0, host: "127.0.0.1" });
    port = (server.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await server?.close();
    await cache?.close();
  });

  it("answers headers over 16 KiB with 431 in the API's shape", async () => {
    const [response] = parseResponses(await exchange(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nCookie: ${"a".repeat(20_000)}\r\n\r\n`));
    expectRefusal({ statusCode: response?.status ?? 0, headers: response?.headers ?? {}, body: response?.body ?? "" }, 431, "headers_too_large", /headers are larger than this server reads/);
  });

  it("answers a request that is not HTTP with 400 in the API's shape", async () => {
    const [response] = parseResponses(await exchange(port, "GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    expectRefusal({ statusCode: response?.status ?? 0, headers: response?.headers ?? {}, body: response?.body ?? "" }, 400, "invalid_request", /not valid HTTP\/1\.1 \(HPE_/);
    const [garbage] = parseResponses(await exchange(port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])));
    expect(garbage?.status).toBe(400);
    expect(JSON.parse(garbage?.body ?? "{}")).toMatchObject({ error: "invalid_request" });
  });

  it("answers requests that arrive while it shuts down with 503 shutting_down and Retry-After, finishing the one in flight", async () => {
    // The first request's body is sent only once close() has begun, so the connection is busy while the server
    // drains; the second request, pipelined behind it, arrives after the server has stopped taking work.
    const body = formBody({ text: "Les enfant jouent.", language: "fr" });
    const head = `POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.write(head);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(`${body}GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n`);
    await once(socket, "close");
    await closing;
    const [first, second] = parseResponses(Buffer.concat(received));
    expect(first?.status).toBe(200);
    expect(first?.body).toMatch(/"matches":\[\{/);
    expectRefusal({ statusCode: second?.status ?? 0, headers: second?.headers ?? {}, body: second?.body ?? "" }, 503, "shutting_down", /shutting down.*retry in 1 second/);
    expect(second?.headers["retry-after"]).toBe("1");
  });
});

describe("bytes that are not UTF-8", () => {
  it("finds the first byte that does not form a character, overlong forms and surrogates included", () => {
    expect(findInvalidUtf8(Buffer.from("Élève 😀 ok", "utf8"))).toBe(-1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xff]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0);
    expect(findInvalidUtf8(Buffer.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(findInvalidUtf8(Buffer.from([0x62, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(findInvalidUtf8(Buffer.from([0xe2, 0x82, 0x28]))).toBe(0);
  });

  it("decodes form fields as URLSearchParams does, stray % included, but refuses percent-encoded bytes that are not UTF-8", () => {
    for (const raw of ["a+b%20c", "50%25", "50%", "%zz", "%C3%A9l%C3%A8ve", "%F0%9F%98%80", "100%+s%C3%BBr"]) {
      expect(decodeFormComponent(raw)).toBe(new URLSearchParams(`x=${raw}`).get("x"));
    }
    expect(() => decodeFormComponent("Cam%FFille")).toThrow(/percent-encoded form field of the request body is not valid UTF-8: the bytes at offset 3 \(FF/);
    expect(() => decodeFormComponent("%ED%A0%80")).toThrow(/not valid UTF-8/);
  });

  it("refuses a body that is not UTF-8, or a form field percent-encoding bytes that are not, storing nothing", async () => {
    const before = (await stack.database.learners.create({ displayName: "Inès", cefrLevel: "B1", correctionHistoryOptIn: false })).id;
    const json = Buffer.concat([Buffer.from('{"displayName":"Cam'), Buffer.from([0xff]), Buffer.from('ille","level":"A1"}')]);
    for (const [method, url] of [["POST", "/api/v1/learners"], ["PATCH", `/api/v1/learners/${before}`], ["POST", "/v2/check"], ["POST", "/api/v1/corrections"]] as const) {
      const response = await stack.app.inject({ method, url, headers: { "content-type": JSON_TYPE }, payload: json });
      expectRefusal(response, 400, "invalid_text", /The request body is not valid UTF-8: the bytes at offset 19 \(FF 69 6C 6C\)/);
    }
    const form = Buffer.concat([Buffer.from("text=Il "), Buffer.from([0xc3, 0x28]), Buffer.from(" mange&language=fr")]);
    expectRefusal(await stack.app.inject({ method: "POST", url: "/v2/check", headers: { "content-type": FORM }, payload: form }), 400, "invalid_text", /request body is not valid UTF-8: the bytes at offset 8/);
    expectRefusal(await send("POST", "/v2/check", "text=Il%20mange%FF&language=fr", FORM), 400, "invalid_text", /percent-encoded form field .* not valid UTF-8/);
    expectRefusal(await send("POST", "/api/v1/learners", "displayName=Cam%C3ille&level=A1", "text/plain"), 400, "invalid_text", /not valid UTF-8/);
    expect((await stack.database.learners.get(before))?.displayName).toBe("Inès");
    const accepted = await send("POST", "/v2/check", "text=Il+mange+%C3%A0+100%+des+pommes.&language=fr", FORM);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it("refuses a body declared in another charset than UTF-8, which it would read as something else than was sent", async () => {
    for (const contentType of ["application/json; charset=utf-16", "application/x-www-form-urlencoded; charset=ISO-8859-1", 'text/plain; charset="windows-1252"']) {
      expectRefusal(await send("POST", "/api/v1/learners", '{"displayName":"Ana","level":"A1"}', contentType), 415, "unsupported_media_type", /charset "[^"]+" .* is not accepted: encode the body as UTF-8/);
    }
    for (const contentType of ["application/json; charset=utf-8", "application/json;charset=UTF-8", "application/json; charset=us-ascii"]) {
      const response = await send("POST", "/api/v1/learners", '{"displayName":"Ana","level":"A1"}', contentType);
      expect(response.statusCode, `${contentType}: ${response.body}`).toBe(201);
    }
    const form = await send("POST", "/v2/check", "text=Il+mange.&language=fr", "application/x-www-form-urlencoded; charset=UTF-8");
    expect(form.statusCode, form.body).toBe(200);
  });
});
