import { renderSettingsEnvironment, type RedisSetting, type SettingVariable } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { resourceTags, type StackTags } from "./tags.js";

export type CacheTopology = "single-node" | "replication-group" | "cluster" | "global-datastore";

/** How the app connects: one endpoint (`REDIS_URL`) or a cluster's configuration endpoint (`REDIS_CLUSTER_NODES`). */
export type CacheMode = RedisSetting["mode"];

/**
 * The engine, its pinned version and the parameter-group family that goes with it, in one place. Valkey is
 * the open-source (BSD) continuation of Redis OSS 7.2 that ioredis speaks unchanged, and ElastiCache bills
 * its nodes 20 % below Redis OSS ones, which matters most to the $50-100 phase; 8.0 is its current major
 * version and supports everything used here (AUTH with in-transit encryption, customer-managed keys at rest,
 * cluster mode, Global Datastore). The minor version is pinned: automatic minor upgrades move the patch level.
 */
export const CACHE_ENGINE = { engine: "valkey", version: "8.0", parameterGroupFamily: "valkey8" } as const;

/**
 * ElastiCache's AUTH rules: 16 to 128 printable characters, and of the special characters only these
 * (no "/", '"', "@" or space). 64 characters of that alphabet are well beyond guessing and below every limit.
 */
export const AUTH_TOKEN_RULES = { length: 64, specialCharacters: "!&#$^<>-" } as const;

/** What never varies by phase; a caller may still pass its own. */
export const CACHE_DEFAULTS = {
  port: 6379,
  /** Sunday 03:00-04:00 UTC: night in Europe and the Americas, the phases' busiest regions. */
  maintenanceWindow: "sun:03:00-sun:04:00",
  /** Daily, two hours clear of the maintenance window, as ElastiCache requires. */
  snapshotWindow: "01:00-02:00",
  /** A cache rebuilds from the database: one day of snapshots only spares a cold start after a loss. */
  snapshotRetentionDays: 1,
};

export function usesClusterMode(topology: CacheTopology): boolean {
  return topology === "cluster" || topology === "global-datastore";
}

export interface CacheShape {
  topology: CacheTopology;
  nodeType: string;
  shardCount: number;
  replicasPerShard: number;
  /** The phase's regions, primary first. */
  regions: string[];
}

export type CacheShapeField = "topology" | "nodeType" | "shardCount" | "replicasPerShard";

/** Global Datastore runs on m5, r5 and their successors only (ElastiCache's Global Datastore prerequisites). */
export function joinsGlobalDatastore(nodeType: string): boolean {
  const family = /^cache\.([mr])(\d+)[a-z]*\.[a-z0-9]+$/.exec(nodeType);
  return family !== null && Number(family[2]) >= 5;
}

/**
 * What makes a topology, its sizes and the phase's regions contradict each other. The stack config and the
 * component both apply these rules, each naming the fields its reader knows (`nameOf`).
 */
export function cacheShapeProblems(
  shape: CacheShape,
  nameOf: (field: CacheShapeField) => string = (field) => field,
): { field: CacheShapeField; message: string }[] {
  const problems: { field: CacheShapeField; message: string }[] = [];
  const topology = `${nameOf("topology")} ${shape.topology}`;
  if (usesClusterMode(shape.topology) && shape.shardCount === 1) {
    problems.push({ field: "shardCount", message: `cluster mode with one shard is a replication group: use replication-group or raise ${nameOf("shardCount")}` });
  }
  if (!usesClusterMode(shape.topology) && shape.shardCount !== 1) {
    problems.push({ field: "shardCount", message: `must be 1 with ${topology} (only cluster mode shards), found ${shape.shardCount}` });
  }
  if (shape.topology === "single-node" && shape.replicasPerShard !== 0) {
    problems.push({ field: "replicasPerShard", message: `must be 0 with ${topology}, found ${shape.replicasPerShard}` });
  }
  if (shape.topology === "replication-group" && shape.replicasPerShard < 1) {
    problems.push({
      field: "replicasPerShard",
      message: `must be at least 1 with ${topology} (automatic failover promotes a replica): use single-node for none, found ${shape.replicasPerShard}`,
    });
  }
  if (shape.topology === "global-datastore") {
    const found = `found ${shape.regions.length} (${shape.regions.join(", ")})`;
    if (shape.regions.length < 2) {
      problems.push({ field: "topology", message: `global-datastore needs at least two regions (a primary and a secondary), ${found}` });
    }
    if (shape.regions.length > 3) {
      problems.push({ field: "topology", message: `global-datastore spans at most three regions (a primary and ElastiCache's limit of two secondaries), ${found}` });
    }
    if (!joinsGlobalDatastore(shape.nodeType)) {
      problems.push({ field: "nodeType", message: `${shape.nodeType} cannot join a global datastore: expected an m5 or r5 node type or later, such as cache.r6g.large` });
    }
  }
  return problems;
}

