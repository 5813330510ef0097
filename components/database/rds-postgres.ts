import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { databaseLogGroups } from "./logs.js";
import { POSTGRES_ENGINE, POSTGRES_PORT, storageAutoscalingCeilingGb } from "./sizing.js";
import { DATABASE_NAME, MASTER_USERNAME, type BuildContext, type DatabaseShardSpec, type EngineResult } from "./types.js";

/** Days of Performance Insights history: the free tier. */
export const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

/**
 * The parameters every PostgreSQL of the phase sets, RDS or Aurora: slow statements logged, connections
 * bounded by what the app's pools can open, TLS required. `max_connections` is static: it takes effect at the
 * next reboot (at creation, straight away).
 */
export function postgresParameters(context: BuildContext): { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[] {
  return [
    { name: "log_min_duration_statement", value: String(context.args.slowQueryMs), applyMethod: "immediate" },
    { name: "max_connections", value: String(context.maxConnections), applyMethod: "pending-reboot" },
    { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
  ];
}

/** The master user's secret, created and rotated by RDS: the password is never in Pulumi's config or state. */
export function managedSecretArn(secrets: pulumi.Output<{ secretArn: string }[] | undefined>): pulumi.Output<string> {
  return secrets.apply((list) => list?.[0]?.secretArn ?? "");
}

/** Phases 1 and 2: one RDS for PostgreSQL instance (Multi-AZ when the stack says so: its standby is the failover). */
export function buildRdsPostgres(context: BuildContext, shard: DatabaseShardSpec): EngineResult {
  const { args, name } = context;
  const base = context.base(shard.region);
  const prefix = `${name}-${shard.id}`;
  const identifier = context.identifier(shard.id);

  const parameterGroup = new aws.rds.ParameterGroup(`${prefix}-params`, {
    family: POSTGRES_ENGINE.rdsParameterFamily,
    description: `${identifier}: slow-query log, connection limit, TLS only`,
    parameters: postgresParameters(context),
    tags: context.tags(`${shard.id}-params`),
  }, base.opts);

  const logExports = ["postgresql", "upgrade"];
  const logGroups = databaseLogGroups(context, shard.region, "instance", identifier, logExports);

  const instance = new aws.rds.Instance(prefix, {
    identifier,
    engine: "postgres",
    engineVersion: POSTGRES_ENGINE.rdsVersion,
    instanceClass: args.instanceClass,
    dbName: DATABASE_NAME,
    username: MASTER_USERNAME,
    port: POSTGRES_PORT,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: base.key.arn,
    iamDatabaseAuthenticationEnabled: true,

    storageType: "gp3",
    allocatedStorage: args.storageGb,
    maxAllocatedStorage: storageAutoscalingCeilingGb(args.storageGb),
    storageEncrypted: true,
    kmsKeyId: base.key.arn,

    multiAz: args.multiAz,
    dbSubnetGroupName: base.subnetGroup.name,
    vpcSecurityGroupIds: [base.securityGroup.id],
    publiclyAccessible: false,
    parameterGroupName: parameterGroup.name,

    backupRetentionPeriod: args.backupRetentionDays,
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: false,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: `${identifier}-final`,

    autoMinorVersionUpgrade: true,
    allowMajorVersionUpgrade: false,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: base.key.arn,
    performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
    enabledCloudwatchLogsExports: logExports,
    tags: context.tags(shard.id),
  }, { ...base.opts, dependsOn: logGroups });

  return {
    shard: {
      id: shard.id,
      region: shard.region,
      writerEndpoint: instance.address,
      // No readers: reads go to the writer, whose Multi-AZ standby serves none.
      readerEndpoint: instance.address,
      port: instance.port,
      databaseName: DATABASE_NAME,
      masterUsername: MASTER_USERNAME,
      masterUserSecretArn: managedSecretArn(instance.masterUserSecrets),
      firstBucket: shard.firstBucket,
      lastBucket: shard.lastBucket,
      regionalReaderEndpoints: { [shard.region]: instance.address },
    },
    backupTargets: [{ region: shard.region, arn: instance.arn }],
    metricTargets: [{ kind: "rds-instance", region: shard.region, shardId: shard.id, instanceIdentifier: instance.identifier }],
  };
}
