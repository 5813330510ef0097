import { bucketCoverageProblems, LAST_BUCKET } from "@francaisfluide/app/config";
import { z } from "zod";
import { AURORA_MAX_REPLICAS, RDS_MAX_STORAGE_GB } from "../../components/database/sizing.js";
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
  return [
    ...perShardListProblems(keys),
    ...shardRegionProblems(keys),
    ...shardBucketCoverageProblems(keys),
    ...shardIdProblems(keys),
    ...engineTopologyProblems(keys),
    ...readerProblems(keys),
    ...instanceClassProblems(keys),
    ...storageProblems(keys),
  ];
}

/** The RDS identifier limit (63) less the longest part the component adds around a shard id (project, phase, region, instance). */
export const MAX_SHARD_ID_LENGTH = 16;
/** gp3 storage of RDS for PostgreSQL, in GB. */
export const RDS_STORAGE_GB = { min: 20, max: RDS_MAX_STORAGE_GB } as const;

const SINGLE_SHARD_ENGINES = { "rds-postgres": "one RDS instance holds every user", "aurora-global": "one global database holds every user, replicated to every region" } as const;

/**
 * Shard ids name RDS resources: letters, digits and single hyphens, no trailing hyphen. (A repeated id is the
 * app's coverage rule's to report, above.)
 */
function shardIdProblems(keys: DatabaseKeys): Problem<"databaseShardIds">[] {
  return keys.databaseShardIds
    .filter((id) => id.length > MAX_SHARD_ID_LENGTH || id.includes("--") || id.endsWith("-"))
    .map((id) => ({
      key: "databaseShardIds",
      message: `"${id}" cannot name RDS resources: expected at most ${MAX_SHARD_ID_LENGTH} characters, no "--" and no trailing "-"`,
    }));
}

function engineTopologyProblems(keys: DatabaseKeys & Pick<NetworkKeys, "regions">): Problem<keyof DatabaseKeys>[] {
  const problems: Problem<keyof DatabaseKeys>[] = [];
  const engine = keys.databaseEngine;
  if ((engine === "rds-postgres" || engine === "aurora-global") && keys.databaseShardIds.length !== 1) {
    problems.push({
      key: "databaseShardIds",
      message: `must list exactly one shard with databaseEngine ${engine} (${SINGLE_SHARD_ENGINES[engine]}), found ${keys.databaseShardIds.length}: ${keys.databaseShardIds.join(", ")}`,
    });
  }
  if (engine === "aurora-global") {
    if (keys.regions.length < 2) {
      problems.push({ key: "databaseEngine", message: `aurora-global needs at least two regions (a primary and a secondary), but regions lists ${keys.regions.length}: ${keys.regions.join(", ")}` });
    }
    const primary = keys.regions[0];
    const misplaced = keys.databaseShardRegions.filter((region) => region !== primary);
    if (misplaced.length > 0) {
      problems.push({ key: "databaseShardRegions", message: `must be the phase's first region (${primary}) with databaseEngine aurora-global: the global database's primary sits there, found ${misplaced.join(", ")}` });
    }
  }
  return problems;
}

function readerProblems(keys: DatabaseKeys & Pick<NetworkKeys, "regions">): Problem<keyof DatabaseKeys>[] {
  const readers = keys.databaseReadersPerCluster;
  if (keys.databaseEngine === "rds-postgres") {
    return readers === 0
      ? []
      : [{ key: "databaseReadersPerCluster", message: `must be 0 with databaseEngine rds-postgres (its Multi-AZ standby is the failover, and it serves no reads), found ${readers}` }];
  }
  const problems: Problem<keyof DatabaseKeys>[] = [];
  const limit = keys.databaseEngine === "aurora-global" ? AURORA_MAX_REPLICAS - Math.max(0, keys.regions.length - 1) : AURORA_MAX_REPLICAS;
  if (readers > limit) problems.push({ key: "databaseReadersPerCluster", message: `must be at most ${limit} with databaseEngine ${keys.databaseEngine} (Aurora's replica limit), found ${readers}` });
  // On Aurora, a second zone means a reader there to fail over to: the two keys must tell the same story.
  if (keys.databaseMultiAz !== readers > 0) {
    problems.push({
      key: "databaseMultiAz",
      message: `must be ${readers > 0} with databaseEngine ${keys.databaseEngine} and databaseReadersPerCluster ${readers}: an Aurora cluster is Multi-AZ exactly when it has a reader in another zone, found ${keys.databaseMultiAz}`,
    });
  }
  return problems;
}

/**
 * Aurora PostgreSQL runs on no micro or small class, and a global database wants memory-optimised ones (db.r5 and
 * later, db.x2): what the deployment would otherwise refuse after creating half the phase.
 */
function instanceClassProblems(keys: DatabaseKeys): Problem<"databaseInstanceClass">[] {
  const instanceClass = keys.databaseInstanceClass;
  const size = instanceClass.split(".")[2] ?? "";
  if (keys.databaseEngine !== "rds-postgres" && ["micro", "small"].includes(size)) {
    return [{ key: "databaseInstanceClass", message: `${instanceClass} is too small for Aurora PostgreSQL: expected db.t4g.medium or larger with databaseEngine ${keys.databaseEngine}` }];
  }
  if (keys.databaseEngine === "aurora-global" && !/^db\.(r([5-9]|\d{2})|x\d)[a-z0-9]*\./.test(instanceClass)) {
    return [{ key: "databaseInstanceClass", message: `${instanceClass} is not memory-optimised: an Aurora global database needs a db.r5-or-later or db.x2 class, such as db.r6g.large` }];
  }
  return [];
}

function storageProblems(keys: DatabaseKeys): Problem<"databaseStorageGb">[] {
  const storage = keys.databaseStorageGb;
  if (keys.databaseEngine !== "rds-postgres" || (storage >= RDS_STORAGE_GB.min && storage <= RDS_STORAGE_GB.max)) return [];
  return [{ key: "databaseStorageGb", message: `must be from ${RDS_STORAGE_GB.min} to ${RDS_STORAGE_GB.max} GB for gp3 storage with databaseEngine rds-postgres, found ${storage}` }];
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
