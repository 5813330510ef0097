/** Runs the mix against a service with autocannon, at a fixed rate for a fixed time, and records every answer. */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { buildRequest, MIX_CYCLE, type MixFixtures, type RequestKind } from "./mix.js";
import type { Progress } from "./render.js";
import type { ResponseSample, RunRecord } from "./report.js";

const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];
/** Seconds autocannon waits for an answer before counting the request as unanswered. */
const REQUEST_TIMEOUT_S = 10;

/** fetch, with a failure to connect told as what it is: the service is not there. */
async function request(url: string, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(`${url}${path}`, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`Cannot reach ${url} (${cause?.code ?? cause?.message ?? (error as Error).message}): start the service, or check --url.`, { cause: error });
  }
}

async function expectJson(response: Response, what: string, url: string): Promise<unknown> {
  if (!response.ok) {
    throw new Error(`${what} answered ${response.status} ${(await response.text()).slice(0, 200)}: is ${url} a FrançaisFluide API serving exercises and learners (APP_ROLE all)?`);
  }
  return response.json();
}

/** Exercises of every level to read and answer, and `learners` new learners to answer them, made through the API. */
export async function prepareFixtures(url: string, learners: number): Promise<MixFixtures> {
  const exerciseIds: string[] = [];
  for (const level of CEFR_LEVELS) {
    const page = (await expectJson(await request(url, `/api/v1/exercises?level=${level}&limit=10`), `GET /api/v1/exercises?level=${level}`, url)) as { exercises: { id: string }[] };
    exerciseIds.push(...page.exercises.map((exercise) => exercise.id));
  }
  const learnerIds = await Promise.all(
    Array.from({ length: learners }, async (_, index) => {
      const response = await request(url, "/api/v1/learners", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ displayName: `Charge ${index + 1}`, level: CEFR_LEVELS[index % CEFR_LEVELS.length] }),
      });
      return ((await expectJson(response, "POST /api/v1/learners", url)) as { id: string }).id;
    }),
  );
  return { exerciseIds, learnerIds };
}

export interface LoadRunOptions {
  url: string;
  requestsPerSecond: number;
  durationSeconds: number;
  connections: number;
  onProgress?: (progress: Progress) => void;
}

export async function runLoad(options: LoadRunOptions, fixtures: MixFixtures): Promise<RunRecord> {
  const sequences = new Map<RequestKind, number>();
  const next = (kind: RequestKind): number => {
    const sequence = sequences.get(kind) ?? 0;
    sequences.set(kind, sequence + 1);
    return sequence;
  };
  // autocannon calls a request's onResponse, then emits "response" for the same answer, synchronously: the kind
  // noted by the first is the kind of the second.
  let answeredKind: RequestKind = MIX_CYCLE[0] as RequestKind;
  const requests: autocannon.Request[] = MIX_CYCLE.map((kind) => ({
    setupRequest: (request: autocannon.Request) => {
      const planned = buildRequest(kind, next(kind), fixtures, randomUUID);
      return { ...request, method: planned.method, path: planned.path, headers: planned.headers, ...(planned.body === undefined ? {} : { body: planned.body }) };
    },
    onResponse: () => {
      answeredKind = kind;
    },
  }));

  const responses: ResponseSample[] = [];
  let unanswered = 0;
  let failed = 0;
  const started = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        overallRate: options.requestsPerSecond,
        timeout: REQUEST_TIMEOUT_S,
        requests,
      },
      (error: unknown, finished) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      responses.push({ kind: answeredKind, status: statusCode, latencyMs: Math.round(responseTime) });
      if (statusCode < 200 || statusCode >= 300) failed += 1;
    });
    instance.on("reqError", () => {
      unanswered += 1;
    });
    instance.on("tick", () => {
      options.onProgress?.({
        elapsedSeconds: (Date.now() - started) / 1000,
        durationSeconds: options.durationSeconds,
        responses: responses.length + unanswered,
        errors: unanswered + failed,
      });
    });
  });
  return { url: options.url, durationMs: result.duration * 1000, connections: result.connections, responses, unanswered };
}
