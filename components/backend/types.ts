import type { AppRole } from "@francaisfluide/app/config";
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { CacheMode } from "../cache.js";
import type { DatabaseShardInfo } from "../database/settings.js";
import type { RegionalOrigin } from "../lib/origin.js";
import type { StackTags } from "../tags.js";
import type { planRouting } from "./load-balancer.js";
import type { fargateTaskSize, ScalingPlan, ScalingTargets } from "./sizing.js";

/** What the backend needs of one serving region: its network tiers and its cache. */
export interface BackendRegionSpec {
  region: string;
  provider: aws.Provider;
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string>[];
  privateSubnetIds: pulumi.Input<string>[];
  loadBalancerSecurityGroupId: pulumi.Input<string>;
  backendSecurityGroupId: pulumi.Input<string>;
  /**
   * Where tasks run: the private subnets when they have a NAT gateway to pull the image and reach AWS's APIs;
   * otherwise the public subnets with a public address, still behind the backend group, which admits only the
   * load balancers (phase 1 pays for no NAT gateway).
   */
  taskSubnets: "private" | "public";
  cache: { endpoint: pulumi.Input<string>; port: number; mode: CacheMode };
}

export interface BackendArgs {
  /** The serving regions: each gets its own cluster, load balancer and services, next to its data. */
  regions: BackendRegionSpec[];
  image: { repository: string; tag: string };
  /** The app's port: the one the network lets the load balancers reach. */
  port: number;
  /**
   * The app's metrics server (/metrics): mapped in the container for a scraper inside the VPC, never in a target
   * group or listener, and not opened by the network's rules, which admit the load balancers on `port` only.
   */
  metricsPort: number;
  vcpu: number;
  memoryGb: number;
  storageGb: number;
  /** Tasks per service and region. */
  instanceCount: { min: number; max: number };
  /** Absent when the count is fixed. */
  autoscaling?: ScalingTargets;
  /** One ECS service per app role, routed by path on the load balancer. */
  services: AppRole[];
  /** Every shard of the database, each with its master secret; the key that encrypts those secrets in each region. */
  database: { shards: pulumi.Input<DatabaseShardInfo[]>; secretKmsKeyArns: Record<string, pulumi.Input<string>> };
  /** The cache's AUTH token (a Pulumi secret), stored here in Secrets Manager for the tasks. */
  cacheAuthToken: pulumi.Input<string>;
  /** Error tracking: the Sentry project's DSN (a secret, injected as SENTRY_DSN) and the environment its events carry. */
  sentry?: { dsn: pulumi.Input<string>; environment: string };
  domainName: string;
  /** The Route 53 zone origin.<domain>: certificates are validated and load balancers aliased there. */
  originZoneId: pulumi.Input<string>;
  /** Keep the load balancers from being deleted by a stray `pulumi destroy` or replacement. */
  deletionProtection: boolean;
  tags: StackTags;
  logRetentionDays?: number;
  accessLogRetentionDays?: number;
  scaleOutCooldownSeconds?: number;
  scaleInCooldownSeconds?: number;
  deregistrationDelaySeconds?: number;
}

/** What never varies by phase; a caller may still pass its own. */
export const BACKEND_DEFAULTS = {
  logRetentionDays: 30,
  /** Long enough to investigate an incident reported a few weeks late. */
  accessLogRetentionDays: 90,
  /** Add capacity within a minute of a spike; give a new task (Grammalecte loads in seconds) time to count. */
  scaleOutCooldownSeconds: 60,
  /** Shed capacity slowly: a scale-in that undoes itself costs two cold starts. */
  scaleInCooldownSeconds: 300,
  /** The app drains in-flight requests within its 25 s shutdown (main.ts); the load balancer waits a little longer. */
  deregistrationDelaySeconds: 30,
};

/** The container's liveness, as the Dockerfile's HEALTHCHECK checks it (readiness is the load balancer's). */
export const CONTAINER_HEALTH_CHECK = {
  command: ["CMD", "node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"],
  interval: 15,
  timeout: 3,
  startPeriod: 30,
  retries: 3,
};

export const CONTAINER_NAME = "api";
/** The root filesystem is read-only; tsx keeps its compile cache in the temporary directory, on this task-storage volume. */
export const WRITABLE_TMP = { volume: "tmp", path: "/tmp" };

/** One region's backend, as the monitoring, the CDN and the failover read it. */
export interface RegionBackend {
  origin: RegionalOrigin;
  clusterName: pulumi.Output<string>;
  loadBalancerArnSuffix: pulumi.Output<string>;
  targetGroupArnSuffixes: Partial<Record<AppRole, pulumi.Output<string>>>;
  serviceNames: Partial<Record<AppRole, pulumi.Output<string>>>;
  logGroupName: pulumi.Output<string>;
}

export type Settings = BackendArgs & typeof BACKEND_DEFAULTS;

export interface Plans {
  size: ReturnType<typeof fargateTaskSize>;
  ephemeralStorageGib: number | undefined;
  scaling: ScalingPlan;
  routing: ReturnType<typeof planRouting>;
}

