import { bucketCoverageProblems, LAST_BUCKET } from "@francaisfluide/app/config";
import { z } from "zod";
import type { Problem } from "./errors.js";
import type { NetworkKeys } from "./network.js";
import { awsRegion, count, positiveInt } from "./primitives.js";

const bucket = z.number().int().min(0).max(LAST_BUCKET);

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

/**
 * Every user bucket belongs to exactly one shard: the app's own rule (the one DATABASE_SHARDS and the shard
 * routing apply), so a stack that validates renders a shard map the app loads.
 */
export function shardBucketCoverageProblems(
  keys: Pick<DatabaseKeys, "databaseShardIds" | "databaseShardFirstBucket" | "databaseShardLastBucket">,
): Problem<"databaseShardFirstBucket">[] {
  const ranges = keys.databaseShardIds.map((id, i) => ({
    id,
    firstBucket: keys.databaseShardFirstBucket[i] ?? Number.NaN,
    lastBucket: keys.databaseShardLastBucket[i] ?? Number.NaN,
  }));
  return bucketCoverageProblems(ranges).map((problem) => ({
    key: "databaseShardFirstBucket",
    message: `${problem} (shard i holds buckets databaseShardFirstBucket[i] to databaseShardLastBucket[i], and together they must cover 0-${LAST_BUCKET} once)`,
  }));
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