/** A global datastore's first group takes the writes; the others replicate it, read-only, in their regions. */
export type CacheRole = "standalone" | "global-primary" | "global-secondary";

export interface RegionCachePlan {
  region: string;
  role: CacheRole;
  mode: CacheMode;
  /** Without cluster mode: the one shard's nodes, primary and replicas. */
  numCacheClusters?: number;
  /** Cluster mode; a secondary inherits it from the primary and may not restate it. */
  numNodeGroups?: number;
  replicasPerNodeGroup?: number;
  automaticFailover: boolean;
  multiAz: boolean;
  snapshots: boolean;
}

/** One replication group per region, each the app's local cache; with a global datastore, tied to the first region's. */
export function planCacheRegions(shape: Omit<CacheShape, "nodeType">): RegionCachePlan[] {
  const clusterMode = usesClusterMode(shape.topology);
  return shape.regions.map((region, index) => {
    const role: CacheRole = shape.topology !== "global-datastore" ? "standalone" : index === 0 ? "global-primary" : "global-secondary";
    const sizing = clusterMode
      ? { ...(role === "global-secondary" ? {} : { numNodeGroups: shape.shardCount }), replicasPerNodeGroup: shape.replicasPerShard }
      : { numCacheClusters: 1 + shape.replicasPerShard };
    return {
      region,
      role,
      mode: clusterMode ? "cluster" : "single",
      ...sizing,
      // Cluster mode requires automatic failover; without it there must be a replica to fail over to.
      automaticFailover: clusterMode || shape.replicasPerShard > 0,
      multiAz: shape.replicasPerShard > 0,
      // A secondary holds a copy of the primary's data, whose snapshots already keep it.
      snapshots: role !== "global-secondary",
    };
  });
}

export interface RegionCacheSpec {
  region: string;
  provider: aws.Provider;
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  /** The app tier's group: the only one the cache admits. */
  backendSecurityGroupId: pulumi.Input<string>;
}

export interface CacheClusterArgs {
  /** The phase's regions, primary first: a global datastore's writable group lives in the first. */
  regions: RegionCacheSpec[];
  topology: CacheTopology;
  nodeType: string;
  shardCount: number;
  replicasPerShard: number;
  tags: StackTags;
  port?: number;
  maintenanceWindow?: string;
  snapshotWindow?: string;
  snapshotRetentionDays?: number;
}

/** What the app in one region connects to. */
export interface RegionCache {
  /** The primary endpoint without cluster mode, the configuration endpoint with it. */
  endpoint: pulumi.Output<string>;
  port: number;
  mode: CacheMode;
  securityGroupId: pulumi.Output<string>;
  /** A global datastore's secondary refuses writes: the app there reads what the primary region cached. */
  readOnly: boolean;
  replicationGroupId: pulumi.Output<string>;
  /** Every node's cache cluster id: ElastiCache publishes memory and evictions per node, under CacheClusterId. */
  nodeIds: pulumi.Output<string[]>;
  nodeCount: number;
}

/**
 * ElastiCache's names for a replication group's nodes: `<group>-<node>` with cluster mode off,
 * `<group>-<shard>-<node>` with it on, numbered from 1 on three and four digits (a global secondary has as many
 * shards as its primary).
 */
export function cacheNodeIds(replicationGroupId: string, plan: Pick<RegionCachePlan, "mode" | "numCacheClusters" | "replicasPerNodeGroup">, shardCount: number): string[] {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const range = (length: number) => Array.from({ length }, (_, i) => i + 1);
  if (plan.mode === "single") return range(plan.numCacheClusters ?? 1).map((node) => `${replicationGroupId}-${pad(node, 3)}`);
  const nodesPerShard = 1 + (plan.replicasPerNodeGroup ?? 0);
  return range(shardCount).flatMap((shard) => range(nodesPerShard).map((node) => `${replicationGroupId}-${pad(shard, 4)}-${pad(node, 3)}`));
}

