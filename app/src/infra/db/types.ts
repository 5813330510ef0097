/**
 * What the database offers the rest of the app: its settings, the repositories' interfaces, the
 * description readiness reports, and the errors callers tell apart. Implementations import this module
 * and it imports only the row models, so the database's modules form no cycle.
 */
import type {
  Attempt,
  CorrectionRecord,
  Exercise,
  ExerciseFilter,
  Learner,
  LearnerChanges,
  NewAttempt,
  NewCorrectionRecord,
  NewLearner,
  Progress,
} from "./models.js";
import type { ShardSetting } from "../../config/index.js";

export interface DatabaseSettings {
  /** Single PostgreSQL. With neither url nor shards an embedded PGlite is started. */
  url?: string;
  poolMin: number;
  poolMax: number;
  /** Applied as the server's statement_timeout and as the client's query_timeout. */
  queryTimeoutMs: number;
  /** Retries after the first try, for transient errors only (see isTransientDatabaseError). */
  retryAttempts: number;
  /** First backoff delay; doubles on each retry. Defaults to 100 ms. */
  retryBaseDelayMs?: number;
  /** Each owns the learners whose bucket (see learnerBucket) lies in [firstBucket, lastBucket]. */
  shards?: ShardSetting[];
  migrateOnStart?: boolean;
}

/** Why a transient error was retried, as the `reason` label of the retry counter: a short, closed set. */
export type DatabaseRetryReason = "connection_refused" | "connection_lost" | "serialization_failure" | "deadlock" | "server_shutdown" | "server_starting";

/** What the database tells its owner as it works, for metrics. */
export interface DatabaseEvents {
  /** Called before each retry of a transient error. */
  onRetry?: (reason: DatabaseRetryReason) => void;
}

export interface LearnerRepository {
  create(learner: NewLearner): Promise<Learner>;
  get(id: string): Promise<Learner | undefined>;
  /** Turning correctionHistoryOptIn off also erases the learner's stored correction history. */
  update(id: string, changes: LearnerChanges): Promise<Learner | undefined>;
  /** Removes the learner with their attempts and correction history. */
  delete(id: string): Promise<boolean>;
}

export interface ExerciseRepository {
  get(id: string): Promise<Exercise | undefined>;
  list(filter?: ExerciseFilter): Promise<Exercise[]>;
}

export interface AttemptRepository {
  record(attempt: NewAttempt): Promise<Attempt>;
  /** Newest first; limit defaults to 50, capped at 500. */
  listForLearner(learnerId: string, limit?: number): Promise<Attempt[]>;
}

export interface CorrectionHistoryRepository {
  /** Stores the text only if the learner exists and opted in; returns the record or undefined when not stored. */
  recordIfOptedIn(record: NewCorrectionRecord): Promise<CorrectionRecord | undefined>;
  /** Newest first; limit defaults to 50, capped at 500. */
  listForLearner(learnerId: string, limit?: number): Promise<CorrectionRecord[]>;
}

export type DatabaseMode = "embedded" | "single" | "sharded";

export interface PoolStatus {
  total: number;
  idle: number;
  waiting: number;
}

export interface ShardDescription {
  id: string;
  /** host:port/database, never credentials. */
  writer: string;
  reader: string | null;
  firstBucket: number;
  lastBucket: number;
  writerPool: PoolStatus;
  readerPool: PoolStatus | null;
}

export interface DatabaseDescription {
  mode: DatabaseMode;
  poolMax: number;
  queryTimeoutMs: number;
  retryAttempts: number;
  shards: ShardDescription[];
}

export interface Database {
  learners: LearnerRepository;
  exercises: ExerciseRepository;
  attempts: AttemptRepository;
  corrections: CorrectionHistoryRepository;
  progress(learnerId: string): Promise<Progress>;
  /** Runs SELECT 1 on every writer and reader; rejects with the failing shard named. */
  ping(): Promise<void>;
  /** Applies pending migrations on every shard writer. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  describe(): DatabaseDescription;
}

/**
 * A transient failure that outlasted every retry, or a connection-level failure no retry can cure (a database that
 * does not exist, a refused login): the database is unreachable or overloaded, not the request wrong.
 */
export class DatabaseUnavailableError extends Error {
  readonly attempts: number;
  /** SQLSTATE or socket code of the last failure, when it had one. */
  readonly code: string | undefined;

  constructor(operation: string, attempts: number, cause: unknown) {
    const causeMessage = cause instanceof Error ? cause.message || cause.constructor.name : String(cause);
    super(
      `${operation} failed after ${attempts} attempt${attempts === 1 ? "" : "s"} (last error: ${causeMessage}). ` +
        "Check that PostgreSQL is running and reachable at that address, and that the settings' database, user and password exist there, then retry.",
      { cause },
    );
    this.name = "DatabaseUnavailableError";
    this.attempts = attempts;
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === "string" ? code : undefined;
  }
}

/** The learner is unknown, or the id is not a uuid: what the API answers with 404. */
export class UnknownLearnerError extends Error {
  readonly learnerId: string;
  constructor(learnerId: string) {
    super(`No learner with id "${learnerId}": create the learner first, or check the id (a uuid)`);
    this.name = "UnknownLearnerError";
    this.learnerId = learnerId;
  }
}
