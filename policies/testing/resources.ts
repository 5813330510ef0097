import type { PreviewResource } from "../../tools/policy/engine.js";

/** A resource of a type, with baseline compliant inputs mutated per test. */
export function resource(type: string, name: string, props: Record<string, unknown>, parent?: string): PreviewResource {
  return { type, name, urn: `urn:pulumi:test::francaisfluide::${type}::${name}`, props, ...(parent === undefined ? {} : { parent }) };
}

export const PHASE_1 = { phase: 1, uptimeTargetPercent: 99.5, regionCount: 1, monthlyBudgetMaxUsd: 100 };
export const PHASE_3 = { phase: 3, uptimeTargetPercent: 99.95, regionCount: 3, monthlyBudgetMaxUsd: 3000 };
export const PHASE_4 = { phase: 4, uptimeTargetPercent: 99.99, regionCount: 3, monthlyBudgetMaxUsd: 15000, failoverTargetSeconds: 60 };
/** A pack config giving one rule a phase's facts. */
export const facts = (policy: { name: string }, values: Record<string, unknown>) => ({ [policy.name]: values });

const TAGS = { project: "francaisfluide", phase: "phase3", component: "database", "cost-center": "francaisfluide-platform" };
export const rdsInstance = (props: Record<string, unknown> = {}) =>
  resource("aws:rds/instance:Instance", "database-main", { instanceClass: "db.t4g.medium", multiAz: true, deletionProtection: true, backupRetentionPeriod: 14, tags: TAGS, ...props });
export const auroraCluster = (name: string, props: Record<string, unknown> = {}) =>
  resource("aws:rds/cluster:Cluster", name, { clusterIdentifier: `francaisfluide-${name}`, deletionProtection: true, backupRetentionPeriod: 14, tags: TAGS, ...props });
export const auroraInstance = (name: string, cluster: string, zone: string) =>
  resource("aws:rds/clusterInstance:ClusterInstance", name, { clusterIdentifier: `francaisfluide-${cluster}`, availabilityZone: zone, instanceClass: "db.t4g.medium", tags: TAGS });
export const ecsService = (props: Record<string, unknown> = {}) => resource("aws:ecs/service:Service", "backend-us-east-1-all", { name: "backend-us-east-1-all", desiredCount: 2, tags: TAGS, ...props });
export const scalingTarget = (props: Record<string, unknown> = {}) =>
  resource("aws:appautoscaling/target:Target", "backend-us-east-1-all", { serviceNamespace: "ecs", resourceId: "service/cluster-1/backend-us-east-1-all", minCapacity: 2, maxCapacity: 10, ...props });
export const loadBalancer = (props: Record<string, unknown> = {}) => resource("aws:lb/loadBalancer:LoadBalancer", "backend-us-east-1-alb", { enableDeletionProtection: true, tags: TAGS, ...props });
