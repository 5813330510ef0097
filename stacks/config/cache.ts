import { z } from "zod";
import { cacheShapeProblems, type CacheShapeField, type CacheTopology } from "../../components/cache.js";
import type { Problem } from "./errors.js";
import type { NetworkKeys } from "./network.js";
import { count, positiveInt } from "./primitives.js";

export const cacheKeyShape = {
  cacheTopology: z.enum(["single-node", "replication-group", "cluster", "global-datastore"]),
  cacheNodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "expected an ElastiCache node type such as cache.t4g.micro"),
  cacheShardCount: positiveInt,
  cacheReplicasPerShard: count,
};

export type CacheKeys = z.output<z.ZodObject<typeof cacheKeyShape>>;

export interface CacheConfig {
  topology: CacheTopology;
  nodeType: string;
  shardCount: number;
  replicasPerShard: number;
}

const KEY_OF_FIELD: Record<CacheShapeField, keyof CacheKeys> = {
  topology: "cacheTopology",
  nodeType: "cacheNodeType",
  shardCount: "cacheShardCount",
  replicasPerShard: "cacheReplicasPerShard",
};

/** The cache component's own rules (components/cache.ts), on the stack file's keys. */
export function cacheProblems(keys: CacheKeys & Pick<NetworkKeys, "regions">): Problem<keyof CacheKeys>[] {
  const shape = { ...nestCache(keys), regions: keys.regions };
  return cacheShapeProblems(shape, (field) => KEY_OF_FIELD[field]).map(({ field, message }) => ({ key: KEY_OF_FIELD[field], message }));
}

export function nestCache(keys: CacheKeys): CacheConfig {
  return {
    topology: keys.cacheTopology,
    nodeType: keys.cacheNodeType,
    shardCount: keys.cacheShardCount,
    replicasPerShard: keys.cacheReplicasPerShard,
  };
}
