import { z } from "zod";
import type { Problem } from "./errors.js";
import { count, positiveInt } from "./primitives.js";

export const cacheKeyShape = {
  cacheTopology: z.enum(["single-node", "replication-group", "cluster", "global-datastore"]),
  cacheNodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "expected an ElastiCache node type such as cache.t4g.micro"),
  cacheShardCount: positiveInt,
  cacheReplicasPerShard: count,
};

export type CacheKeys = z.output<z.ZodObject<typeof cacheKeyShape>>;

export interface CacheConfig {
  topology: "single-node" | "replication-group" | "cluster" | "global-datastore";
  nodeType: string;
  shardCount: number;
  replicasPerShard: number;
}

export function cacheProblems(keys: CacheKeys): Problem<keyof CacheKeys>[] {
  const problems: Problem<keyof CacheKeys>[] = [];
  const shards = keys.cacheTopology === "cluster" || keys.cacheTopology === "global-datastore";
  if (!shards && keys.cacheShardCount !== 1) {
    problems.push({ key: "cacheShardCount", message: `must be 1 with cacheTopology ${keys.cacheTopology} (only cluster mode shards), found ${keys.cacheShardCount}` });
  }
  if (keys.cacheTopology === "single-node" && keys.cacheReplicasPerShard !== 0) {
    problems.push({ key: "cacheReplicasPerShard", message: `must be 0 with cacheTopology single-node, found ${keys.cacheReplicasPerShard}` });
  }
  return problems;
}

export function nestCache(keys: CacheKeys): CacheConfig {
  return {
    topology: keys.cacheTopology,
    nodeType: keys.cacheNodeType,
    shardCount: keys.cacheShardCount,
    replicasPerShard: keys.cacheReplicasPerShard,
  };
}