/** The plain values of one region's cache, as the stack exports them. */
export interface CacheConnection {
  endpoint: string;
  port: number;
  mode: CacheMode;
}

/**
 * The app's own variables for one region's cache: always TLS (in-transit encryption is on) and the AUTH token,
 * `REDIS_URL` with rediss:// without cluster mode, `REDIS_CLUSTER_NODES` with `REDIS_TLS` in cluster mode.
 */
export function cacheSettingsEnvironment(connection: CacheConnection, authToken: string): Partial<Record<SettingVariable, string>> {
  return renderSettingsEnvironment({ redis: { ...cacheRedisSetting(connection), authToken } });
}

/** The app's Redis setting for one region's cache, without the AUTH token: a deployment injects it as a secret of its own. */
export function cacheRedisSetting(connection: CacheConnection): RedisSetting {
  const address = `${connection.endpoint}:${connection.port}`;
  return connection.mode === "single" ? { mode: "single", url: `rediss://${address}` } : { mode: "cluster", nodes: [address], tls: true };
}

/**
 * ElastiCache (Valkey) for the app's shared cache layer, one replication group per region of the phase:
 * a single node, a primary with replicas, a sharded cluster, or a global datastore across the regions.
 * Always encrypted at rest with a customer-managed key of its region and in transit, behind an AUTH token,
 * in the private subnets, reachable from the app tier only.
 *
 * Even a single node is a replication group: `aws.elasticache.Cluster` has no `authToken`, no
 * `atRestEncryptionEnabled` and no `kmsKeyId`, and its `transitEncryptionEnabled` is for Memcached only
 * (elasticache/cluster.d.ts sends Redis and Valkey to ReplicationGroup for it).
 */
export class CacheCluster extends pulumi.ComponentResource {
  readonly regions: Record<string, RegionCache>;
  /** The AUTH token of every group, a secret: for the app's REDIS_AUTH_TOKEN. */
  readonly authToken: pulumi.Output<string>;

  constructor(name: string, args: CacheClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const regions = args.regions.map((spec) => spec.region);
    const problems = cacheShapeProblems({ ...args, regions });
    if (regions.length === 0) problems.push({ field: "topology", message: "needs at least one region in regions" });
    if (problems.length > 0) {
      throw new Error(`CacheCluster "${name}" has conflicting args:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join("\n")}`);
    }
    super("francaisfluide:cache:CacheCluster", name, {}, opts);
    const settings = { ...CACHE_DEFAULTS, ...stripUndefined(args) };

    const password = new random.RandomPassword(`${name}-auth-token`, {
      length: AUTH_TOKEN_RULES.length,
      special: true,
      overrideSpecial: AUTH_TOKEN_RULES.specialCharacters,
    }, { parent: this });
    this.authToken = pulumi.secret(password.result);

    const plans = planCacheRegions({ ...args, regions });
    const specs = new Map(args.regions.map((spec) => [spec.region, spec]));
    let globalDatastore: aws.elasticache.GlobalReplicationGroup | undefined;
    this.regions = {};
    for (const plan of plans) {
      const spec = specs.get(plan.region) as RegionCacheSpec;
      const built = this.buildRegion(name, spec, plan, settings, globalDatastore?.globalReplicationGroupId);
      if (plan.role === "global-primary") {
        globalDatastore = new aws.elasticache.GlobalReplicationGroup(`${name}-global`, {
          globalReplicationGroupIdSuffix: `${args.tags.project}-${args.tags.phase}-cache`,
          globalReplicationGroupDescription: `${args.tags.project} ${args.tags.phase} cache, written in ${plan.region} and read in every region`,
          primaryReplicationGroupId: built.group.id,
          // Once grouped, the global datastore owns the members' version: a future upgrade is made here.
          engineVersion: CACHE_ENGINE.version,
        }, { parent: this, provider: spec.provider });
      }
      this.regions[plan.region] = {
        endpoint: plan.mode === "cluster" ? built.group.configurationEndpointAddress : built.group.primaryEndpointAddress,
        port: settings.port,
        mode: plan.mode,
        securityGroupId: built.securityGroup.id,
        readOnly: plan.role === "global-secondary",
        replicationGroupId: built.group.replicationGroupId,
        nodeIds: built.group.replicationGroupId.apply((id) => cacheNodeIds(id, plan, args.shardCount)),
        nodeCount: cacheNodeIds("", plan, args.shardCount).length,
      };
    }
    this.registerOutputs({ regions: this.regions, authToken: this.authToken });
  }

