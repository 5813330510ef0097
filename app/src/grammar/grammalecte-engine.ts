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
 *   sees it) fails with EngineTimeoutError; if a worker was running it, that worker is killed and
 *   replaced, since it is stuck or busy on an answer nobody waits for;
 * - close() rejects everything pending with EngineClosedError and kills the workers.
 */

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import os from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import type { CheckOptions, ConjugationTable, GrammarEngine, GrammarMatch } from "./engine.js";
import {
  EngineClosedError,
  EngineRequestError,
  EngineStartupError,
  EngineTimeoutError,
  EngineUnavailableError,
} from "./errors.js";
import {
  conjugationFromRaw,
  grammalecteOptionsForLevel,
  matchesFromParagraphs,
  normalizeInfinitive,
  type RawConjugation,
  type RawParagraphErrors,
} from "./rule-mapping.js";

/** The subset of pino's API the engine uses, so any pino logger (or a child) fits. */
export interface EngineLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

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
}

export const DEFAULT_PYTHON_PATH = "/usr/bin/python3";
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
const MAX_RESTART_DELAY_MS = 5_000;
const FIRST_RESTART_DELAY_MS = 100;
const STDERR_LINES_KEPT = 20;
/** A request may be dispatched this many times when workers die under it. */
const MAX_ATTEMPTS = 2;

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

type WorkerRequest =
  | { op: "check"; text: string; options: { gc: Record<string, boolean>; spellSuggestions: boolean } }
  | { op: "conjugate"; verb: string };

interface WorkerResponse {
  id: number | null;
  error?: string;
  paragraphs?: RawParagraphErrors[];
  [key: string]: unknown;
}

interface ReadyMessage {
  ready: true;
  version: string;
  loadSeconds: number;
  optionLabels: Record<string, string>;
}

interface Job {
  readonly id: number;
  readonly request: WorkerRequest;
  /** For error messages and logs, e.g. "check of 1234 characters". */
  readonly operation: string;
  readonly resolve: (response: WorkerResponse) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
  worker: WorkerProcess | null;
  timer: NodeJS.Timeout | null;
  settled: boolean;
}

type StopReason = "timeout" | "close";

function describeRequest(request: WorkerRequest): string {
  switch (request.op) {
    case "check":
      return `check of ${request.text.length} characters`;
    case "conjugate":
      return `conjugation of ${JSON.stringify(request.verb)}`;
  }
}

function isReadyMessage(message: Record<string, unknown>): message is Record<string, unknown> & ReadyMessage {
  return message.ready === true && typeof message.version === "string";
}

