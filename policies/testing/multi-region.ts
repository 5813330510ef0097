import { resource } from "./resources.js";

export const backupPlan = (destinationRegion: string) =>
  resource("aws:backup/plan:Plan", "disaster-recovery-us-east-1-plan", {
    region: "us-east-1",
    rules: [{ ruleName: "daily", targetVaultName: "vault-us-east-1", copyActions: [{ destinationVaultArn: `arn:aws:backup:${destinationRegion}:123456789012:backup-vault:copies` }] }],
  });
export const globalCluster = () => resource("aws:rds/globalCluster:GlobalCluster", "database-global", { globalClusterIdentifier: "francaisfluide-global" });
export const memberCluster = (region: string) => resource("aws:rds/cluster:Cluster", `database-global-${region}`, { region, globalClusterIdentifier: "francaisfluide-global" });
export const globalCache = () => resource("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "cache-global", { globalReplicationGroupIdSuffix: "francaisfluide-cache" });
export const secondaryCache = () => resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache-eu-west-1", { globalReplicationGroupId: "ldgnf-francaisfluide-cache" });
export const cloudflareLoadBalancer = (props: Record<string, unknown> = {}) => resource("cloudflare:index/loadBalancer:LoadBalancer", "cdn-api-load-balancer", { proxied: true, ...props });
export const cloudflareMonitor = (props: Record<string, unknown> = {}) =>
  resource("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "cdn-api-monitor", { interval: 15, consecutiveDown: 2, retries: 1, timeout: 5, ...props });
