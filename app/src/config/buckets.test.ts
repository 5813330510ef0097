import { describe, expect, it } from "vitest";
import { bucketCoverageProblems } from "./buckets.js";

describe("bucketCoverageProblems", () => {
  it("accepts ranges covering 0-99 once, in any order", () => {
    expect(bucketCoverageProblems([{ id: "only", firstBucket: 0, lastBucket: 99 }])).toEqual([]);
    expect(
      bucketCoverageProblems([
        { id: "eu", firstBucket: 34, lastBucket: 66 },
        { id: "us", firstBucket: 0, lastBucket: 33 },
        { id: "ap", firstBucket: 67, lastBucket: 99 },
      ]),
    ).toEqual([]);
  });

  it("names every gap and overlap with its buckets and shards", () => {
    expect(
      bucketCoverageProblems([
        { id: "a", firstBucket: 0, lastBucket: 60 },
        { id: "b", firstBucket: 50, lastBucket: 89 },
      ]),
    ).toEqual(['buckets 50-60 are claimed by "a" and "b"', "buckets 90-99 belong to no shard"]);
    expect(bucketCoverageProblems([{ id: "a", firstBucket: 1, lastBucket: 99 }])).toEqual(["bucket 0 belongs to no shard"]);
  });

  it("rejects an empty map, a repeated id and impossible bounds", () => {
    expect(bucketCoverageProblems([])).toEqual(["no shard: expected at least one, covering buckets 0-99"]);
    expect(
      bucketCoverageProblems([
        { id: "a", firstBucket: 0, lastBucket: 49 },
        { id: "a", firstBucket: 50, lastBucket: 99 },
      ]),
    ).toEqual(['shard id "a" appears twice: shard ids must be unique']);
    expect(bucketCoverageProblems([{ id: "a", firstBucket: 10, lastBucket: 5 }, { id: "b", firstBucket: 0, lastBucket: 100 }])).toEqual([
      'shard "a" covers 10-5: expected whole numbers with 0 ≤ firstBucket ≤ lastBucket ≤ 99',
      'shard "b" covers 0-100: expected whole numbers with 0 ≤ firstBucket ≤ lastBucket ≤ 99',
      "buckets 0-99 belong to no shard",
    ]);
  });
});
