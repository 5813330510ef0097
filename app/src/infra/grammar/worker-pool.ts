/**
 * GrammarEngine backed by a pool of long-lived Python processes running worker.py.
 *
 * Grammalecte is pure Python and single-threaded, so throughput comes from processes: each worker
 * loads Grammalecte once (~0.2 s) and then checks short sentences in about a millisecond. Requests
 * queue in Node and go to the least busy ready worker.
 *
 * Failure handling:
 * - a worker that exits unexpectedly is replaced; its in-flight requests are retried once, and a
 *   request that sees a second worker die fails with EngineUnavailableError (it is probably the
 *   cause, and must not take the whole pool down);
 * - a request not answered within requestTimeoutMs (counted from when it was queued, as the caller
 *   sees it) fails with EngineTimeoutError. The worker running it got the same deadline and stops it
 *   there by itself (worker.py), then takes the next request: a text that keeps timing out, sent again
 *   and again by a client that retries, costs its time budget each time, never a worker. Only a worker
 *   that has not stopped within stopGraceMs after the deadline (stuck outside Python's reach) is
 *   killed and replaced;
 * - close() rejects everything pending with EngineClosedError and kills the workers.
 */

import os from "node:os";
import { fileURLToPath } from "node:url";

import type { CheckedText, CheckOptions, ConjugationTable, GrammarEngine, GrammarMatch, TextAnalyzer } from "./engine.js";
import { analyzedTokensOf, type AnalyzedToken } from "./learner-rules/analysis.js";
import { EngineClosedError, EngineRequestError, EngineTimeoutError, EngineUnavailableError } from "./errors.js";
import {
  conjugationFromRaw,
  grammalecteOptionsForLevel,
  matchesFromParagraphs,
  normalizeInfinitive,
  type RawConjugation,
} from "./rule-mapping.js";
import {
  WorkerProcess,
  type EngineLogger,
  type ReadyMessage,
  type WorkerJob,
  type WorkerRequest,
  type WorkerResponse,
} from "./worker-process.js";

export interface GrammalecteEngineOptions {
  /** Worker processes; default os.availableParallelism(). */
  workers?: number;
  /** Per request, from the moment it is queued; default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Python that has python3-grammalecte; default /usr/bin/python3 (Debian installs it there only). */
  pythonPath?: string;
  logger?: EngineLogger;
  /** How long a worker may take to load Grammalecte; default 30 000 ms. */
  startupTimeoutMs?: number;
  /**
   * Requests written to one worker before it answers the first; default 1. Pipelining only saves
   * the pipe round trip, which is small next to a check: measured on 2 CPUs with short sentences,
   * 2 workers gave 920–1100 checks/s with 1 in flight and 900–1080 with 2. One in flight also
   * means a timeout kill never takes innocent requests down with it.
   */
  maxInFlightPerWorker?: number;
  /** Defaults to worker.py next to this module. */
  workerScriptPath?: string;
  /** Told each time a worker exits and is replaced: "crash" when it died by itself, "timeout" when it was killed for one. */
  onWorkerRestart?: (reason: WorkerRestartReason) => void;
  /**
   * How long after a request's deadline its worker may take to stop it before it counts as stuck and is
   * replaced; default 2 000 ms.
   */
  stopGraceMs?: number;
}

export type WorkerRestartReason = "crash" | "timeout";

export const DEFAULT_PYTHON_PATH = "/usr/bin/python3";
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const MAX_RESTART_DELAY_MS = 5_000;
const FIRST_RESTART_DELAY_MS = 100;
/** A request may be dispatched this many times when workers die under it. */
const MAX_ATTEMPTS = 2;
const DEFAULT_STOP_GRACE_MS = 2_000;

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

interface Job extends WorkerJob {
  /** For error messages and logs, e.g. "check of 1234 characters". */
  readonly operation: string;
  readonly resolve: (response: WorkerResponse) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
  worker: WorkerProcess<Job> | null;
  timer: NodeJS.Timeout | null;
  settled: boolean;
}

function describeRequest(request: WorkerRequest): string {
  switch (request.op) {
    case "check":
      return `${request.analyze ? "check and analysis" : "check"} of ${request.text.length} characters`;
    case "conjugate":
      return `conjugation of ${JSON.stringify(request.verb)}`;
    case "analyze":
      return `analysis of ${request.text.length} characters`;
  }
}

