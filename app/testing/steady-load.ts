/** A few clients sending requests one after the other until stopped, recording what each got: the "steady load" of the fault tests. */
import { setTimeout as sleep } from "node:timers/promises";

export interface LoadOutcome {
  /** Which request of the load it was (0, 1, 2…), across all clients. */
  sequence: number;
  sentAt: number;
  /** Absent when no HTTP answer came (refused or reset connection). */
  status?: number;
  body?: string;
  error?: string;
}

export interface SteadyLoad {
  /** Everything answered so far. */
  readonly outcomes: readonly LoadOutcome[];
  /** Stops sending, waits for the requests in flight, and returns every outcome. */
  stop(): Promise<LoadOutcome[]>;
}

export interface SteadyLoadOptions {
  clients: number;
  /** Sends request number `sequence` and resolves with its answer. */
  send(sequence: number): Promise<Response>;
  /** Pause of each client between two requests, so the load stays steady rather than saturating a shared machine. */
  pauseMs?: number;
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export function startSteadyLoad(options: SteadyLoadOptions): SteadyLoad {
  const outcomes: LoadOutcome[] = [];
  let stopped = false;
  let next = 0;
  const client = async () => {
    while (!stopped) {
      const sequence = next++;
      const sentAt = Date.now();
      try {
        const response = await options.send(sequence);
        const body = await response.text();
        outcomes.push({ sequence, sentAt, status: response.status, ...(response.ok ? {} : { body }) });
      } catch (error) {
        outcomes.push({ sequence, sentAt, error: describeError(error) });
      }
      await sleep(options.pauseMs ?? 5);
    }
  };
  const clients = Array.from({ length: options.clients }, client);
  return {
    outcomes,
    async stop() {
      stopped = true;
      await Promise.all(clients);
      return outcomes.sort((a, b) => a.sequence - b.sequence);
    },
  };
}

/** The outcomes that are not a 2xx answer, readable in an assertion message. */
export function failures(outcomes: readonly LoadOutcome[]): string[] {
  return outcomes
    .filter((outcome) => outcome.status === undefined || outcome.status >= 300)
    .map((outcome) => `#${outcome.sequence}: ${outcome.status ?? outcome.error} ${outcome.body?.slice(0, 200) ?? ""}`.trim());
}
