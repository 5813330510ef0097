import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { learnerBucket, shardForBucket, shardForLearner, validateShardMap } from "./shard-routing.js";

const THREE_SHARDS = [
  { id: "shard-a", firstBucket: 0, lastBucket: 33 },
  { id: "shard-b", firstBucket: 34, lastBucket: 66 },
  { id: "shard-c", firstBucket: 67, lastBucket: 99 },
];

describe("learnerBucket", () => {
  it("is a fixed function of the id: these values must never change, or learners would lose their shard", () => {
    // sha256("00000000-0000-0000-0000-000000000000") starts with 0x12b9377c → 314128252 % 100 = 52
    expect(learnerBucket("00000000-0000-0000-0000-000000000000")).toBe(52);
    expect(learnerBucket("00000000-0000-0000-0000-000000000000")).toBe(learnerBucket("00000000-0000-0000-0000-000000000000"));
  });

  it("ignores case and surrounding spaces, as PostgreSQL does for uuids", () => {
    const id = "7C9E6679-7425-40DE-944B-E07FC1F90AE7";
    expect(learnerBucket(id)).toBe(learnerBucket(id.toLowerCase()));
    expect(learnerBucket(` ${id} `)).toBe(learnerBucket(id.toLowerCase()));
  });

  it("spreads random uuids over all 100 buckets, each shard of a 3-way map getting roughly its third", () => {
    const perShard = new Map<string, number>();
    const buckets = new Set<number>();
    const learners = 30_000;
    for (let index = 0; index < learners; index += 1) {
      const bucket = learnerBucket(randomUUID());
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThanOrEqual(99);
      buckets.add(bucket);
      const shard = shardForBucket(THREE_SHARDS, bucket).id;
      perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
    }
    expect(buckets.size).toBe(100);
    // Expected shares 34 %, 33 %, 33 %; 30 000 draws keep each within ±2 points far beyond any chance failure.
    expect((perShard.get("shard-a") ?? 0) / learners).toBeGreaterThan(0.32);
    expect((perShard.get("shard-a") ?? 0) / learners).toBeLessThan(0.36);
    expect((perShard.get("shard-b") ?? 0) / learners).toBeGreaterThan(0.31);
    expect((perShard.get("shard-c") ?? 0) / learners).toBeGreaterThan(0.31);
  });
});

describe("shardForBucket / shardForLearner", () => {
  it("uses inclusive bounds", () => {
    expect([0, 33, 34, 66, 67, 99].map((bucket) => shardForBucket(THREE_SHARDS, bucket).id)).toEqual([
      "shard-a",
      "shard-a",
      "shard-b",
      "shard-b",
      "shard-c",
      "shard-c",
    ]);
  });

  it("routes a learner through its bucket", () => {
    expect(shardForLearner(THREE_SHARDS, "00000000-0000-0000-0000-000000000000").id).toBe("shard-b");
  });
});

describe("validateShardMap", () => {
  it("accepts a complete map in any order and returns it sorted", () => {
    expect(validateShardMap([THREE_SHARDS[2]!, THREE_SHARDS[0]!, THREE_SHARDS[1]!]).map((shard) => shard.id)).toEqual([
      "shard-a",
      "shard-b",
      "shard-c",
    ]);
    expect(validateShardMap([{ id: "only", firstBucket: 0, lastBucket: 99 }])).toHaveLength(1);
  });

  it("names gaps, overlaps, bad bounds and duplicate ids", () => {
    expect(() => validateShardMap([])).toThrow(/Invalid shard map: no shard/);
    expect(() => validateShardMap([{ id: "a", firstBucket: 0, lastBucket: 49 }, { id: "b", firstBucket: 51, lastBucket: 99 }])).toThrow(
      /bucket 50 belongs to no shard/,
    );
    expect(() => validateShardMap([{ id: "a", firstBucket: 0, lastBucket: 50 }, { id: "b", firstBucket: 50, lastBucket: 99 }])).toThrow(
      /bucket 50 is claimed by "a" and "b"/,
    );
    expect(() => validateShardMap([{ id: "a", firstBucket: 0, lastBucket: 98 }])).toThrow(/bucket 99 belongs to no shard/);
    expect(() => validateShardMap([{ id: "a", firstBucket: 1, lastBucket: 99 }])).toThrow(/bucket 0 belongs to no shard/);
    expect(() => validateShardMap([{ id: "a", firstBucket: 0, lastBucket: 100 }])).toThrow(/shard "a" covers 0-100: expected whole numbers with 0 ≤ firstBucket ≤ lastBucket ≤ 99/);
    expect(() => validateShardMap([{ id: "a", firstBucket: 0, lastBucket: 49 }, { id: "a", firstBucket: 50, lastBucket: 99 }])).toThrow(
      /twice/,
    );
  });
});
