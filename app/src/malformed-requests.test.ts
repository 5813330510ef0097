/**
 * The fault test of issue 13: 1,000 malformed requests across every route, against the real process (`npm start`'s
 * command) on a scratch PostgreSQL database and the real Redis under a key prefix of its own. No answer is a 5xx,
 * every refusal has the API's `{error, message}` shape, the process stays up with its memory back near where it
 * started, and what the accepted writes stored is exactly what was sent. The seed is printed; FUZZ_SEED replays it.
 */
import { randomInt, randomUUID } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_URL, deleteRedisKeys } from "../testing/api-harness.js";
import { startAppProcess, type AppProcess } from "../testing/app-process.js";
import { UNPARSEABLE_REQUESTS, malformedRequest, seededRandom, type IntendedWrite, type MalformedRequest, type Targets } from "../testing/malformed-requests.js";
import { createScratchDatabase, queryDirect, type ScratchDatabase } from "../testing/postgres.js";

const REQUESTS = 1000;
const CONCURRENCY = 8;
/** Generous: a leak of a few bytes per request would not show, but one that keeps bodies or parsed documents would. */
const RSS_GROWTH_ALLOWED_BYTES = 96 * 1024 * 1024;

const seed = process.env.FUZZ_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED);

let app: AppProcess;
let scratch: ScratchDatabase;
const keyPrefix = `ff-test:malformed:${randomUUID()}:`;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  console.log(`malformed requests: seed ${seed} (set FUZZ_SEED=${seed} to replay this run)`);
  scratch = await createScratchDatabase("malformed");
  app = await startAppProcess({ DATABASE_URL: scratch.url, MIGRATE_ON_START: "true", REDIS_URL, CACHE_KEY_PREFIX: keyPrefix, LOG_LEVEL: "warn" });
}, 60_000);

afterAll(async () => {
  agent.destroy();
  await app?.stop();
  await deleteRedisKeys(keyPrefix);
  await scratch?.drop();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** Sends one request; a connection the server closed under it is an answer too (status 0), checked apart. */
function send(url: string, sent: Pick<MalformedRequest, "method" | "path" | "headers" | "body">): Promise<Answer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const outgoing = request(
      { host: target.hostname, port: target.port, method: sent.method, path: sent.path, agent, headers: { ...sent.headers, ...(sent.body ? { "content-length": String(sent.body.length) } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", () => resolve({ status: response.statusCode ?? 0, contentType: "", body: "" }));
      },
    );
    outgoing.on("error", (error) => resolve({ status: 0, contentType: "", body: error.message }));
    outgoing.end(sent.body);
  });
}

async function postJson(path: string, value: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const answer = await send(app.url, { method: "POST", path, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value)) });
  return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
}

/** Why `answer` breaks the rules for this request, or undefined. */
function violation(sent: MalformedRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `${answer.status} ${answer.body.slice(0, 300)}`;
  // The server may close the connection under an oversize body it has already refused, before the client reads the 413.
  if (answer.status === 0) return sent.label.startsWith("an oversize") ? undefined : `no answer (${answer.body})`;
  if (answer.status < 400 || sent.method === "HEAD") return undefined;
  if (!answer.contentType.startsWith("application/json")) return `${answer.status} with content-type ${answer.contentType}`;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const keys = Object.keys(body).sort().join(",");
  if (keys !== "error,message" || typeof body.error !== "string" || typeof body.message !== "string") return `${answer.status} not in the {error, message} shape: ${answer.body.slice(0, 200)}`;
  return undefined;
}

async function residentBytes(): Promise<number> {
  const exposition = await (await fetch(`${app.metricsUrl}/metrics`)).text();
  const line = exposition.split("\n").find((candidate) => candidate.startsWith("francaisfluide_process_resident_memory_bytes "));
  if (line === undefined) throw new Error(`the metrics server of the app did not report its resident memory:\n${exposition.slice(0, 500)}`);
  return Number(line.split(" ")[1]);
}

/** Each kind of request once, well-formed, so that the baseline includes what serving them loads. */
async function warmUp(targets: Targets): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await send(app.url, { method: "POST", path: "/v2/check", headers: { "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from("text=Il+mange+des+pomme.&language=fr") });
    await send(app.url, { method: "GET", path: "/api/v1/exercises?limit=5", headers: {} });
    await send(app.url, { method: "GET", path: `/api/v1/learners/${targets.attemptLearner}/progress`, headers: {} });
    await send(app.url, { method: "GET", path: "/docs/json", headers: {} });
    await send(app.url, { method: "POST", path: "/v2/check", headers: { "content-type": "application/json" }, body: Buffer.from("[".repeat(5000)) });
  }
}

async function unparseable(raw: Buffer): Promise<string> {
  const socket = connect(Number(new URL(app.url).port), "127.0.0.1");
  await once(socket, "connect");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => undefined);
  socket.end(raw);
  await once(socket, "close");
  return Buffer.concat(chunks).toString("utf8");
}

const count = <T>(items: readonly T[]) => {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
};