function checkRequest(text: string, options: CheckOptions, analyze: boolean): WorkerRequest {
  return {
    op: "check",
    text,
    options: { gc: grammalecteOptionsForLevel(options.level), spellSuggestions: true },
    ...(analyze ? { analyze: true } : {}),
  };
}

function tokensOf(text: string, response: WorkerResponse): AnalyzedToken[] {
  if (response.analysis === undefined) {
    throw new EngineRequestError(`analysis of ${text.length} characters`, "the worker's answer has no tokens");
  }
  return analyzedTokensOf(text, response.analysis);
}

export class GrammalecteEngine implements GrammarEngine, TextAnalyzer {
  private readonly workers: WorkerProcess<Job>[] = [];
  private readonly queue: Job[] = [];
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private nextJobId = 1;
  private consecutiveStartFailures = 0;
  private closed = false;
  private engineVersion = "grammalecte-unknown";
  private optionLabels: Record<string, string> = {};

  private readonly workerCount: number;
  private readonly requestTimeoutMs: number;
  private readonly pythonPath: string;
  private readonly scriptPath: string;
  private readonly startupTimeoutMs: number;
  private readonly maxInFlightPerWorker: number;
  private readonly stopGraceMs: number;
  private readonly logger: EngineLogger;
  private readonly onWorkerRestart: (reason: WorkerRestartReason) => void;

  private constructor(
    workerCount: number,
    requestTimeoutMs: number,
    pythonPath: string,
    scriptPath: string,
    startupTimeoutMs: number,
    maxInFlightPerWorker: number,
    stopGraceMs: number,
    logger: EngineLogger,
    onWorkerRestart: (reason: WorkerRestartReason) => void,
  ) {
    this.workerCount = workerCount;
    this.requestTimeoutMs = requestTimeoutMs;
    this.pythonPath = pythonPath;
    this.scriptPath = scriptPath;
    this.startupTimeoutMs = startupTimeoutMs;
    this.maxInFlightPerWorker = maxInFlightPerWorker;
    this.stopGraceMs = stopGraceMs;
    this.logger = logger;
    this.onWorkerRestart = onWorkerRestart;
  }

