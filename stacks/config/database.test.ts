import { describe, expect, it } from "vitest";
import { shardBucketCoverageProblems } from "./database.js";

const shards = (...ranges: [first: number, last: number][]) => ({
  databaseShardIds: ranges.map((_, i) => `shard-${i + 1}`),
  databaseShardFirstBucket: ranges.map(([first]) => first),
  databaseShardLastBucket: ranges.map(([, last]) => last),
});

const RULE = "(shard i holds buckets databaseShardFirstBucket[i] to databaseShardLastBucket[i], and together they must cover 0-99 once)";

describe("shardBucketCoverageProblems", () => {
  it("accepts one shard holding every bucket, or several that cover 0-99 once", () => {
    expect(shardBucketCoverageProblems(shards([0, 99]))).toEqual([]);
    expect(shardBucketCoverageProblems(shards([0, 33], [34, 66], [67, 99]))).toEqual([]);
  });

  it("names the buckets of a gap, and the shards and buckets of an overlap", () => {
    expect(shardBucketCoverageProblems(shards([0, 33], [40, 99]))).toEqual([{ key: "databaseShardFirstBucket", message: `buckets 34-39 belong to no shard ${RULE}` }]);
    expect(shardBucketCoverageProblems(shards([0, 50], [40, 99]))).toEqual([
      { key: "databaseShardFirstBucket", message: `buckets 40-50 are claimed by "shard-1" and "shard-2" ${RULE}` },
    ]);
  });

  it("rejects a shard whose range runs backwards", () => {
    expect(shardBucketCoverageProblems(shards([0, 50], [51, 20], [21, 99]))[0]?.message).toContain('shard "shard-2" covers 51-20: expected whole numbers with 0 ≤ firstBucket ≤ lastBucket ≤ 99');
  });

  it("requires the shards to reach bucket 99", () => {
    expect(shardBucketCoverageProblems(shards([0, 33], [34, 66]))).toEqual([{ key: "databaseShardFirstBucket", message: `buckets 67-99 belong to no shard ${RULE}` }]);
  });
});
