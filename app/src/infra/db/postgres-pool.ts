import pg from "pg";
import type { Logger } from "pino";
import { withRetry, type RetryPolicy } from "./retry.js";
import { transientReason } from "./transient-errors.js";
import type { DatabaseRetryReason } from "./types.js";

export interface PostgresPoolSettings {
  /** Names the pool in logs and errors, e.g. "shard-a writer". */
  name: string;
  url: string;
  poolMin: number;
  poolMax: number;
  queryTimeoutMs: number;
  retry: RetryPolicy;
  /** Keep idle connections open for ever (embedded PGlite, whose single connection is cheap and precious). */
  keepIdleConnections?: boolean;
  /** Send statement_timeout at connection start; PGlite has no timer to enforce it, so it is off there. */
  serverStatementTimeout?: boolean;
  /** Told of every retry, for the retry counter. */
  onRetry?: (reason: DatabaseRetryReason) => void;
}

const CONNECT_TIMEOUT_MS = 5_000;
const IDLE_TIMEOUT_MS = 30_000;

/** host:port/database of a connection string, for logs and readiness output: never the credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(unparseable database URL)";
  }
}

/** A pg Pool whose queries and transactions are retried on transient errors (see isTransientDatabaseError). */
export class PostgresPool {
  readonly name: string;
  readonly target: string;
  private readonly pool: pg.Pool;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly onRetry: (reason: DatabaseRetryReason) => void;

  constructor(settings: PostgresPoolSettings, logger: Logger) {
    this.name = settings.name;
    this.target = describeDatabaseUrl(settings.url);
    this.retry = settings.retry;
    this.logger = logger;
    this.onRetry = settings.onRetry ?? (() => undefined);
    this.pool = new pg.Pool({
      connectionString: settings.url,
      min: settings.poolMin,
      max: settings.poolMax,
      // Both: the server cancels a runaway statement, the client gives up even when the server cannot answer.
      statement_timeout: settings.serverStatementTimeout === false ? undefined : settings.queryTimeoutMs,
      query_timeout: settings.queryTimeoutMs,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: settings.keepIdleConnections ? 0 : IDLE_TIMEOUT_MS,
      application_name: "francaisfluide",
    });
    // An idle client whose server went away emits here; without a listener that would crash the process.
    this.pool.on("error", (error) => this.logger.warn({ err: error, pool: this.name }, "Idle PostgreSQL connection lost"));
  }

  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return withRetry(this.operationName(text), this.retry, () => this.pool.query<Row>(text, values), this.reportRetry);
  }

  /**
   * Runs `work` inside BEGIN/COMMIT on one connection. A transient failure retries the whole transaction,
   * which is what a serialization failure or deadlock requires, so `work` must be safe to run again.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withRetry(`transaction on ${this.name} (${this.target})`, this.retry, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is discarded rather than handed to the next caller.
        client.release(broken);
      }
    }, this.reportRetry);
  }

  /** A dedicated connection, retried while connecting; the caller must release it. */
  async connect(): Promise<pg.PoolClient> {
    return withRetry(`connecting to ${this.name} (${this.target})`, this.retry, () => this.pool.connect(), this.reportRetry);
  }

  status(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  private operationName(text: string): string {
    const statement = text.trim().split(/\s+/).slice(0, 3).join(" ");
    return `query "${statement} …" on ${this.name} (${this.target})`;
  }

  private readonly reportRetry = (attempt: number, error: unknown, delayMs: number): void => {
    this.onRetry(transientReason(error));
    this.logger.warn(
      { err: error, pool: this.name, target: this.target, attempt, delayMs: Math.round(delayMs) },
      "Transient PostgreSQL error; retrying",
    );
  };
}