describe(`${REQUESTS} malformed requests against the real process`, () => {
  it("answers none with a 5xx, every refusal in the API's shape, stays up with its memory back near the start, and stores exactly what was sent", async () => {
    const learner = async (displayName: string, optIn: boolean) => {
      const created = await postJson("/api/v1/learners", { displayName, level: "A2", correctionHistoryOptIn: optIn });
      expect(created.status).toBe(201);
      return created.json.id as string;
    };
    const exercises = JSON.parse((await send(app.url, { method: "GET", path: "/api/v1/exercises?level=A1&type=homophones&limit=1", headers: {} })).body) as { exercises: { id: string }[] };
    const targets: Targets = {
      historyLearner: await learner("Historique", true),
      attemptLearner: await learner("Tentatives", false),
      patchLearners: await Promise.all(Array.from({ length: 8 }, (_, index) => learner(`Profil ${index}`, false))),
      exerciseId: exercises.exercises[0]?.id as string,
    };
    const setupLearners = new Map([[targets.historyLearner, "Historique"], [targets.attemptLearner, "Tentatives"], ...targets.patchLearners.map((id, index) => [id, `Profil ${index}`] as [string, string])]);
    await warmUp(targets);
    const baseline = await residentBytes();

    const random = seededRandom(seed);
    const planned = Array.from({ length: REQUESTS }, (_, index) => malformedRequest(random, index, targets));
    const failures: string[] = [];
    const accepted: { write: IntendedWrite; response: Record<string, unknown> }[] = [];
    let next = 0;
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < planned.length) {
          const index = next++;
          const sent = planned[index] as MalformedRequest;
          const answer = await send(app.url, sent);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = violation(sent, answer);
          if (problem !== undefined) failures.push(`#${index} ${sent.method} ${sent.path.slice(0, 80)} (${sent.label}): ${problem}`);
          if (sent.write && answer.status >= 200 && answer.status < 300) accepted.push({ write: sent.write, response: JSON.parse(answer.body) as Record<string, unknown> });
        }
      }),
    );
    for (const { label, raw } of UNPARSEABLE_REQUESTS) {
      const answer = await unparseable(raw);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (status === 0 || status >= 500 || !answer.includes('"error":"')) failures.push(`${label}: ${answer.slice(0, 200) || "no answer"}`);
    }
    console.log(`malformed requests (seed ${seed}): statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, ${accepted.length} writes accepted`);
    expect(failures, `seed ${seed}`).toEqual([]);

    // Still up and serving.
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    const check = await send(app.url, { method: "POST", path: "/v2/check", headers: { "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from("text=Les+enfant+jouent.&language=fr") });
    expect(check.status, check.body).toBe(200);

    // Memory: V8 collects on its own schedule, so allow it a few scrapes to come back.
    let resident = await residentBytes();
    for (let scrape = 0; scrape < 20 && resident > baseline + RSS_GROWTH_ALLOWED_BYTES; scrape++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      resident = await residentBytes();
    }
    console.log(`malformed requests: resident memory ${(baseline / 2 ** 20).toFixed(1)} MiB before, ${(resident / 2 ** 20).toFixed(1)} MiB after`);
    expect(resident, `seed ${seed}: resident memory grew from ${baseline} to ${resident} bytes`).toBeLessThanOrEqual(baseline + RSS_GROWTH_ALLOWED_BYTES);

    // Stored exactly as sent: every learner, name, answer and corrected text, and nothing else.
    const writes = accepted.map(({ write }) => write);
    expect(writes.length, `seed ${seed}: some well-formed writes must be accepted for this check to mean anything`).toBeGreaterThan(20);
    const learners = await queryDirect(scratch.url, "SELECT id, display_name FROM learners");
    const created = accepted.filter(({ write }) => write.kind === "learner");
    expect(learners.length, `seed ${seed}`).toBe(setupLearners.size + created.length);
    const storedName = new Map(learners.map((row) => [row.id as string, row.display_name as string]));
    for (const { write, response } of created) {
      if (write.kind === "learner") expect(storedName.get(response.id as string), `seed ${seed}`).toBe(write.displayName);
    }
    for (const id of targets.patchLearners) {
      const renames = writes.filter((write) => write.kind === "rename" && write.learnerId === id).map((write) => (write.kind === "rename" ? write.displayName : ""));
      // Renames of one learner may run concurrently: the stored name is one that was sent for them.
      expect([setupLearners.get(id), ...renames], `seed ${seed}`).toContain(storedName.get(id));
    }
    for (const { write, response } of accepted) {
      if (write.kind === "rename") expect(response.displayName, `seed ${seed}`).toBe(write.displayName);
    }
    const answers = await queryDirect(scratch.url, "SELECT learner_id, answer FROM attempts");
    expect(count(answers.map((row) => `${row.learner_id as string} ${row.answer as string}`)), `seed ${seed}`).toEqual(
      count(writes.flatMap((write) => (write.kind === "attempt" ? [`${write.learnerId} ${write.answer}`] : []))),
    );
    const texts = await queryDirect(scratch.url, "SELECT learner_id, text FROM correction_history");
    expect(count(texts.map((row) => `${row.learner_id as string} ${row.text as string}`)), `seed ${seed}`).toEqual(
      count(writes.flatMap((write) => (write.kind === "correction" ? [`${write.learnerId} ${write.text}`] : []))),
    );
  }, 120_000);
});
