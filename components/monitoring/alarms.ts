import * as pulumi from "@pulumi/pulumi";
import type { DatabaseMetricTarget } from "../database/types.js";

/** One CloudWatch metric, as an alarm or a dashboard widget names it. */
export interface MetricSpec<Value = pulumi.Input<string>> {
  namespace: string;
  metricName: string;
  dimensions: Record<string, Value>;
  /** A statistic (Average, Maximum, Sum) or a percentile (p95). */
  stat: string;
  period: number;
}

export type AlarmSignal =
  | { kind: "metric"; metric: MetricSpec }
  /** Metric math over m0, m1…: the expression may also take them all with METRICS(). */
  | { kind: "math"; expression: string; label: string; metrics: pulumi.Input<MetricSpec<string>[]> };

export type Comparison = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold";

export interface AlarmSpec {
  /** Unique within the phase; also the alarm's resource name after the component's. */
  key: string;
  /** The region whose metrics it reads, and whose topic it notifies. */
  region: string;
  /** What the seed or the component's defaults call this signal: the same for every region. */
  signal: "response-time-p95" | "error-rate" | "requests-per-minute" | "unhealthy-targets" | "database-cpu" | "database-connections" | "replica-lag" | "global-replication-lag" | "cache-memory" | "cache-evictions";
  title: string;
  description: string;
  threshold: number;
  comparison: Comparison;
  evaluationPeriods: number;
  query: AlarmSignal;
}

/** What never varies by phase: a caller may still pass its own. */
export const ALARM_DEFAULTS = {
  databaseCpuPercent: 80,
  /** Of the connection limit the database component sets on every instance. */
  databaseConnectionsPercent: 80,
  /** Aurora replicates in milliseconds and a global database in under a second: a second of lag is a replication problem. */
  replicaLagMs: 1000,
  cacheMemoryPercent: 80,
  /** Per five minutes in a region: a few evictions are LRU at work, hundreds mean the cache is too small for its TTLs. */
  cacheEvictionsPer5Minutes: 100,
};

export type AlarmThresholds = typeof ALARM_DEFAULTS;

/** The stack's figures the alarms turn into thresholds. */
export interface PhaseSignals {
  /** "phase 2", as the descriptions name it. */
  phaseLabel: string;
  responseTimeTargetMs: number;
  /** Absent in the last phase: no next phase to plan. */
  nextPhase?: { label: string; requestsPerMinute: number; responseTimeMs: number; errorRatePercent: number };
}

export interface LoadBalancerTarget {
  region: string;
  /** Of the regional traffic: the trigger is the phase's, split by the regions' shares (alarms cannot sum across regions). */
  trafficPercent: number;
  loadBalancerArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffixes: Record<string, pulumi.Input<string>>;
}

export interface LatencyCheckTarget {
  region: string;
  hostname: string;
  healthCheckId: pulumi.Input<string>;
  /** Route 53 publishes its health checks' metrics in us-east-1 only. */
  metricsRegion: string;
}

export interface CacheTarget {
  region: string;
  nodeIds: pulumi.Input<string[]>;
  nodeCount: number;
}

const ALB = "AWS/ApplicationELB";
const FIVE_MINUTES = 300;
const ONE_MINUTE = 60;
/** CloudWatch accepts at most ten metrics in one alarm's metric math. */
export const MAX_ALARM_METRICS = 10;

