/**
 * One long-lived Python process running worker.py, and the requests written to it. The protocol is one
 * JSON object per line each way: the worker first announces `{ready, version, …}` (or `{fatal}` when
 * Grammalecte cannot load), then answers each `{id, op, …}` request with a line carrying the same id.
 * Choosing a worker, timeouts and replacing dead workers are the pool's job (worker-pool.ts).
 */

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

import { EngineStartupError } from "./errors.js";
import { Lexicon, type LexiconToken } from "./learner-rules/analysis.js";
import type { RawParagraphErrors } from "./rule-mapping.js";

/** The subset of pino's API the engine uses, so any pino logger (or a child) fits. */
export interface EngineLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const STDERR_LINES_KEPT = 20;

export type WorkerRequest =
  /** With `analyze`, the answer also carries the analysis of the text (`tokens`), as the "analyze" op gives it. */
  | { op: "check"; text: string; options: { gc: Record<string, boolean>; spellSuggestions: boolean }; analyze?: true }
  | { op: "conjugate"; verb: string }
  | { op: "analyze"; text: string };

export interface WorkerResponse {
  id: number | null;
  error?: string;
  /** The worker stopped the request at its deadline (and carries on with the next). */
  timedOut?: boolean;
  paragraphs?: RawParagraphErrors[];
  /** An answer's analysis (its "tokens"), read through the worker's Lexicon as it arrived. */
  analysis?: LexiconToken[];
  [key: string]: unknown;
}

export interface ReadyMessage {
  ready: true;
  version: string;
  loadSeconds: number;
  optionLabels: Record<string, string>;
}

/** What a worker needs of a request: the id its answer will carry, what to send, and when the worker must give up on it. */
export interface WorkerJob {
  readonly id: number;
  readonly request: WorkerRequest;
  /** Milliseconds since the Unix epoch; past it the worker stops the request and answers `timedOut`. */
  readonly deadline: number;
}

export type StopReason = "timeout" | "close";

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
export class WorkerProcess<Job extends WorkerJob> {
  readonly inFlight = new Map<number, Job>();
  ready = false;
  stopReason: StopReason | null = null;
  readyMessage: ReadyMessage | null = null;
  private readonly stderrTail: string[] = [];
  private fatalMessage: string | null = null;
  private spawnError: Error | null = null;
  private exited = false;
  readonly exitedPromise: Promise<void>;
  /** The words this process has described (worker.py's "lexicon"): its answers' tokens name them. */
  private readonly lexicon = new Lexicon();
  readonly readyPromise: Promise<ReadyMessage>;

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pythonPath: string;
  private readonly logger: EngineLogger;

  private constructor(
    child: ChildProcessWithoutNullStreams,
    pythonPath: string,
    logger: EngineLogger,
    startupTimeoutMs: number,
    onResponse: (worker: WorkerProcess<Job>, response: WorkerResponse) => void,
    onExit: (worker: WorkerProcess<Job>, code: number | null, signal: NodeJS.Signals | null) => void,
  ) {
    this.child = child;
    this.pythonPath = pythonPath;
    this.logger = logger;
    const exit = Promise.withResolvers<void>();
    this.exitedPromise = exit.promise;
    const readiness = Promise.withResolvers<ReadyMessage>();
    this.readyPromise = readiness.promise;
    // Nobody may be awaiting readiness when a replacement worker fails: the pool handles that via onExit.
    this.readyPromise.catch(() => {});

    const startupTimer = setTimeout(() => {
      readiness.reject(
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
        readiness.resolve(message);
        return;
      }
      if (typeof message.fatal === "string") {
        this.fatalMessage = message.fatal;
        return;
      }
      if (message.tokens !== undefined) {
        // Every analysis is read here, in the order written, even one nobody waits for any more: it may describe words later answers use.
        try {
          message.analysis = this.lexicon.read(message);
        } catch (error) {
          // The descriptions on both sides no longer match: a fresh process (and lexicon) is the way back; the pool retries its requests.
          this.logger.error({ pid: child.pid, err: error }, "grammalecte worker's analysis does not match the words it described; replacing the worker");
          this.kill();
          return;
        }
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
      readiness.reject(this.startupError(code, signal));
      exit.resolve();
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

  static spawn<Job extends WorkerJob>(
    pythonPath: string,
    scriptPath: string,
    logger: EngineLogger,
    startupTimeoutMs: number,
    onResponse: (worker: WorkerProcess<Job>, response: WorkerResponse) => void,
    onExit: (worker: WorkerProcess<Job>, code: number | null, signal: NodeJS.Signals | null) => void,
  ): WorkerProcess<Job> {
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
    this.child.stdin.write(JSON.stringify({ id: job.id, deadline: job.deadline, ...job.request }) + "\n");
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
