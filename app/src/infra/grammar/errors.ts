/**
 * Errors raised by grammar engines. The API maps them to HTTP statuses:
 * EngineTimeoutError and EngineUnavailableError (and its EngineClosedError) → 503,
 * EngineRequestError → 500, EngineStartupError stops the process at boot.
 */

export class GrammarEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The engine could not start: wrong interpreter, Grammalecte missing, worker crashing at load. */
export class EngineStartupError extends GrammarEngineError {
  readonly pythonPath: string;

  constructor(
    message: string,
    pythonPath: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.pythonPath = pythonPath;
  }
}

/** A request took longer than the configured timeout; the worker running it stopped it (or, stuck, was replaced). */
export class EngineTimeoutError extends GrammarEngineError {
  readonly operation: string;
  readonly timeoutMs: number;

  constructor(
    operation: string,
    timeoutMs: number,
  ) {
    super(
      `Grammalecte did not answer ${operation} within ${timeoutMs} ms; the request was abandoned. ` +
        "Retry later, send a shorter text, or raise requestTimeoutMs.",
    );
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** No worker could serve the request (workers kept dying on it, or none is running). */
export class EngineUnavailableError extends GrammarEngineError {}

/** The engine was closed before the request was answered. */
export class EngineClosedError extends EngineUnavailableError {
  constructor(operation: string) {
    super(`Grammalecte engine closed before ${operation} was answered; the server is shutting down.`);
  }
}

/** The worker answered, but with an error raised inside Python for this particular request. */
export class EngineRequestError extends GrammarEngineError {
  readonly operation: string;
  readonly workerMessage: string;

  constructor(
    operation: string,
    workerMessage: string,
  ) {
    super(`Grammalecte failed on ${operation}: ${workerMessage}`);
    this.operation = operation;
    this.workerMessage = workerMessage;
  }
}
