import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type CacheKeys, cacheProblems } from "./cache.js";
import { PhaseConfigError, parsePhaseConfig } from "./index.js";
import { projectKeysOf, stackFilePath } from "./load.js";

const cache = (keys: Partial<CacheKeys> & { regions?: string[] }) =>
  cacheProblems({
    cacheTopology: "replication-group",
    cacheNodeType: "cache.r6g.large",
    cacheShardCount: 1,
    cacheReplicasPerShard: 1,
    regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
    ...keys,
  });

describe("cacheProblems", () => {
  it("accepts the four phases' shapes", () => {
    expect(cache({ cacheTopology: "single-node", cacheReplicasPerShard: 0, regions: ["us-east-1"] })).toEqual([]);
    expect(cache({ cacheTopology: "replication-group", regions: ["us-east-1"] })).toEqual([]);
    expect(cache({ cacheTopology: "cluster", cacheShardCount: 2, cacheNodeType: "cache.t4g.small" })).toEqual([]);
    expect(cache({ cacheTopology: "global-datastore", cacheShardCount: 2 })).toEqual([]);
  });

  it("calls cluster mode with one shard a replication group, for cluster and global-datastore alike", () => {
    const message = "cluster mode with one shard is a replication group: use replication-group or raise cacheShardCount";
    expect(cache({ cacheTopology: "cluster", cacheShardCount: 1 })).toEqual([{ key: "cacheShardCount", message }]);
    expect(cache({ cacheTopology: "global-datastore", cacheShardCount: 1 })).toEqual([{ key: "cacheShardCount", message }]);
  });

  it("keeps one shard outside cluster mode and no replica on a single node", () => {
    expect(cache({ cacheTopology: "replication-group", cacheShardCount: 2 })).toEqual([
      { key: "cacheShardCount", message: "must be 1 with cacheTopology replication-group (only cluster mode shards), found 2" },
    ]);
    expect(cache({ cacheTopology: "single-node", cacheReplicasPerShard: 1 })).toEqual([
      { key: "cacheReplicasPerShard", message: "must be 0 with cacheTopology single-node, found 1" },
    ]);
  });

  it("requires a replica in a replication group", () => {
    expect(cache({ cacheTopology: "replication-group", cacheReplicasPerShard: 0 })).toEqual([
      { key: "cacheReplicasPerShard", message: "must be at least 1 with cacheTopology replication-group (automatic failover promotes a replica): use single-node for none, found 0" },
    ]);
  });

  it("spreads a global datastore over two or three regions, on a node type that can join one", () => {
    expect(cache({ cacheTopology: "global-datastore", cacheShardCount: 2, regions: ["us-east-1"] })).toEqual([
      { key: "cacheTopology", message: "global-datastore needs at least two regions (a primary and a secondary), found 1 (us-east-1)" },
    ]);
    expect(cache({ cacheTopology: "global-datastore", cacheShardCount: 2, regions: ["us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2"] })[0]?.message).toMatch(
      /^global-datastore spans at most three regions .* found 4 \(us-east-1, eu-west-1, ap-southeast-1, us-west-2\)$/,
    );
    expect(cache({ cacheTopology: "global-datastore", cacheShardCount: 2, cacheNodeType: "cache.t4g.small" })).toEqual([
      { key: "cacheNodeType", message: "cache.t4g.small cannot join a global datastore: expected an m5 or r5 node type or later, such as cache.r6g.large" },
    ]);
  });
});

describe("a stack file with a broken cache", () => {
  const raw = (stack: string) => projectKeysOf((parseYaml(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> }).config);
  it("is rejected with the full key name, beside the file", () => {
    let error: unknown;
    try {
      parsePhaseConfig("phase3", { ...raw("phase3"), cacheShardCount: 1 }, "Pulumi.phase3.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PhaseConfigError);
    expect((error as PhaseConfigError).problems).toEqual([
      "francaisfluide:cacheShardCount: cluster mode with one shard is a replication group: use replication-group or raise cacheShardCount",
    ]);
  });
});
