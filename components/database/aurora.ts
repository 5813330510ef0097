import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { databaseLogGroups } from "./logs.js";
import { managedSecretArn, PERFORMANCE_INSIGHTS_RETENTION_DAYS } from "./rds-postgres.js";
import { instanceZones, POSTGRES_ENGINE, POSTGRES_PORT, READER_CPU_TARGET_PERCENT, readerAutoscalingBounds } from "./sizing.js";
import { DATABASE_NAME, MASTER_USERNAME, type BuildContext, type DatabaseMetricTarget, type DatabaseShardSpec, type EngineResult } from "./types.js";

const AURORA_ENGINE = "aurora-postgresql";

interface RegionParameterGroups {
  cluster: aws.rds.ClusterParameterGroup;
  instance: aws.rds.ParameterGroup;
}

const parameterGroupsByContext = new WeakMap<BuildContext, Map<string, RegionParameterGroups>>();

/**
 * One pair of parameter groups per region (they are regional): the cluster's logs slow statements and requires
 * TLS, the instances' bound the connections to what the app's pools can open (static: applied at creation, then
 * at a reboot).
 */
function parameterGroups(context: BuildContext, region: string): RegionParameterGroups {
  const byRegion = parameterGroupsByContext.get(context) ?? new Map<string, RegionParameterGroups>();
  parameterGroupsByContext.set(context, byRegion);
  const existing = byRegion.get(region);
  if (existing) return existing;
  const base = context.base(region);
  const prefix = `${context.name}-${region}`;
  const groups = {
    cluster: new aws.rds.ClusterParameterGroup(`${prefix}-cluster-params`, {
      family: POSTGRES_ENGINE.auroraParameterFamily,
      description: `${context.identifier("database", region)}: slow-query log, TLS only`,
      parameters: [
        { name: "log_min_duration_statement", value: String(context.args.slowQueryMs), applyMethod: "immediate" },
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
      ],
      tags: context.tags(`database-${region}-cluster-params`),
    }, base.opts),
    instance: new aws.rds.ParameterGroup(`${prefix}-instance-params`, {
      family: POSTGRES_ENGINE.auroraParameterFamily,
      description: `${context.identifier("database", region)}: connection limit`,
      parameters: [{ name: "max_connections", value: String(context.maxConnections), applyMethod: "pending-reboot" }],
      tags: context.tags(`database-${region}-instance-params`),
    }, base.opts),
  };
  byRegion.set(region, groups);
  return groups;
}

type ClusterRole =
  | { kind: "standalone" }
  | { kind: "global-primary"; globalCluster: aws.rds.GlobalCluster; masterPassword: pulumi.Output<string>; secondaryRegions: number }
  | { kind: "global-secondary"; globalCluster: aws.rds.GlobalCluster; dependsOn: pulumi.Resource[] };

interface BuiltCluster {
  cluster: aws.rds.Cluster;
  instances: aws.rds.ClusterInstance[];
}

/**
 * One Aurora PostgreSQL cluster in `region`: encrypted with the region's key, on its private subnets behind its
 * database group, with point-in-time recovery over the stack's backup retention. (Backtrack, Aurora's rewind in
 * place, exists for Aurora MySQL only; here a bad change is undone by a point-in-time restore to a new cluster.)
 * Its instances: a writer and the stack's readers, spread over the other zones, so that a reader can take over
 * when the writer's zone fails. A global secondary has no writer until it is promoted: the same shape, all readers.
 */
