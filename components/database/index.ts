import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SEED_DATABASE_POOL } from "@francaisfluide/app/config";
import { resourceTags } from "../tags.js";
import { buildAuroraGlobal, buildAuroraPostgres } from "./aurora.js";
import { buildRdsPostgres } from "./rds-postgres.js";
import { maxConnections, POSTGRES_PORT } from "./sizing.js";
import type { BackupTarget, BuildContext, DatabaseArgs, DatabaseEngine, DatabaseMetricTarget, DatabaseRegionSpec, DatabaseShardOutputs, RegionBase } from "./types.js";

export { databaseSettings, postgresUrl, type DatabaseSettings, type DatabaseSettingsOptions, type DatabaseShardInfo } from "./settings.js";
export * from "./sizing.js";
export * from "./types.js";

/**
 * The phase's PostgreSQL: one RDS instance, one Aurora cluster per shard in its region, or one Aurora global
 * database across every region. Encrypted with a customer-managed key per region, reachable from the app tier
 * only, on private subnets, with backups, deletion protection and a final snapshot everywhere.
 */
export class Database extends pulumi.ComponentResource {
  readonly engine: DatabaseEngine;
  readonly shards: DatabaseShardOutputs[];
  /** The database's security group in each region it occupies. */
  readonly securityGroupIds: Record<string, pulumi.Output<string>>;
  readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
  readonly backupTargets: BackupTarget[];
  readonly maxConnections: number;
  /** Every instance or cluster by its CloudWatch dimensions, for the monitoring. */
  readonly metricTargets: DatabaseMetricTarget[];

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("francaisfluide:database:Database", name, {}, opts);
    this.engine = args.engine;
    this.maxConnections = maxConnections({ poolMax: SEED_DATABASE_POOL.poolMax, maxAppInstances: args.maxAppInstances });

    const specs = new Map(args.regions.map((spec) => [spec.region, spec]));
    const bases = new Map<string, RegionBase>();
    const context: BuildContext = {
      name,
      args,
      parent: this,
      maxConnections: this.maxConnections,
      identifier: (...parts) => [args.tags.project, args.tags.phase, ...parts].join("-"),
      tags: (resourceName) => resourceTags(args.tags, "database", `${args.tags.project}-${args.tags.phase}-${resourceName}`),
      base: (region) => {
        const existing = bases.get(region);
        if (existing) return existing;
        const spec = specs.get(region);
        if (!spec) throw new Error(`The database needs region ${region}, which the network does not have (${[...specs.keys()].join(", ")})`);
        const created = this.regionBase(name, spec, context);
        bases.set(region, created);
        return created;
      },
    };

    const build = { "rds-postgres": buildRdsPostgres, "aurora-postgres": buildAuroraPostgres, "aurora-global": buildAuroraGlobal }[args.engine];
    const results = args.shards.map((shard) => build(context, shard));
    this.shards = results.map((result) => result.shard);
    this.backupTargets = results.flatMap((result) => result.backupTargets);
    this.metricTargets = results.flatMap((result) => result.metricTargets);
    this.securityGroupIds = Object.fromEntries([...bases].map(([region, base]) => [region, base.securityGroup.id]));
    this.kmsKeyArns = Object.fromEntries([...bases].map(([region, base]) => [region, base.key.arn]));

    this.registerOutputs({
      engine: this.engine,
      shards: this.shards,
      securityGroupIds: this.securityGroupIds,
      kmsKeyArns: this.kmsKeyArns,
      backupTargets: this.backupTargets,
      maxConnections: this.maxConnections,
      metricTargets: this.metricTargets,
    });
  }

  private regionBase(name: string, spec: DatabaseRegionSpec, context: BuildContext): RegionBase {
    const prefix = `${name}-${spec.region}`;
    const opts: pulumi.CustomResourceOptions = { parent: this, provider: spec.provider };
    const key = new aws.kms.Key(`${prefix}-key`, {
      description: `${context.identifier("database", spec.region)}: database storage, Performance Insights and master secret`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: context.tags(`database-${spec.region}-key`),
    }, opts);
    // No egress rule: a database opens no connection, and the provider removes the default allow-all rule.
    const securityGroup = new aws.ec2.SecurityGroup(`${prefix}-sg`, {
      vpcId: spec.vpcId,
      description: "PostgreSQL: the app containers only",
      tags: context.tags(`database-${spec.region}-sg`),
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${prefix}-from-backend`, {
      securityGroupId: securityGroup.id,
      ipProtocol: "tcp",
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: spec.backendSecurityGroupId,
      description: "PostgreSQL from the app containers",
      tags: context.tags(`database-${spec.region}-from-backend`),
    }, opts);
    const subnetGroup = new aws.rds.SubnetGroup(`${prefix}-subnets`, {
      description: "The private subnets of every zone",
      subnetIds: spec.privateSubnetIds,
      tags: context.tags(`database-${spec.region}-subnets`),
    }, opts);
    return { spec, key, securityGroup, subnetGroup, opts };
  }
}