function parseLine(line: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function installHint(pythonPath: string): string {
  return (
    `Install Grammalecte for ${pythonPath} (Debian/Ubuntu: apt-get install python3-grammalecte), ` +
    "or point pythonPath at a Python that can `import grammalecte`."
  );
}

/** One Python process and the requests written to it. */
class WorkerProcess {
  readonly inFlight = new Map<number, Job>();
  ready = false;
  stopReason: StopReason | null = null;
  readyMessage: ReadyMessage | null = null;
  private readonly stderrTail: string[] = [];
  private fatalMessage: string | null = null;
  private spawnError: Error | null = null;
  private exited = false;
  readonly exitedPromise: Promise<void>;
  readonly readyPromise: Promise<ReadyMessage>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly pythonPath: string,
    private readonly logger: EngineLogger,
    startupTimeoutMs: number,
    onResponse: (worker: WorkerProcess, response: WorkerResponse) => void,
    onExit: (worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null) => void,
  ) {
    let markExited: () => void = () => {};
    this.exitedPromise = new Promise((resolve) => (markExited = resolve));
    let resolveReady: (message: ReadyMessage) => void = () => {};
    let rejectReady: (error: Error) => void = () => {};
    this.readyPromise = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // Nobody may be awaiting readiness when a replacement worker fails: the pool handles that via onExit.
    this.readyPromise.catch(() => {});

    const startupTimer = setTimeout(() => {
      rejectReady(
        new EngineStartupError(
          `Grammalecte worker (${pythonPath}, pid ${child.pid}) did not finish loading within ${startupTimeoutMs} ms. ` +
            `Last stderr lines: ${this.stderrSummary()}`,
          pythonPath,
        ),
      );
      this.kill();
    }, startupTimeoutMs);

    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = parseLine(line);
      if (message === null) {
        this.logger.warn({ pid: child.pid, line: line.slice(0, 200) }, "grammalecte worker wrote a non-protocol line");
        return;
      }
      if (isReadyMessage(message)) {
        clearTimeout(startupTimer);
        this.ready = true;
        this.readyMessage = message;
        resolveReady(message);
        return;
      }
      if (typeof message.fatal === "string") {
        this.fatalMessage = message.fatal;
        return;
      }
      onResponse(this, message as WorkerResponse);
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
      this.logger.warn({ pid: child.pid, line }, "grammalecte worker stderr");
    });
    child.stdin.on("error", (error) => {
      // EPIPE when the process died between two writes; the exit handler deals with the requests.
      this.logger.debug({ pid: child.pid, err: error }, "grammalecte worker stdin error");
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (this.exited) return;
      this.exited = true;
      this.ready = false;
      clearTimeout(startupTimer);
      rejectReady(this.startupError(code, signal));
      markExited();
      onExit(this, code, signal);
    };
    child.on("error", (error) => {
      if (child.pid !== undefined) {
        // The process runs (a failed signal, say): its "close" will still come.
        this.logger.warn({ pid: child.pid, err: error }, "grammalecte worker process error");
        return;
      }
      this.spawnError = error;
      finish(null, null);
    });
    // "close" rather than "exit": it comes after stdout is drained, so an answer written just before
    // dying is still delivered instead of being retried.
    child.on("close", (code, signal) => finish(code, signal));
  }

  static spawn(
    pythonPath: string,
    scriptPath: string,
    logger: EngineLogger,
    startupTimeoutMs: number,
    onResponse: (worker: WorkerProcess, response: WorkerResponse) => void,
    onExit: (worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null) => void,
  ): WorkerProcess {
    const child = spawn(pythonPath, [scriptPath], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONUNBUFFERED: "1" },
    });
    return new WorkerProcess(child, pythonPath, logger, startupTimeoutMs, onResponse, onExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isAlive(): boolean {
    return !this.exited;
  }

  send(job: Job): void {
    this.inFlight.set(job.id, job);
    this.child.stdin.write(JSON.stringify({ id: job.id, ...job.request }) + "\n");
  }

  kill(reason?: StopReason): void {
    if (reason && !this.stopReason) this.stopReason = reason;
    this.ready = false;
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private stderrSummary(): string {
    return this.stderrTail.length > 0 ? this.stderrTail.slice(-5).join(" | ") : "(none)";
  }

  private startupError(code?: number | null, signal?: NodeJS.Signals | null): EngineStartupError {
    if (this.spawnError) {
      return new EngineStartupError(
        `Cannot run ${this.pythonPath} to start Grammalecte: ${this.spawnError.message}. ${installHint(this.pythonPath)}`,
        this.pythonPath,
        { cause: this.spawnError },
      );
    }
    if (this.fatalMessage) {
      return new EngineStartupError(
        `${this.pythonPath} could not load Grammalecte (${this.fatalMessage}). ${installHint(this.pythonPath)}`,
        this.pythonPath,
      );
    }
    return new EngineStartupError(
      `Grammalecte worker (${this.pythonPath}) exited before it was ready ` +
        `(code ${code ?? "none"}, signal ${signal ?? "none"}). Last stderr lines: ${this.stderrSummary()}`,
      this.pythonPath,
    );
  }
}

export class GrammalecteEngine implements GrammarEngine {
  private readonly workers: WorkerProcess[] = [];
  private readonly queue: Job[] = [];
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private nextJobId = 1;
  private consecutiveStartFailures = 0;
  private closed = false;
  private engineVersion = "grammalecte-unknown";
  private optionLabels: Record<string, string> = {};

  private constructor(
    private readonly workerCount: number,
    private readonly requestTimeoutMs: number,
    private readonly pythonPath: string,
    private readonly scriptPath: string,
    private readonly startupTimeoutMs: number,
    private readonly maxInFlightPerWorker: number,
    private readonly logger: EngineLogger,
  ) {}

  /** Starts the workers and resolves once all of them have loaded Grammalecte. */
  static async start(options: GrammalecteEngineOptions = {}): Promise<GrammalecteEngine> {
    const workerCount = options.workers ?? os.availableParallelism();
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const maxInFlightPerWorker = options.maxInFlightPerWorker ?? 1;
    for (const [name, value] of Object.entries({ workers: workerCount, requestTimeoutMs, maxInFlightPerWorker })) {
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
      options.logger ?? silentLogger,
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

  async check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    if (text.trim() === "") return [];
    const response = await this.submit({
      op: "check",
      text,
      options: { gc: grammalecteOptionsForLevel(options.level), spellSuggestions: true },
    });
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

  private leastBusyReadyWorker(): WorkerProcess | null {
    let best: WorkerProcess | null = null;
    for (const worker of this.workers) {
      if (!worker.ready || worker.inFlight.size >= this.maxInFlightPerWorker) continue;
      if (!best || worker.inFlight.size < best.inFlight.size) best = worker;
    }
    return best;
  }

  private settle(job: Job, outcome: Error | WorkerResponse): void {
    if (job.settled) return;
    job.settled = true;
    if (job.timer) clearTimeout(job.timer);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private onResponse(worker: WorkerProcess, response: WorkerResponse): void {
    const job = typeof response.id === "number" ? worker.inFlight.get(response.id) : undefined;
    if (!job) {
      // An answer racing a timeout kill, or an error about a line the worker could not parse.
      if (response.error) {
        this.logger.warn({ pid: worker.pid, error: response.error }, "grammalecte worker error without a pending request");
      }
      return;
    }
    worker.inFlight.delete(job.id);
    this.settle(job, typeof response.error === "string" ? new EngineRequestError(job.operation, response.error) : response);
    this.dispatch();
  }

  private onTimeout(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const worker = job.worker;
    this.settle(job, new EngineTimeoutError(job.operation, this.requestTimeoutMs));
    if (worker && worker.inFlight.delete(job.id)) {
      this.logger.warn(
        { pid: worker.pid, operation: job.operation, timeoutMs: this.requestTimeoutMs },
        "grammalecte request timed out; killing its worker",
      );
      worker.kill("timeout");
    }
  }

  private spawnWorker(): WorkerProcess {
    const worker = WorkerProcess.spawn(
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

  private onWorkerExit(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void {
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
    this.logger[unexpected ? "error" : "info"](
      { pid: worker.pid, code, signal, reason: worker.stopReason ?? "crash", inFlight: orphans.length },
      "grammalecte worker exited; starting a replacement",
    );
    // Requests that were only collateral of a timeout kill did nothing wrong: they go back to the
    // front of the queue without spending an attempt. After a crash, any of them may be the cause.
    const retry: Job[] = [];
    for (const job of orphans) {
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