/** The split of a phase-wide figure between regions by their traffic shares; the parts add up to the whole. */
export function regionalShares(total: number, percents: number[]): number[] {
  const sum = percents.reduce((a, b) => a + b, 0);
  const exact = percents.map((p) => (total * p) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  return floors;
}

/** The load balancers' alarms: p95 response time, error rate and request rate against the next phase's trigger, unhealthy targets. */
export function loadBalancerAlarms(signals: PhaseSignals, targets: LoadBalancerTarget[]): AlarmSpec[] {
  const { nextPhase, phaseLabel } = signals;
  const requestShares = nextPhase ? regionalShares(nextPhase.requestsPerMinute, targets.map((t) => t.trafficPercent)) : [];
  return targets.flatMap((target, index) => {
    const { region } = target;
    const lb = { LoadBalancer: target.loadBalancerArnSuffix };
    const responseTimeMs = nextPhase?.responseTimeMs ?? signals.responseTimeTargetMs;
    const alarms: AlarmSpec[] = [
      {
        key: `${region}-response-time-p95`,
        region,
        signal: "response-time-p95",
        title: `p95 response time in ${region}`,
        description: nextPhase
          ? `${phaseLabel} trigger reached in ${region}: the 95th percentile of the API's response time exceeded ${responseTimeMs} ms for 15 minutes. Look for slow queries and cache misses first; if the load is the cause, plan the migration to ${nextPhase.label}, see README.`
          : `The 95th percentile of the API's response time in ${region} exceeded the ${phaseLabel} target of ${responseTimeMs} ms for 15 minutes: look for slow queries, cache misses and saturated tasks.`,
        // TargetResponseTime is in seconds.
        threshold: responseTimeMs / 1000,
        comparison: "GreaterThanThreshold",
        evaluationPeriods: 3,
        query: { kind: "metric", metric: { namespace: ALB, metricName: "TargetResponseTime", dimensions: lb, stat: "p95", period: FIVE_MINUTES } },
      },
      ...Object.entries(target.targetGroupArnSuffixes).map(([role, targetGroup]): AlarmSpec => ({
        key: `${region}-${role}-unhealthy-targets`,
        region,
        signal: "unhealthy-targets",
        title: `Unhealthy ${role} tasks in ${region}`,
        description: `At least one ${role} task in ${region} has failed the load balancer's readiness check for 3 minutes: read the task's logs and the ECS service events; the service replaces failing tasks, a repeated failure is a bad release or a data tier that does not answer.`,
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 3,
        query: { kind: "metric", metric: { namespace: ALB, metricName: "UnHealthyHostCount", dimensions: { ...lb, TargetGroup: targetGroup }, stat: "Maximum", period: ONE_MINUTE } },
      })),
    ];
    if (!nextPhase) return alarms;
    const requestsPerMinute = requestShares[index] as number;
    return [
      ...alarms,
      {
        key: `${region}-error-rate`,
        region,
        signal: "error-rate",
        title: `Error rate in ${region}`,
        description: `${phaseLabel} trigger reached in ${region}: more than ${nextPhase.errorRatePercent} % of requests failed with a 5xx for 15 minutes. Read the app's errors first (a bad release is rolled back); if they come from saturation, plan the migration to ${nextPhase.label}, see README.`,
        threshold: nextPhase.errorRatePercent,
        comparison: "GreaterThanThreshold",
        evaluationPeriods: 3,
        query: {
          kind: "math",
          // A period without any 5xx publishes no count: zero, not missing.
          expression: "100 * (FILL(m0, 0) + FILL(m1, 0)) / m2",
          label: "5xx (%)",
          metrics: [
            { namespace: ALB, metricName: "HTTPCode_Target_5XX_Count", dimensions: lb, stat: "Sum", period: FIVE_MINUTES },
            { namespace: ALB, metricName: "HTTPCode_ELB_5XX_Count", dimensions: lb, stat: "Sum", period: FIVE_MINUTES },
            { namespace: ALB, metricName: "RequestCount", dimensions: lb, stat: "Sum", period: FIVE_MINUTES },
          ] as pulumi.Input<MetricSpec<string>[]>,
        },
      },
      {
        key: `${region}-requests-per-minute`,
        region,
        signal: "requests-per-minute",
        title: `Requests per minute in ${region}`,
        description: `${phaseLabel} trigger reached: plan the migration to ${nextPhase.label}, see README. ${region} served at least ${requestsPerMinute} requests a minute for 5 minutes, its ${target.trafficPercent} % share of the ${nextPhase.requestsPerMinute} requests a minute that trigger ${nextPhase.label}.`,
        threshold: requestsPerMinute,
        comparison: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 5,
        query: { kind: "metric", metric: { namespace: ALB, metricName: "RequestCount", dimensions: lb, stat: "Sum", period: ONE_MINUTE } },
      },
    ];
  });
}

/**
 * Phase 4's response time: its NLBs publish no response time, so Route 53 health checks with latency measurement
 * time the first byte of each region's readiness endpoint, read from the health checkers in that same region (the
 * Region dimension), so the figure is the server's time plus a short local round trip, not an ocean crossing.
 */
export function latencyCheckAlarms(signals: PhaseSignals, checks: LatencyCheckTarget[]): AlarmSpec[] {
  return checks.flatMap(({ region, hostname, healthCheckId, metricsRegion }): AlarmSpec[] => [
    {
      key: `${region}-response-time-p95`,
      region: metricsRegion,
      signal: "response-time-p95",
      title: `p95 time to first byte of ${hostname}`,
      description: `The 95th percentile of the time to first byte of https://${hostname}/health/ready, measured by Route 53 from ${region}, exceeded the ${signals.phaseLabel} target of ${signals.responseTimeTargetMs} ms for 15 minutes: check the region's pods (CPU, HPA at its maximum), the database and the cache.`,
      threshold: signals.responseTimeTargetMs,
      comparison: "GreaterThanThreshold",
      evaluationPeriods: 3,
      query: { kind: "metric", metric: { namespace: "AWS/Route53", metricName: "TimeToFirstByte", dimensions: { HealthCheckId: healthCheckId, Region: region }, stat: "p95", period: FIVE_MINUTES } },
    },
    {
      key: `${region}-unhealthy-targets`,
      region: metricsRegion,
      signal: "unhealthy-targets",
      title: `Health of ${hostname}`,
      description: `Route 53's health checkers find https://${hostname}/health/ready failing: latency routing has taken ${region} out; check its cluster's pods and load balancer, then its database and cache.`,
      threshold: 1,
      comparison: "LessThanThreshold",
      evaluationPeriods: 2,
      query: { kind: "metric", metric: { namespace: "AWS/Route53", metricName: "HealthCheckStatus", dimensions: { HealthCheckId: healthCheckId }, stat: "Minimum", period: ONE_MINUTE } },
    },
  ]);
}

/** CPU, connections against the component's limit, and replication lag, for every database copy. */
export function databaseAlarms(targets: DatabaseMetricTarget[], maxConnections: number, thresholds: AlarmThresholds): AlarmSpec[] {
  const RDS = "AWS/RDS";
  const connectionLimit = Math.floor((maxConnections * thresholds.databaseConnectionsPercent) / 100);
  return targets.flatMap((target): AlarmSpec[] => {
    const where = `${target.shardId} in ${target.region}`;
    const groups =
      target.kind === "rds-instance"
        ? [{ suffix: "", label: "", dimensions: { DBInstanceIdentifier: target.instanceIdentifier } as Record<string, pulumi.Input<string>> }]
        : target.roles.map((role) => ({ suffix: `-${role.toLowerCase()}`, label: ` (${role.toLowerCase()}s)`, dimensions: { DBClusterIdentifier: target.clusterIdentifier, Role: role } as Record<string, pulumi.Input<string>> }));
    const alarms = groups.flatMap(({ suffix, label, dimensions }): AlarmSpec[] => [
      {
        key: `${target.region}-${target.shardId}${suffix}-database-cpu`,
        region: target.region,
        signal: "database-cpu",
        title: `Database CPU, ${where}${label}`,
        description: `The database ${where}${label} ran above ${thresholds.databaseCpuPercent} % CPU for 15 minutes: find the costly statements in Performance Insights; a lasting load needs a larger instance class or more readers in the stack file.`,
        threshold: thresholds.databaseCpuPercent,
        comparison: "GreaterThanThreshold",
        evaluationPeriods: 3,
        query: { kind: "metric", metric: { namespace: RDS, metricName: "CPUUtilization", dimensions, stat: "Maximum", period: FIVE_MINUTES } },
      },
      {
        key: `${target.region}-${target.shardId}${suffix}-database-connections`,
        region: target.region,
        signal: "database-connections",
        title: `Database connections, ${where}${label}`,
        description: `The database ${where}${label} holds more than ${connectionLimit} connections, ${thresholds.databaseConnectionsPercent} % of its limit of ${maxConnections}: look for leaked pools or more app instances than the limit was sized for; at the limit, new connections are refused.`,
        threshold: connectionLimit,
        comparison: "GreaterThanThreshold",
        evaluationPeriods: 3,
        query: { kind: "metric", metric: { namespace: RDS, metricName: "DatabaseConnections", dimensions, stat: "Maximum", period: ONE_MINUTE } },
      },
    ]);
    if (target.kind === "rds-instance") return alarms;
    if (target.globalSecondary) {
      return [
        ...alarms,
        {
          key: `${target.region}-${target.shardId}-global-replication-lag`,
          region: target.region,
          signal: "global-replication-lag",
          title: `Global database lag, ${where}`,
          description: `The copy of ${target.shardId} in ${target.region} is more than ${thresholds.replicaLagMs} ms behind the primary region for 5 minutes: reads there are stale and a failover would lose that much; check the primary's write load and the global database's replication status.`,
          threshold: thresholds.replicaLagMs,
          comparison: "GreaterThanThreshold",
          evaluationPeriods: 5,
          query: { kind: "metric", metric: { namespace: RDS, metricName: "AuroraGlobalDBReplicationLag", dimensions: { DBClusterIdentifier: target.clusterIdentifier }, stat: "Maximum", period: ONE_MINUTE } },
        },
      ];
    }
    if (!target.roles.includes("READER")) return alarms;
    return [
      ...alarms,
      {
        key: `${target.region}-${target.shardId}-replica-lag`,
        region: target.region,
        signal: "replica-lag",
        title: `Reader lag, ${where}`,
        description: `A reader of ${where} is more than ${thresholds.replicaLagMs} ms behind its writer for 5 minutes: reads return stale data; look for a long write transaction or a reader too small for its load.`,
        threshold: thresholds.replicaLagMs,
        comparison: "GreaterThanThreshold",
        evaluationPeriods: 5,
        query: { kind: "metric", metric: { namespace: RDS, metricName: "AuroraReplicaLag", dimensions: { DBClusterIdentifier: target.clusterIdentifier, Role: "READER" }, stat: "Maximum", period: ONE_MINUTE } },
      },
    ];
  });
}

/** The cache's memory and evictions in each region, over all its nodes (ElastiCache publishes both per node). */
export function cacheAlarms(caches: CacheTarget[], thresholds: AlarmThresholds): AlarmSpec[] {
  const tooMany = caches.filter((cache) => cache.nodeCount > MAX_ALARM_METRICS);
  if (tooMany.length > 0) {
    throw new Error(
      `caches: one alarm reads every node of a region, and CloudWatch takes at most ${MAX_ALARM_METRICS} metrics in an alarm; ${tooMany.map((c) => `${c.region} has ${c.nodeCount} nodes`).join(", ")}: split the alarm by shard`,
    );
  }
  const nodeMetrics = (nodeIds: pulumi.Input<string[]>, metricName: string, stat: string) =>
    pulumi.output(nodeIds).apply((ids) => ids.map((id): MetricSpec<string> => ({ namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: id }, stat, period: FIVE_MINUTES })));
  return caches.flatMap(({ region, nodeIds }): AlarmSpec[] => [
    {
      key: `${region}-cache-memory`,
      region,
      signal: "cache-memory",
      title: `Cache memory in ${region}`,
      description: `A cache node in ${region} uses more than ${thresholds.cacheMemoryPercent} % of its memory for 15 minutes: evictions follow; shorten the TTLs or raise the node type or shard count in the stack file.`,
      threshold: thresholds.cacheMemoryPercent,
      comparison: "GreaterThanThreshold",
      evaluationPeriods: 3,
      query: { kind: "math", expression: "MAX(METRICS())", label: "memory used (%), fullest node", metrics: nodeMetrics(nodeIds, "DatabaseMemoryUsagePercentage", "Maximum") },
    },
    {
      key: `${region}-cache-evictions`,
      region,
      signal: "cache-evictions",
      title: `Cache evictions in ${region}`,
      description: `The cache in ${region} evicted more than ${thresholds.cacheEvictionsPer5Minutes} keys in 5 minutes, twice in a row: it is too small for what the app caches, so hit rates and response times suffer; raise the node type or shard count in the stack file.`,
      threshold: thresholds.cacheEvictionsPer5Minutes,
      comparison: "GreaterThanThreshold",
      evaluationPeriods: 2,
      query: { kind: "math", expression: "SUM(METRICS())", label: "evictions, all nodes", metrics: nodeMetrics(nodeIds, "Evictions", "Sum") },
    },
  ]);
}