function buildCluster(context: BuildContext, resourceName: string, identifier: string, region: string, role: ClusterRole): BuiltCluster {
  const { args } = context;
  const base = context.base(region);
  const groups = parameterGroups(context, region);
  const primary = role.kind !== "global-secondary";
  const tagName = (suffix = "") => `${identifier.slice(`${args.tags.project}-${args.tags.phase}-`.length)}${suffix}`;

  const logExports = ["postgresql"];
  const logGroups = databaseLogGroups(context, region, "cluster", identifier, logExports);

  const cluster = new aws.rds.Cluster(resourceName, {
    clusterIdentifier: identifier,
    engine: AURORA_ENGINE,
    engineMode: "provisioned",
    engineVersion: role.kind === "standalone" ? POSTGRES_ENGINE.auroraVersion : role.globalCluster.engineVersion,
    ...(role.kind === "standalone" || role.kind === "global-primary" ? { databaseName: DATABASE_NAME, masterUsername: MASTER_USERNAME } : {}),
    // RDS manages the master password of a standalone cluster; it cannot for a cluster in a global database
    // (Aurora's documented limitation), whose primary takes a generated one, write-only (see buildAuroraGlobal).
    // A secondary takes no credentials at all: it replicates the primary's users.
    ...(role.kind === "standalone" ? { manageMasterUserPassword: true, masterUserSecretKmsKeyId: base.key.arn } : {}),
    ...(role.kind === "global-primary" ? { masterPasswordWo: role.masterPassword, masterPasswordWoVersion: 1 } : {}),
    ...(role.kind === "standalone" ? {} : { globalClusterIdentifier: role.globalCluster.id }),
    port: POSTGRES_PORT,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: base.key.arn,
    dbSubnetGroupName: base.subnetGroup.name,
    vpcSecurityGroupIds: [base.securityGroup.id],
    dbClusterParameterGroupName: groups.cluster.name,
    backupRetentionPeriod: args.backupRetentionDays,
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: false,
    deletionProtection: true,
    // A secondary is a read-only copy of the primary, whose backups and final snapshot cover it (the provider's
    // global-database example skips it there too).
    skipFinalSnapshot: !primary,
    ...(primary ? { finalSnapshotIdentifier: `${identifier}-final` } : {}),
    enabledCloudwatchLogsExports: logExports,
    tags: context.tags(tagName()),
  }, {
    ...base.opts,
    // Minor versions move in the maintenance window (and a global database's with its global cluster), and RDS
    // picks the cluster's zones itself: neither is a change to undo. A major upgrade is a deliberate edit here.
    ignoreChanges: ["engineVersion", "availabilityZones", ...(role.kind === "global-secondary" ? ["replicationSourceIdentifier"] : [])],
    dependsOn: [...logGroups, ...(role.kind === "global-secondary" ? role.dependsOn : [])],
  });

  const zones = instanceZones(base.spec.availabilityZones, args.readersPerCluster);
  const instance = (suffix: string, zone: string, promotionTier: number, dependsOn: pulumi.Resource[]) =>
    new aws.rds.ClusterInstance(`${resourceName}-${suffix}`, {
      identifier: `${identifier}-${suffix}`,
      clusterIdentifier: cluster.id,
      engine: AURORA_ENGINE,
      instanceClass: args.instanceClass,
      availabilityZone: zone,
      dbSubnetGroupName: base.subnetGroup.name,
      dbParameterGroupName: groups.instance.name,
      publiclyAccessible: false,
      promotionTier,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: base.key.arn,
      performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
      tags: context.tags(tagName(`-${suffix}`)),
    }, { ...base.opts, dependsOn });

  // The first instance of a cluster becomes its writer: the readers wait for it.
  const writer = instance(primary ? "writer" : "replica-0", zones.writer, 0, []);
  const readers = zones.readers.map((zone, i) => instance(primary ? `reader-${i + 1}` : `replica-${i + 1}`, zone, 1, [writer]));

  if (role.kind !== "global-secondary" && args.readersPerCluster > 0) {
    const bounds = readerAutoscalingBounds(args.readersPerCluster, role.kind === "global-primary" ? role.secondaryRegions : 0);
    const target = new aws.appautoscaling.Target(`${resourceName}-readers`, {
      serviceNamespace: "rds",
      scalableDimension: "rds:cluster:ReadReplicaCount",
      resourceId: pulumi.interpolate`cluster:${cluster.clusterIdentifier}`,
      minCapacity: bounds.min,
      maxCapacity: bounds.max,
      tags: context.tags(tagName("-readers")),
    }, { ...base.opts, dependsOn: readers });
    new aws.appautoscaling.Policy(`${resourceName}-reader-cpu`, {
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
        targetValue: READER_CPU_TARGET_PERCENT,
        // A new reader takes minutes to start: do not add another before it serves, nor remove one at the first lull.
        scaleOutCooldown: 300,
        scaleInCooldown: 900,
      },
    }, base.opts);
  }

  return { cluster, instances: [writer, ...readers] };
}

function clusterMetricTarget(shard: DatabaseShardSpec, region: string, cluster: aws.rds.Cluster, globalSecondary: boolean, readersPerCluster: number): DatabaseMetricTarget {
  const roles: ("WRITER" | "READER")[] = globalSecondary ? ["READER"] : readersPerCluster > 0 ? ["WRITER", "READER"] : ["WRITER"];
  return { kind: "aurora-cluster", region, shardId: shard.id, clusterIdentifier: cluster.clusterIdentifier, roles, globalSecondary };
}

/** Phase 3: one Aurora cluster per shard, in the shard's region. */
export function buildAuroraPostgres(context: BuildContext, shard: DatabaseShardSpec): EngineResult {
  const { cluster } = buildCluster(context, `${context.name}-${shard.id}`, context.identifier(shard.id), shard.region, { kind: "standalone" });
  return {
    shard: {
      id: shard.id,
      region: shard.region,
      writerEndpoint: cluster.endpoint,
      readerEndpoint: cluster.readerEndpoint,
      port: cluster.port,
      databaseName: DATABASE_NAME,
      masterUsername: MASTER_USERNAME,
      masterUserSecretArn: managedSecretArn(cluster.masterUserSecrets),
      firstBucket: shard.firstBucket,
      lastBucket: shard.lastBucket,
      regionalReaderEndpoints: { [shard.region]: cluster.readerEndpoint },
    },
    backupTargets: [{ region: shard.region, arn: cluster.arn }],
    metricTargets: [clusterMetricTarget(shard, shard.region, cluster, false, context.args.readersPerCluster)],
  };
}

