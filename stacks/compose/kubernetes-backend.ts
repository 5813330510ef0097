import { APP_DEFAULTS } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CacheCluster } from "../../components/cache.js";
import type { Database } from "../../components/database/index.js";
import { KubernetesBackend } from "../../components/kubernetes/index.js";
import type { Network } from "../../components/network.js";
import type { OriginDns } from "../../components/origin-dns.js";
import type { StackTags } from "../../components/tags.js";
import type { PhaseConfig } from "../config/index.js";

/**
 * Phase 4's backend: EKS in every serving region and GKE on the second cloud. The database's master passwords are
 * read from their Secrets Manager secrets (after the database component made them) into the app's Secret, as
 * Pulumi secrets; a Kubernetes provider per cluster authenticates with the cloud's CLI, so no token is stored.
 */
export function buildKubernetesBackend(
  config: PhaseConfig,
  blocks: { network: Network; database: Database; cache: CacheCluster; originDns: OriginDns; sentry: { dsn: pulumi.Input<string>; environment: string } },
  providerFor: (region: string) => aws.Provider,
  tags: StackTags,
): KubernetesBackend {
  const { network, database, cache, originDns } = blocks;
  const requestsPerPodPerSecond = config.compute.autoscaling?.requestsPerTarget;
  if (config.gcp === undefined || config.compute.autoscaling === undefined || requestsPerPodPerSecond === undefined) {
    throw new Error("backendPlatform kubernetes needs gcpProject, gcpRegion and the autoscaling targets with autoscalingRequestsPerTarget (the stack validation requires them)");
  }
  const passwords = Object.fromEntries(
    database.shards.map((shard) => {
      const secret = aws.secretsmanager.getSecretVersionOutput({ secretId: shard.masterUserSecretArn }, { provider: providerFor(shard.region), dependsOn: [database] });
      return [shard.id, pulumi.secret(secret.secretString.apply((text) => (JSON.parse(text) as { password: string }).password))];
    }),
  );
  return new KubernetesBackend("backend", {
    eksRegions: config.regions.map((region) => {
      const regionNetwork = network.regions[region.name];
      const regionCache = cache.regions[region.name];
      if (!regionNetwork || !regionCache) throw new Error(`No network or cache in region ${region.name} for its EKS cluster`);
      return {
        region: region.name,
        provider: providerFor(region.name),
        vpcCidr: region.vpcCidr,
        privateSubnetIds: regionNetwork.privateSubnetIds,
        backendSecurityGroupId: regionNetwork.backendSecurityGroupId,
        availabilityZones: region.availabilityZones,
        trafficPercent: region.trafficPercent,
        cache: { endpoint: regionCache.endpoint, port: regionCache.port, mode: regionCache.mode },
      };
    }),
    gke: { project: config.gcp.project, region: config.gcp.region, provider: new gcp.Provider("gcp", { project: config.gcp.project, region: config.gcp.region }) },
    kubernetesProvider: ({ name, kubeconfig }) => new k8s.Provider(`kubernetes-${name}`, { kubeconfig }),
    image: config.compute.image,
    instance: { vcpu: config.compute.vcpu, memoryGb: config.compute.memoryGb, storageGb: config.compute.storageGb },
    instanceCount: config.compute.instanceCount,
    // No requestsPerPodMetric: no custom-metrics adapter runs in the clusters yet, and an HPA that cannot read one
    // of its metrics never scales down (prometheus-adapter serving rate(francaisfluide_http_request_duration_seconds_count)).
    autoscaling: { cpuPercent: config.compute.autoscaling.cpuTargetPercent, memoryPercent: config.compute.autoscaling.memoryTargetPercent, requestsPerPodPerSecond },
    requestsPerMinute: config.targets.requestsPerMinute.min,
    containerPort: APP_DEFAULTS.port,
    metricsPort: APP_DEFAULTS.metricsPort,
    database: { shards: database.shards, passwords },
    cacheAuthToken: cache.authToken,
    sentry: blocks.sentry,
    origin: { domainName: config.cdn.domainName, zoneId: originDns.zoneId },
    tags,
  });
}
