/** A Grammalecte worker killed under load: its request is retried on another worker, the pool refills, no request fails. */
import { readFileSync, readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentenceAt } from "../bench/french-sentences.js";
import { startAppProcess, type AppProcess } from "../testing/app-process.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";
import { failures, startSteadyLoad } from "../testing/steady-load.js";
import { waitFor } from "../testing/wait.js";
import { checkText, logLines } from "./requests.js";

const WORKERS = 2;

let database: ScratchDatabase;
let app: AppProcess;

beforeAll(async () => {
  database = await createScratchDatabase("fault_worker");
  app = await startAppProcess({ DATABASE_URL: database.url, MIGRATE_ON_START: "true", GRAMMAR_WORKERS: String(WORKERS), LOG_LEVEL: "warn" });
});

afterAll(async () => {
  const exitCode = await app?.stop();
  await database?.drop();
  expect(exitCode, app?.output()).toBe(0);
});

/** The Python processes the app started: its Grammalecte workers, as the kernel lists the children of its threads. */
function workerPids(appPid: number): number[] {
  return readdirSync(`/proc/${appPid}/task`)
    .flatMap((thread) => readFileSync(`/proc/${appPid}/task/${thread}/children`, "utf8").trim().split(/\s+/))
    .filter((pid) => pid !== "")
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("python");
      } catch {
        return false; // exited between the two reads
      }
    });
}

/** A paragraph of distinct sentences, long enough that a worker is busy with it when it is killed. */
function paragraph(sequence: number): string {
  return Array.from({ length: 4 }, (_, index) => sentenceAt(sequence * 4 + index)).join(" ");
}

describe("a grammar worker killed during load", () => {
  it("retries its request, starts a replacement, and fails no request", async () => {
    await waitFor(() => workerPids(app.pid).length === WORKERS, `${WORKERS} Grammalecte workers`);
    const before = workerPids(app.pid);
    // Four times more clients than workers: the engine's queue never empties, so each worker always has a request
    // in hand, the one the kill interrupts.
    const load = startSteadyLoad({ clients: WORKERS * 4, pauseMs: 1, send: (sequence) => checkText(app.url, paragraph(sequence)) });
    await sleep(800);

    const victim = before[0] as number;
    process.kill(victim, "SIGKILL");
    await waitFor(() => {
      const now = workerPids(app.pid);
      return now.length === WORKERS && !now.includes(victim);
    }, "the pool to replace the killed worker", 20_000);
    await sleep(800);
    const outcomes = await load.stop();

    expect(failures(outcomes)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(10);
    const exits = logLines(app.output(), "grammalecte worker exited; starting a replacement");
    expect(exits).toEqual([expect.objectContaining({ pid: victim, reason: "crash", signal: "SIGKILL" })]);
    // The request it held went back to the queue and was answered (no failure above).
    expect(exits[0]?.inFlight).toBe(1);
    const replacement = workerPids(app.pid).find((pid) => !before.includes(pid));
    expect(replacement).toBeDefined();
  });
});
