import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceTags, StackTags } from "../tags.js";
import type { DatabaseShardInfo } from "./settings.js";

export type DatabaseEngine = "rds-postgres" | "aurora-postgres" | "aurora-global";

/** What the database needs of one region's network. */
export interface DatabaseRegionSpec {
  region: string;
  provider: aws.Provider;
  vpcId: pulumi.Input<string>;
  /** The database lives in these subnets only: never a public one. */
  privateSubnetIds: pulumi.Input<string>[];
  /** The app tier's group: the only one the database admits. */
  backendSecurityGroupId: pulumi.Input<string>;
  availabilityZones: string[];
}

export interface DatabaseShardSpec {
  id: string;
  region: string;
  firstBucket: number;
  lastBucket: number;
}

export interface DatabaseArgs {
  engine: DatabaseEngine;
  instanceClass: string;
  /** RDS only: Aurora's storage grows on its own. */
  storageGb: number;
  /** RDS: a synchronous standby in another zone. Aurora: readers in other zones (validated to agree with readersPerCluster). */
  multiAz: boolean;
  readersPerCluster: number;
  backupRetentionDays: number;
  shards: DatabaseShardSpec[];
  /** Every region of the phase, the primary first: an aurora-global database has a cluster in each. */
  regions: DatabaseRegionSpec[];
  /** Most app instances that may hold connection pools to one database instance at once (all regions together). */
  maxAppInstances: number;
  /** Statements slower than this are logged (`log_min_duration_statement`). */
  slowQueryMs: number;
  tags: StackTags;
}

/** One shard as the component hands it on; `DatabaseShardInfo` is the same once resolved. */
export type DatabaseShardOutputs = {
  [K in keyof DatabaseShardInfo]: K extends "id" | "region" | "databaseName" | "masterUsername" | "firstBucket" | "lastBucket"
    ? DatabaseShardInfo[K]
    : K extends "regionalReaderEndpoints"
      ? Record<string, pulumi.Output<string>>
      : pulumi.Output<DatabaseShardInfo[K]>;
};

/** A database instance or cluster the disaster-recovery component backs up (it also finds them by the tag component=database). */
export interface BackupTarget {
  region: string;
  arn: pulumi.Output<string>;
}

/** The name of the database every shard holds, and of its master user. */
export const DATABASE_NAME = "francaisfluide";
export const MASTER_USERNAME = "francaisfluide_admin";

/** What each region the database occupies gets once: a key, a security group and a subnet group. */
export interface RegionBase {
  spec: DatabaseRegionSpec;
  /** Customer-managed, rotated yearly: storage, Performance Insights and the master secret in this region. */
  key: aws.kms.Key;
  securityGroup: aws.ec2.SecurityGroup;
  subnetGroup: aws.rds.SubnetGroup;
  opts: pulumi.CustomResourceOptions;
}

/** What the engine builders share. */
export interface BuildContext {
  name: string;
  args: DatabaseArgs;
  parent: pulumi.Resource;
  maxConnections: number;
  /** The RDS identifier of a shard's resource: project, phase, shard and the given parts. */
  identifier: (...parts: string[]) => string;
  tags: (resourceName: string) => ResourceTags;
  base: (region: string) => RegionBase;
}

/**
 * A database copy as CloudWatch publishes its metrics: an RDS instance by DBInstanceIdentifier, an Aurora cluster
 * by DBClusterIdentifier and Role, which also covers the readers that autoscaling adds.
 */
export type DatabaseMetricTarget =
  | { kind: "rds-instance"; region: string; shardId: string; instanceIdentifier: pulumi.Output<string> }
  | {
      kind: "aurora-cluster";
      region: string;
      shardId: string;
      clusterIdentifier: pulumi.Output<string>;
      /** The roles its instances hold: a global secondary has readers only. */
      roles: ("WRITER" | "READER")[];
      /** A global database's secondary, which reports AuroraGlobalDBReplicationLag. */
      globalSecondary: boolean;
    };

export interface EngineResult {
  shard: DatabaseShardOutputs;
  backupTargets: BackupTarget[];
  metricTargets: DatabaseMetricTarget[];
}
