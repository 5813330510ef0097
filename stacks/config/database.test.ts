import { describe, expect, it } from "vitest";
import { shardBucketCoverageProblems } from "./database.js";

const shards = (...ranges: [first: number, last: number][]) => ({
  databaseShardIds: ranges.map((_, i) => `shard-${i + 1}`),
  databaseShardFirstBucket: ranges.map(([first]) => first),
  databaseShardLastBucket: ranges.map(([, last]) => last),
});

describe("shardBucketCoverageProblems", () => {
  it("accepts one shard holding every bucket, or several that follow each other up to 99", () => {
    expect(shardBucketCoverageProblems(shards([0, 99]))).toEqual([]);
    expect(shardBucketCoverageProblems(shards([0, 33], [34, 66], [67, 99]))).toEqual([]);
  });

  it("names the shard after a gap or an overlap, and where its range should start", () => {
    expect(shardBucketCoverageProblems(shards([0, 33], [40, 99]))).toEqual([
      {
        key: "databaseShardFirstBucket",
        message: "shard shard-2 covers buckets 40-99; shards must cover 0-99 in order without gaps or overlaps (expected a range starting at 34)",
      },
    ]);
    expect(shardBucketCoverageProblems(shards([0, 50], [40, 99]))[0]?.message).toContain("shard shard-2 covers buckets 40-99");
  });

  it("rejects a shard whose range runs backwards", () => {
    expect(shardBucketCoverageProblems(shards([0, 50], [51, 20], [21, 99]))[0]?.message).toContain("shard shard-2 covers buckets 51-20");
  });

  it("requires the last shard to end at bucket 99", () => {
    expect(shardBucketCoverageProblems(shards([0, 33], [34, 66]))).toEqual([{ key: "databaseShardLastBucket", message: "the last shard must end at bucket 99, found 66" }]);
  });
});