  /** Starts the workers and resolves once all of them have loaded Grammalecte. */
  static async start(options: GrammalecteEngineOptions = {}): Promise<GrammalecteEngine> {
    const workerCount = options.workers ?? os.availableParallelism();
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const maxInFlightPerWorker = options.maxInFlightPerWorker ?? 1;
    const stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    for (const [name, value] of Object.entries({ workers: workerCount, requestTimeoutMs, maxInFlightPerWorker, stopGraceMs })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`GrammalecteEngine option ${name} must be a positive integer, got ${value}`);
      }
    }
    const engine = new GrammalecteEngine(
      workerCount,
      requestTimeoutMs,
      options.pythonPath ?? DEFAULT_PYTHON_PATH,
      options.workerScriptPath ?? fileURLToPath(new URL("./worker.py", import.meta.url)),
      options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      maxInFlightPerWorker,
      stopGraceMs,
      options.logger ?? silentLogger,
      options.onWorkerRestart ?? (() => undefined),
    );
    const started = Date.now();
    const workers = Array.from({ length: workerCount }, () => engine.spawnWorker());
    try {
      const readyMessages = await Promise.all(workers.map((worker) => worker.readyPromise));
      const first = readyMessages[0] as ReadyMessage;
      engine.engineVersion = `grammalecte-${first.version}`;
      engine.optionLabels = first.optionLabels;
      engine.logger.info(
        {
          workers: workerCount,
          version: engine.engineVersion,
          pythonPath: engine.pythonPath,
          workerLoadSeconds: readyMessages.map((message) => message.loadSeconds),
          startupMs: Date.now() - started,
        },
        "grammalecte engine ready",
      );
      return engine;
    } catch (error) {
      await engine.close();
      throw error;
    }
  }

  get version(): string {
    return this.engineVersion;
  }

  get parallelism(): number {
    return this.workerCount;
  }

  async check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    if (text.trim() === "") return [];
    const response = await this.submit(checkRequest(text, options, false));
    return this.matchesOf(text, options, response);
  }

  /** The matches and the analysis of `text` from one worker request (one round trip, one deadline for both). */
  async checkAndAnalyze(text: string, options: CheckOptions): Promise<CheckedText> {
    if (text.trim() === "") return { matches: [], tokens: [] };
    const response = await this.submit(checkRequest(text, options, true));
    return { matches: this.matchesOf(text, options, response), tokens: tokensOf(text, response) };
  }

  private matchesOf(text: string, options: CheckOptions, response: WorkerResponse): GrammarMatch[] {
    if (!Array.isArray(response.paragraphs)) {
      throw new EngineRequestError(`check of ${text.length} characters`, "the worker's answer has no paragraphs");
    }
    return matchesFromParagraphs(text, response.paragraphs, options.level, this.optionLabels);
  }

  async conjugate(infinitive: string): Promise<ConjugationTable | null> {
    const verb = normalizeInfinitive(infinitive);
    if (verb === "") return null;
    const response = await this.submit({ op: "conjugate", verb });
    return conjugationFromRaw(response as unknown as RawConjugation);
  }

  /** Tokens of `text` with the morphology of Grammalecte's lexicon, for the learner rules. */
  async analyze(text: string): Promise<AnalyzedToken[]> {
    if (text.trim() === "") return [];
    return tokensOf(text, await this.submit({ op: "analyze", text }));
  }

  queueDepth(): number {
    return this.queue.length;
  }

  isReady(): boolean {
    return !this.closed && this.workers.some((worker) => worker.ready);
  }

  /** Process ids of the live workers; lets operators (and tests) find a stuck worker. */
  workerPids(): number[] {
    return this.workers.flatMap((worker) => (worker.isAlive && worker.pid !== undefined ? [worker.pid] : []));
  }

  async close(): Promise<void> {
    if (this.closed) {
      await Promise.all(this.workers.map((worker) => worker.exitedPromise));
      return;
    }
    this.closed = true;
    for (const timer of this.restartTimers) clearTimeout(timer);
    this.restartTimers.clear();
    for (const job of this.queue.splice(0)) this.settle(job, new EngineClosedError(job.operation));
    const workers = [...this.workers];
    for (const worker of workers) {
      for (const job of worker.inFlight.values()) this.settle(job, new EngineClosedError(job.operation));
      worker.inFlight.clear();
      worker.kill("close");
    }
    await Promise.all(workers.map((worker) => worker.exitedPromise));
  }

  private submit(request: WorkerRequest): Promise<WorkerResponse> {
    const operation = describeRequest(request);
    if (this.closed) return Promise.reject(new EngineClosedError(operation));
    return new Promise<WorkerResponse>((resolve, reject) => {
      const job: Job = {
        id: this.nextJobId++,
        request,
        deadline: Date.now() + this.requestTimeoutMs,
        operation,
        resolve,
        reject,
        attempts: 0,
        worker: null,
        timer: null,
        settled: false,
      };
      job.timer = setTimeout(() => this.onTimeout(job), this.requestTimeoutMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.leastBusyReadyWorker();
      if (!worker) return;
      const job = this.queue.shift() as Job;
      job.attempts += 1;
      job.worker = worker;
      worker.send(job);
    }
  }

  private leastBusyReadyWorker(): WorkerProcess<Job> | null {
    let best: WorkerProcess<Job> | null = null;
    for (const worker of this.workers) {
      if (!worker.ready || worker.inFlight.size >= this.maxInFlightPerWorker) continue;
      if (!best || worker.inFlight.size < best.inFlight.size) best = worker;
    }
    return best;
  }

  /** After a timeout, a job's timer is the grace period its worker has to stop it. */
  private stopTimer(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
  }

  private settle(job: Job, outcome: Error | WorkerResponse): void {
    this.stopTimer(job);
    if (job.settled) return;
    job.settled = true;
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private onResponse(worker: WorkerProcess<Job>, response: WorkerResponse): void {
    const job = typeof response.id === "number" ? worker.inFlight.get(response.id) : undefined;
    if (!job) {
      // An answer racing a timeout kill, or an error about a line the worker could not parse.
      if (response.error) {
        this.logger.warn({ pid: worker.pid, error: response.error }, "grammalecte worker error without a pending request");
      }
      return;
    }
    worker.inFlight.delete(job.id);
    if (response.timedOut === true) {
      this.logger.info({ pid: worker.pid, operation: job.operation }, "grammalecte worker stopped a request at its deadline and carries on");
    } else if (job.settled) {
      this.logger.info({ pid: worker.pid, operation: job.operation }, "grammalecte worker finished a timed-out request after its deadline");
    }
    this.settle(job, this.outcomeOf(job, response));
    this.dispatch();
  }

  private outcomeOf(job: Job, response: WorkerResponse): Error | WorkerResponse {
    if (response.timedOut === true) return new EngineTimeoutError(job.operation, this.requestTimeoutMs);
    if (typeof response.error === "string") return new EngineRequestError(job.operation, response.error);
    return response;
  }

  /**
   * The caller hears of the timeout now; the worker, which has the same deadline, stays busy until it has
   * stopped the request (its answer then frees it), and is replaced only if it has not within stopGraceMs.
   */
  private onTimeout(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(job, new EngineTimeoutError(job.operation, this.requestTimeoutMs));
    const worker = job.worker;
    if (worker && worker.inFlight.has(job.id)) {
      job.timer = setTimeout(() => this.onStopOverdue(worker, job), this.stopGraceMs);
    }
  }

  private onStopOverdue(worker: WorkerProcess<Job>, job: Job): void {
    job.timer = null;
    if (!worker.inFlight.delete(job.id)) return;
    this.logger.warn(
      { pid: worker.pid, operation: job.operation, timeoutMs: this.requestTimeoutMs, graceMs: this.stopGraceMs },
      "grammalecte worker did not stop a timed-out request; killing it",
    );
    worker.kill("timeout");
  }

  private spawnWorker(): WorkerProcess<Job> {
    const worker = WorkerProcess.spawn<Job>(
      this.pythonPath,
      this.scriptPath,
      this.logger,
      this.startupTimeoutMs,
      (from, response) => this.onResponse(from, response),
      (from, code, signal) => this.onWorkerExit(from, code, signal),
    );
    this.workers.push(worker);
    worker.readyPromise.then(
      () => {
        this.consecutiveStartFailures = 0;
        this.dispatch();
      },
      () => {},
    );
    return worker;
  }

  private onWorkerExit(worker: WorkerProcess<Job>, code: number | null, signal: NodeJS.Signals | null): void {
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    const wasReady = worker.readyMessage !== null;
    const orphans = [...worker.inFlight.values()];
    worker.inFlight.clear();
    if (this.closed) {
      for (const job of orphans) this.settle(job, new EngineClosedError(job.operation));
      return;
    }
    const unexpected = worker.stopReason === null;
    this.onWorkerRestart(unexpected ? "crash" : "timeout");
    this.logger[unexpected ? "error" : "info"](
      { pid: worker.pid, code, signal, reason: worker.stopReason ?? "crash", inFlight: orphans.length },
      "grammalecte worker exited; starting a replacement",
    );
    // Requests that were only collateral of a timeout kill did nothing wrong: they go back to the
    // front of the queue without spending an attempt. After a crash, any of them may be the cause.
    const retry: Job[] = [];
    for (const job of orphans) {
      if (job.settled) {
        // Timed out already: nobody waits for it any more.
        this.stopTimer(job);
        continue;
      }
      if (!unexpected) job.attempts -= 1;
      if (job.attempts >= MAX_ATTEMPTS) {
        this.settle(
          job,
          new EngineUnavailableError(
            `Grammalecte worker died ${job.attempts} times while handling ${job.operation} ` +
              `(last exit: code ${code ?? "none"}, signal ${signal ?? "none"}); giving up on this request.`,
          ),
        );
      } else {
        retry.push(job);
      }
    }
    this.queue.unshift(...retry);
    if (!wasReady) this.consecutiveStartFailures += 1;
    this.scheduleReplacement();
    this.dispatch();
  }

  private scheduleReplacement(): void {
    const delay =
      this.consecutiveStartFailures === 0
        ? 0
        : Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (this.consecutiveStartFailures - 1));
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      if (!this.closed && this.workers.length < this.workerCount) this.spawnWorker();
    }, delay);
    this.restartTimers.add(timer);
  }
}
