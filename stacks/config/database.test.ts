import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { databaseProblems, shardBucketCoverageProblems } from "./database.js";
import { parsePhaseConfig, stackConfigKeysSchema, type StackConfigKeys } from "./index.js";
import { projectKeysOf, stackFilePath } from "./load.js";

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

describe("databaseProblems", () => {
  const keysOf = (stack: string) => {
    const document = parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> };
    return stackConfigKeysSchema.parse(projectKeysOf(document.config));
  };
  const problemsOf = (stack: string, overrides: Partial<StackConfigKeys>) => databaseProblems({ ...keysOf(stack), ...overrides });
  const threeShards = { databaseShardIds: ["a", "b", "c"], databaseShardRegions: ["us-east-1", "us-east-1", "us-east-1"], databaseShardFirstBucket: [0, 34, 67], databaseShardLastBucket: [33, 66, 99] };

  it.each(["phase1", "phase2", "phase3", "phase4"])("accepts the database of %s", (stack) => {
    expect(problemsOf(stack, {})).toEqual([]);
  });

  it("gives rds-postgres and aurora-global exactly one shard", () => {
    expect(problemsOf("phase1", threeShards)).toContainEqual({
      key: "databaseShardIds",
      message: "must list exactly one shard with databaseEngine rds-postgres (one RDS instance holds every user), found 3: a, b, c",
    });
    expect(problemsOf("phase4", threeShards).map((p) => p.message)).toContainEqual(expect.stringContaining("must list exactly one shard with databaseEngine aurora-global"));
  });

  it("needs two regions for aurora-global, and its shard in the first", () => {
    expect(problemsOf("phase4", { regions: ["us-east-1"] })).toContainEqual({
      key: "databaseEngine",
      message: "aurora-global needs at least two regions (a primary and a secondary), but regions lists 1: us-east-1",
    });
    expect(problemsOf("phase4", { databaseShardRegions: ["eu-west-1"] })).toContainEqual({
      key: "databaseShardRegions",
      message: "must be the phase's first region (us-east-1) with databaseEngine aurora-global: the global database's primary sits there, found eu-west-1",
    });
  });

  it("refuses readers on rds-postgres, whose Multi-AZ standby is the failover", () => {
    expect(problemsOf("phase2", { databaseReadersPerCluster: 1 })).toEqual([
      { key: "databaseReadersPerCluster", message: "must be 0 with databaseEngine rds-postgres (its Multi-AZ standby is the failover, and it serves no reads), found 1" },
    ]);
  });

  it("makes Aurora's Multi-AZ agree with its readers", () => {
    expect(problemsOf("phase3", { databaseMultiAz: false })).toEqual([
      {
        key: "databaseMultiAz",
        message: "must be true with databaseEngine aurora-postgres and databaseReadersPerCluster 1: an Aurora cluster is Multi-AZ exactly when it has a reader in another zone, found false",
      },
    ]);
    expect(problemsOf("phase3", { databaseReadersPerCluster: 0 }).map((p) => p.key)).toEqual(["databaseMultiAz"]);
  });

  it("keeps readers within Aurora's replica limit, one less per secondary region of a global database", () => {
    expect(problemsOf("phase3", { databaseReadersPerCluster: 16 })).toContainEqual({ key: "databaseReadersPerCluster", message: "must be at most 15 with databaseEngine aurora-postgres (Aurora's replica limit), found 16" });
    expect(problemsOf("phase4", { databaseReadersPerCluster: 14 })).toContainEqual({ key: "databaseReadersPerCluster", message: "must be at most 13 with databaseEngine aurora-global (Aurora's replica limit), found 14" });
  });

  it("refuses instance classes Aurora or a global database cannot run", () => {
    expect(problemsOf("phase3", { databaseInstanceClass: "db.t4g.micro" })).toEqual([
      { key: "databaseInstanceClass", message: "db.t4g.micro is too small for Aurora PostgreSQL: expected db.t4g.medium or larger with databaseEngine aurora-postgres" },
    ]);
    expect(problemsOf("phase4", { databaseInstanceClass: "db.t4g.large" })).toEqual([
      { key: "databaseInstanceClass", message: "db.t4g.large is not memory-optimised: an Aurora global database needs a db.r5-or-later or db.x2 class, such as db.r6g.large" },
    ]);
    for (const ok of ["db.r5.large", "db.r6g.xlarge", "db.r7i.2xlarge", "db.x2g.large"]) expect(problemsOf("phase4", { databaseInstanceClass: ok }), ok).toEqual([]);
    expect(problemsOf("phase4", { databaseInstanceClass: "db.r4.large" }).map((p) => p.key)).toEqual(["databaseInstanceClass"]);
  });

  it("keeps RDS storage within gp3's bounds", () => {
    expect(problemsOf("phase1", { databaseStorageGb: 10 })).toEqual([{ key: "databaseStorageGb", message: "must be from 20 to 65536 GB for gp3 storage with databaseEngine rds-postgres, found 10" }]);
    expect(problemsOf("phase3", { databaseStorageGb: 10 })).toEqual([]);
  });

  it("refuses a shard id twice, or one that cannot name RDS resources", () => {
    const ids = (databaseShardIds: string[]) => ({ ...threeShards, databaseShardIds });
    expect(problemsOf("phase3", { ...ids(["a", "a", "c"]), databaseShardRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"] }).map((p) => p.message)).toEqual([
      expect.stringContaining('shard id "a" appears twice'),
    ]);
    const bad = problemsOf("phase3", { ...ids(["a-", "b--c", "a-very-long-shard-id"]), databaseShardRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"] });
    expect(bad.map((p) => p.message.split(" cannot")[0])).toEqual(['"a-"', '"b--c"', '"a-very-long-shard-id"']);
  });

  it("reports the problems through the stack file's keys", () => {
    expect(() => parsePhaseConfig("phase1", { ...projectKeysOf((parseYaml(readFileSync(stackFilePath("phase1"), "utf8")) as { config: Record<string, unknown> }).config), databaseReadersPerCluster: 2 }, "Pulumi.phase1.yaml")).toThrow(
      "francaisfluide:databaseReadersPerCluster: must be 0 with databaseEngine rds-postgres",
    );
  });
});
