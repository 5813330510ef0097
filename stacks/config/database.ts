import { z } from "zod";
import type { Problem } from "./errors.js";
import type { NetworkKeys } from "./network.js";
import { awsRegion, count, positiveInt } from "./primitives.js";

const bucket = z.number().int().min(0).max(99);

export const databaseKeyShape = {
  databaseEngine: z.enum(["rds-postgres", "aurora-postgres", "aurora-global"]),
  databaseInstanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "expected an RDS instance class such as db.t4g.micro"),
  databaseStorageGb: positiveInt,
  databaseMultiAz: z.boolean(),
  databaseReadersPerCluster: count,
  databaseBackupRetentionDays: z.number().int().min(1).max(35),
  databaseShardIds: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, "expected a lower-case shard id")).min(1),
  databaseShardRegions: z.array(awsRegion).min(1),
  databaseShardFirstBucket: z.array(bucket).min(1),
  databaseShardLastBucket: z.array(bucket).min(1),
};

export type DatabaseKeys = z.output<z.ZodObject<typeof databaseKeyShape>>;

/** A shard holds the users whose bucket falls in its range, in its region. */
export interface DatabaseShard {
  id: string;
  region: string;
  firstBucket: number;
  lastBucket: number;
}

export interface DatabaseConfig {
  engine: "rds-postgres" | "aurora-postgres" | "aurora-global";
  instanceClass: string;
  storageGb: number;
  multiAz: boolean;
  readersPerCluster: number;
  backupRetentionDays: number;
  shards: DatabaseShard[];
}

const shardListKeys = ["databaseShardRegions", "databaseShardFirstBucket", "databaseShardLastBucket"] as const;

export function databaseProblems(keys: DatabaseKeys & Pick<NetworkKeys, "regions">): Problem<keyof DatabaseKeys>[] {
  return [...perShardListProblems(keys), ...shardRegionProblems(keys), ...shardBucketCoverageProblems(keys)];
}

function perShardListProblems(keys: DatabaseKeys): Problem<keyof DatabaseKeys>[] {
  const shardCount = keys.databaseShardIds.length;
  return shardListKeys
    .filter((key) => keys[key].length !== shardCount)
    .map((key) => ({ key, message: `needs one entry per shard (${shardCount}: ${keys.databaseShardIds.join(", ")}), found ${keys[key].length}` }));
}

function shardRegionProblems(keys: DatabaseKeys & Pick<NetworkKeys, "regions">): Problem<"databaseShardRegions">[] {
  return keys.databaseShardRegions
    .filter((region) => !keys.regions.includes(region))
    .map((region) => ({ key: "databaseShardRegions", message: `${region} is not one of the phase's regions (${keys.regions.join(", ")})` }));
}

/** Every user bucket, 0 to 99, belongs to exactly one shard, and the shards list them in order. */
export function shardBucketCoverageProblems(
  keys: Pick<DatabaseKeys, "databaseShardIds" | "databaseShardFirstBucket" | "databaseShardLastBucket">,
): Problem<"databaseShardFirstBucket" | "databaseShardLastBucket">[] {
  const problems: Problem<"databaseShardFirstBucket" | "databaseShardLastBucket">[] = [];
  let nextBucket = 0;
  keys.databaseShardFirstBucket.forEach((first, i) => {
    const last = keys.databaseShardLastBucket[i] ?? -1;
    if (first !== nextBucket || last < first) {
      problems.push({
        key: "databaseShardFirstBucket",
        message: `shard ${keys.databaseShardIds[i] ?? i} covers buckets ${first}-${last}; shards must cover 0-99 in order without gaps or overlaps (expected a range starting at ${nextBucket})`,
      });
    }
    nextBucket = last + 1;
  });
  if (nextBucket !== 100) problems.push({ key: "databaseShardLastBucket", message: `the last shard must end at bucket 99, found ${nextBucket - 1}` });
  return problems;
}

export function nestDatabase(keys: DatabaseKeys): DatabaseConfig {
  return {
    engine: keys.databaseEngine,
    instanceClass: keys.databaseInstanceClass,
    storageGb: keys.databaseStorageGb,
    multiAz: keys.databaseMultiAz,
    readersPerCluster: keys.databaseReadersPerCluster,
    backupRetentionDays: keys.databaseBackupRetentionDays,
    shards: keys.databaseShardIds.map((id, i) => ({
      id,
      region: keys.databaseShardRegions[i] as string,
      firstBucket: keys.databaseShardFirstBucket[i] as number,
      lastBucket: keys.databaseShardLastBucket[i] as number,
    })),
  };
}