  private buildRegion(
    name: string,
    spec: RegionCacheSpec,
    plan: RegionCachePlan,
    settings: CacheClusterArgs & typeof CACHE_DEFAULTS,
    globalReplicationGroupId: pulumi.Output<string> | undefined,
  ) {
    const prefix = `${name}-${spec.region}`;
    const tags = (resourceName: string) => resourceTags(settings.tags, "cache", `${settings.tags.project}-${settings.tags.phase}-${resourceName}`);
    const opts = { parent: this, provider: spec.provider };

    // A key per region: ElastiCache encrypts with a key of the group's own region, secondaries included.
    const key = new aws.kms.Key(`${prefix}-key`, {
      description: `${settings.tags.project} ${settings.tags.phase} cache at rest in ${spec.region}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: tags(`cache-${spec.region}-key`),
    }, opts);

    const securityGroup = new aws.ec2.SecurityGroup(`${prefix}-sg`, {
      vpcId: spec.vpcId,
      description: "Cache: the Redis protocol from the app containers only",
      tags: tags(`cache-${spec.region}-sg`),
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${prefix}-from-backend`, {
      securityGroupId: securityGroup.id,
      ipProtocol: "tcp",
      fromPort: settings.port,
      toPort: settings.port,
      referencedSecurityGroupId: spec.backendSecurityGroupId,
      description: "Redis protocol from the app containers",
      tags: tags(`cache-${spec.region}-from-backend`),
    }, opts);

    const subnetGroup = new aws.elasticache.SubnetGroup(`${prefix}-subnets`, {
      description: `${settings.tags.project} ${settings.tags.phase} cache: private subnets of ${spec.region}`,
      subnetIds: spec.privateSubnetIds,
      tags: tags(`cache-${spec.region}-subnets`),
    }, opts);

    const common = {
      description: `${settings.tags.project} ${settings.tags.phase} cache in ${spec.region}`,
      port: settings.port,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      kmsKeyId: key.arn,
      authToken: this.authToken,
      automaticFailoverEnabled: plan.automaticFailover,
      multiAzEnabled: plan.multiAz,
      autoMinorVersionUpgrade: true,
      maintenanceWindow: settings.maintenanceWindow,
      ...(plan.snapshots ? { snapshotRetentionLimit: settings.snapshotRetentionDays, snapshotWindow: settings.snapshotWindow } : {}),
      tags: tags(`cache-${spec.region}`),
    };
    const sizing = {
      ...(plan.numCacheClusters === undefined ? {} : { numCacheClusters: plan.numCacheClusters }),
      ...(plan.numNodeGroups === undefined ? {} : { numNodeGroups: plan.numNodeGroups }),
      ...(plan.replicasPerNodeGroup === undefined ? {} : { replicasPerNodeGroup: plan.replicasPerNodeGroup }),
    };

    if (plan.role === "global-secondary") {
      if (!globalReplicationGroupId) throw new Error(`The secondary cache in ${spec.region} needs the global datastore of the first region, which was not built first`);
      // Engine, version, node type, parameter group and both encryptions are the global datastore's to give
      // (the provider rejects them beside globalReplicationGroupId); the key and the token stay regional inputs.
      const group = new aws.elasticache.ReplicationGroup(prefix, { ...common, ...sizing, globalReplicationGroupId }, opts);
      return { group, securityGroup };
    }

    const parameterGroup = new aws.elasticache.ParameterGroup(`${prefix}-params`, {
      family: CACHE_ENGINE.parameterGroupFamily,
      description: `${settings.tags.project} ${settings.tags.phase} cache, cluster mode ${plan.mode === "cluster" ? "on" : "off"}`,
      parameters: [{ name: "cluster-enabled", value: plan.mode === "cluster" ? "yes" : "no" }],
      tags: tags(`cache-${spec.region}-params`),
    }, opts);
    const group = new aws.elasticache.ReplicationGroup(prefix, {
      ...common,
      ...sizing,
      engine: CACHE_ENGINE.engine,
      engineVersion: CACHE_ENGINE.version,
      parameterGroupName: parameterGroup.name,
      nodeType: settings.nodeType,
      clusterMode: plan.mode === "cluster" ? "enabled" : "disabled",
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
    }, opts);
    return { group, securityGroup };
  }
}

/** `{ ...defaults, ...args }` must not let an absent optional arg erase its default. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}