/**
 * Phase 4: one Aurora global database. Its primary cluster is in the shard's region (the phase's first, as the
 * stack validation requires) and a secondary in every other region of the phase, each with its own instances and
 * its own region's key, so reads stay in the region and any secondary can be promoted.
 *
 * Credentials: Aurora cannot manage the master password of a cluster in a global database, so the component
 * generates one, hands it to the primary write-only (never in the cluster's state outputs) and stores it in a
 * Secrets Manager secret encrypted with the primary region's key and replicated to every secondary region with
 * theirs, in RDS's own `{"username", "password"}` shape, so the app reads it as it reads a managed one. Pulumi
 * keeps the generated value encrypted as a secret in its state; rotating it (Secrets Manager's PostgreSQL
 * single-user rotation function) leaves that copy stale.
 */
export function buildAuroraGlobal(context: BuildContext, shard: DatabaseShardSpec): EngineResult {
  const { args, name } = context;
  const prefix = `${name}-${shard.id}`;
  const primaryBase = context.base(shard.region);
  const secondaryRegions = args.regions.map((spec) => spec.region).filter((region) => region !== shard.region);
  const identifier = context.identifier(shard.id);

  const globalCluster = new aws.rds.GlobalCluster(prefix, {
    globalClusterIdentifier: identifier,
    engine: AURORA_ENGINE,
    engineVersion: POSTGRES_ENGINE.auroraVersion,
    databaseName: DATABASE_NAME,
    storageEncrypted: true,
    deletionProtection: true,
    tags: context.tags(shard.id),
  }, { ...primaryBase.opts, ignoreChanges: ["engineVersion"] }); // as on the clusters: minors move by themselves

  const password = new random.RandomPassword(`${prefix}-master-password`, {
    length: 40,
    // RDS refuses "/", "@", '"' and spaces in a master password; letters and digits are enough at this length.
    special: false,
  }, { parent: context.parent });
  const secret = new aws.secretsmanager.Secret(`${prefix}-master-secret`, {
    description: `${identifier}: master user of the global database`,
    kmsKeyId: primaryBase.key.arn,
    replicas: secondaryRegions.map((region) => ({ region, kmsKeyId: context.base(region).key.arn })),
    recoveryWindowInDays: 30,
    tags: context.tags(`${shard.id}-master-secret`),
  }, primaryBase.opts);
  new aws.secretsmanager.SecretVersion(`${prefix}-master-secret-value`, {
    secretId: secret.id,
    // RDS's own keys (username, password), and those Secrets Manager's PostgreSQL rotation function reads.
    secretStringWo: pulumi.jsonStringify({
      engine: "postgres",
      host: globalCluster.endpoint,
      port: POSTGRES_PORT,
      dbname: DATABASE_NAME,
      username: MASTER_USERNAME,
      password: password.result,
    }),
    secretStringWoVersion: 1,
  }, primaryBase.opts);

  const primary = buildCluster(context, `${prefix}-${shard.region}`, `${identifier}-${shard.region}`, shard.region, {
    kind: "global-primary",
    globalCluster,
    masterPassword: password.result,
    secondaryRegions: secondaryRegions.length,
  });
  const secondaries = secondaryRegions.map((region) => ({
    region,
    ...buildCluster(context, `${prefix}-${region}`, `${identifier}-${region}`, region, {
      kind: "global-secondary",
      globalCluster,
      dependsOn: primary.instances,
    }),
  }));

  return {
    shard: {
      id: shard.id,
      region: shard.region,
      // The global writer endpoint follows the writer through a switchover or failover to another region.
      writerEndpoint: globalCluster.endpoint,
      readerEndpoint: primary.cluster.readerEndpoint,
      port: primary.cluster.port,
      databaseName: DATABASE_NAME,
      masterUsername: MASTER_USERNAME,
      masterUserSecretArn: secret.arn,
      firstBucket: shard.firstBucket,
      lastBucket: shard.lastBucket,
      regionalReaderEndpoints: Object.fromEntries([
        [shard.region, primary.cluster.readerEndpoint],
        ...secondaries.map(({ region, cluster }) => [region, cluster.readerEndpoint] as const),
      ]),
    },
    backupTargets: [
      { region: shard.region, arn: primary.cluster.arn },
      ...secondaries.map(({ region, cluster }) => ({ region, arn: cluster.arn })),
    ],
    metricTargets: [
      clusterMetricTarget(shard, shard.region, primary.cluster, false, args.readersPerCluster),
      ...secondaries.map(({ region, cluster }) => clusterMetricTarget(shard, region, cluster, true, args.readersPerCluster)),
    ],
  };
}
