import type { PostgresPool } from "../postgres-pool.js";

/** Where a learner's rows live, and a reader for data every shard holds (the exercise bank). */
export interface ShardAccess {
  writerFor(learnerId: string): PostgresPool;
  readerFor(learnerId: string): PostgresPool;
  anyReader(): PostgresPool;
}
