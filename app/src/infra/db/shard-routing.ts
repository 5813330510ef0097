import { createHash } from "node:crypto";

export const BUCKET_COUNT = 100;

export interface BucketRange {
  id: string;
  userPercentFrom: number;
  userPercentTo: number;
}

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
 * Checks that the ranges cover buckets 0..99 exactly once each, so every learner has one and only one home.
 * Throws naming the first gap, overlap or bad bound.
 */
export function validateShardMap<T extends BucketRange>(shards: readonly T[]): T[] {
  if (shards.length === 0) throw new Error("Shard map is empty: give at least one shard covering buckets 0-99");
  const ids = new Set<string>();
  for (const shard of shards) {
    if (ids.has(shard.id)) throw new Error(`Shard map names shard "${shard.id}" twice: shard ids must be unique`);
    ids.add(shard.id);
    const { userPercentFrom: from, userPercentTo: to } = shard;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= BUCKET_COUNT || from > to) {
      throw new Error(`Shard "${shard.id}" has range ${from}-${to}: bounds must be integers with 0 <= from <= to <= 99`);
    }
  }
  const ordered = [...shards].sort((a, b) => a.userPercentFrom - b.userPercentFrom);
  let nextBucket = 0;
  for (const shard of ordered) {
    if (shard.userPercentFrom > nextBucket) {
      throw new Error(`Shard map leaves buckets ${nextBucket}-${shard.userPercentFrom - 1} without a shard`);
    }
    if (shard.userPercentFrom < nextBucket) {
      throw new Error(`Shard "${shard.id}" (${shard.userPercentFrom}-${shard.userPercentTo}) overlaps the shard before it`);
    }
    nextBucket = shard.userPercentTo + 1;
  }
  if (nextBucket !== BUCKET_COUNT) throw new Error(`Shard map leaves buckets ${nextBucket}-99 without a shard`);
  return ordered;
}

/** The shard whose inclusive range holds the bucket; the map must have passed validateShardMap. */
export function shardForBucket<T extends BucketRange>(shards: readonly T[], bucket: number): T {
  const shard = shards.find((candidate) => bucket >= candidate.userPercentFrom && bucket <= candidate.userPercentTo);
  if (!shard) throw new Error(`No shard holds bucket ${bucket}: validate the shard map with validateShardMap first`);
  return shard;
}

export function shardForLearner<T extends BucketRange>(shards: readonly T[], learnerId: string): T {
  return shardForBucket(shards, learnerBucket(learnerId));
}
