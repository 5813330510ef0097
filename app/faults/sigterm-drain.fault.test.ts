/** SIGTERM under load: requests in flight are answered, new ones are refused cleanly, the process exits with 0. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentenceAt } from "../bench/french-sentences.js";
import { startAppProcess, type AppProcess } from "../testing/app-process.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";
import { startSteadyLoad, type LoadOutcome } from "../testing/steady-load.js";
import { waitFor } from "../testing/wait.js";
import { checkText } from "./requests.js";

/**
 * Checks sent at once to the single worker: they queue behind each other, so some are still waiting when SIGTERM
 * comes, on a fast machine as on a busy one (each takes from a few ms to a few hundred).
 */
const SLOW_REQUESTS = 10;
const SENTENCES_PER_SLOW_REQUEST = 15;
/** A request sent this long before the signal has reached the server: it is in flight, not racing the close. */
const IN_FLIGHT_MARGIN_MS = 100;

let database: ScratchDatabase;
let app: AppProcess;

beforeAll(async () => {
  database = await createScratchDatabase("fault_sigterm");
  app = await startAppProcess({ DATABASE_URL: database.url, MIGRATE_ON_START: "true", GRAMMAR_WORKERS: "1", LOG_LEVEL: "warn" });
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function queuedChecks(url: string): Promise<number> {
  const body = (await (await fetch(`${url}/health/ready`)).json()) as { dependencies: { grammar: { detail: string } } };
  return Number(/(\d+) request\(s\) queued/.exec(body.dependencies.grammar.detail)?.[1] ?? 0);
}

/** A 503 in the API's error shape, or a connection the closing server refused or closed: what a drained server may answer. */
function isCleanRefusal(outcome: LoadOutcome): boolean {
  if (outcome.status === undefined) return true;
  if (outcome.status !== 503) return false;
  const body = JSON.parse(outcome.body ?? "{}") as { error?: unknown; message?: unknown };
  return typeof body.error === "string" && typeof body.message === "string";
}

describe("SIGTERM during load", () => {
  it("answers the requests in flight, refuses new ones cleanly and exits with code 0", async () => {
    const load = startSteadyLoad({ clients: 2, pauseMs: 10, send: (sequence) => checkText(app.url, sentenceAt(sequence)) });
    // Some steady requests must be older than the margin when the signal comes, however fast the checks queue.
    await new Promise((resolve) => setTimeout(resolve, 2 * IN_FLIGHT_MARGIN_MS));
    const slow = Array.from({ length: SLOW_REQUESTS }, (_, request) =>
      checkText(app.url, Array.from({ length: SENTENCES_PER_SLOW_REQUEST }, (_, index) => sentenceAt(100_000 + request * SENTENCES_PER_SLOW_REQUEST + index)).join(" ")).then(async (response) => ({
        status: response.status,
        body: await response.text(),
      })),
    );
    await waitFor(async () => (await queuedChecks(app.url)) >= 2, "checks to queue in the engine");

    const signalledAt = Date.now();
    const exited = app.stop();
    const afterSignal = startSteadyLoad({ clients: 2, pauseMs: 5, send: (sequence) => checkText(app.url, sentenceAt(200_000 + sequence)) });
    const exitCode = await exited;
    const [steady, late] = await Promise.all([load.stop(), afterSignal.stop()]);

    expect(exitCode, app.output()).toBe(0);
    for (const answer of await Promise.all(slow)) expect(answer.status, answer.body).toBe(200);
    const inFlight = steady.filter((outcome) => outcome.sentAt < signalledAt - IN_FLIGHT_MARGIN_MS);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.filter((outcome) => outcome.status !== 200)).toEqual([]);
    const racing = [...steady.filter((outcome) => outcome.sentAt >= signalledAt - IN_FLIGHT_MARGIN_MS), ...late];
    expect(racing.filter((outcome) => outcome.status !== 200 && !isCleanRefusal(outcome))).toEqual([]);
    // Once the process is gone, nothing answers at all: the port is closed, not hanging.
    await expect(checkText(app.url, "Après l'arrêt.")).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
  });
});
