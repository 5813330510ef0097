import { createHash } from "node:crypto";
import { BUCKET_COUNT, bucketCoverageProblems, type BucketRange } from "../../config/index.js";

/**
 * Bucket 0..99 of a learner: first 32 bits of sha256(id) modulo 100. Stable across processes, versions and
 * machines (unlike a language's built-in hash), and spread evenly for random uuids. The id is lower-cased
 * because PostgreSQL prints uuids in lower case whatever case they arrived in.
 */
export function learnerBucket(learnerId: string): number {
  const digest = createHash("sha256").update(learnerId.trim().toLowerCase()).digest();
  return digest.readUInt32BE(0) % BUCKET_COUNT;
}

/**
 * Checks that the ranges cover every bucket exactly once, so every learner has one and only one home; the
 * ranges ordered by bucket. Throws naming every gap, overlap or bad bound.
 */
export function validateShardMap<T extends BucketRange>(shards: readonly T[]): T[] {
  const problems = bucketCoverageProblems(shards);
  if (problems.length > 0) throw new Error(`Invalid shard map: ${problems.join("; ")}`);
  return [...shards].sort((a, b) => a.firstBucket - b.firstBucket);
}

/** The shard whose inclusive range holds the bucket; the map must have passed validateShardMap. */
export function shardForBucket<T extends BucketRange>(shards: readonly T[], bucket: number): T {
  const shard = shards.find((candidate) => bucket >= candidate.firstBucket && bucket <= candidate.lastBucket);
  if (!shard) throw new Error(`No shard holds bucket ${bucket}: validate the shard map with validateShardMap first`);
  return shard;
}

export function shardForLearner<T extends BucketRange>(shards: readonly T[], learnerId: string): T {
  return shardForBucket(shards, learnerBucket(learnerId));
}
