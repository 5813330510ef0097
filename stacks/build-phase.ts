import { APP_DEFAULTS } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "../components/lib/cloudflare.js";
import * as vercel from "@pulumiverse/vercel";
import { Backend, loadBalancerDeletionProtection } from "../components/backend/index.js";
import { CacheCluster } from "../components/cache.js";
import { Database, slowQueryThresholdMs } from "../components/database/index.js";
import { EdgeCdn } from "../components/cdn/index.js";
import { DisasterRecovery } from "../components/disaster-recovery/index.js";
import { Monitoring } from "../components/monitoring/index.js";
import { Frontend } from "../components/frontend.js";
import { publicApiHostname, regionalApiHostname } from "../components/lib/origin.js";
import { Network } from "../components/network.js";
import { OriginDns } from "../components/origin-dns.js";
import { stackTags } from "../components/tags.js";
import { buildKubernetesBackend } from "./compose/kubernetes-backend.js";
import { buildObservability } from "./compose/observability.js";
import type { PhaseConfig } from "./config/index.js";

/**
 * One explicit AWS provider per region, so no resource lands in whatever region the
 * operator's environment defaults to.
 */
function regionalProviders(regions: string[]): Map<string, aws.Provider> {
  return new Map(regions.map((region) => [region, new aws.Provider(`aws-${region}`, { region: region as aws.Region })]));
}

const CLOUDFRONT_REGION = "us-east-1";
/** AWS Budgets, Cost Explorer, AWS Chatbot and Route 53's metrics answer in us-east-1 only. */
const BILLING_REGION = "us-east-1";

function missingLoadBalancerTier(region: string): never {
  throw new Error(`The network of ${region} has no load balancer tier, which the ECS backend needs: build the network with loadBalancerTier for backendPlatform fargate`);
}

/** Composes the phase's blocks from its config; the same function serves `pulumi up` and the offline tools. */
export function buildPhase(config: PhaseConfig) {
  const tags = stackTags(config);
  // Backup regions serve no traffic but hold copies of the backups: they get their explicit provider as well.
  // CloudFront takes its certificates from us-east-1 only, whether or not the phase serves from there.
  const providers = regionalProviders([
    ...new Set([...config.regions.map((region) => region.name), ...config.disasterRecovery.backupRegions, ...(config.cdn.cloudFront ? [CLOUDFRONT_REGION] : []), BILLING_REGION]),
  ]);
  const providerFor = (region: string): aws.Provider => {
    const provider = providers.get(region);
    if (!provider) throw new Error(`No AWS provider for region ${region}: it is neither a serving nor a backup region of the phase (${[...providers.keys()].join(", ")})`);
    return provider;
  };

  const network = new Network("network", {
    regions: config.regions.map((region) => ({
      region: region.name,
      vpcCidr: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      provider: providerFor(region.name),
    })),
    natGateways: config.network.natGateways,
    backendPort: APP_DEFAULTS.port,
    // The ECS backend's ALBs use the load balancer tier; Kubernetes Services bring their own NLBs and rules.
    loadBalancerTier: config.compute.platform === "fargate",
    tags,
  });

  /** What the data tier needs of each serving region: its provider, private subnets and the backend tier to admit. */
  const dataTierRegions = config.regions.map((region) => {
    const regionNetwork = network.regions[region.name];
    if (!regionNetwork) throw new Error(`No network in region ${region.name}`);
    return {
      region: region.name,
      provider: providerFor(region.name),
      vpcId: regionNetwork.vpcId,
      privateSubnetIds: regionNetwork.privateSubnetIds,
      backendSecurityGroupId: regionNetwork.backendSecurityGroupId,
      availabilityZones: region.availabilityZones,
    };
  });

  // Every region's app instances reach every shard (users are routed by bucket, not by region), so one database
  // instance may face the pools of the phase's largest fleet in all regions at once.
  const database = new Database("database", {
    engine: config.database.engine,
    instanceClass: config.database.instanceClass,
    storageGb: config.database.storageGb,
    multiAz: config.database.multiAz,
    readersPerCluster: config.database.readersPerCluster,
    backupRetentionDays: config.database.backupRetentionDays,
    shards: config.database.shards,
    regions: dataTierRegions,
    maxAppInstances: config.compute.instanceCount.max * config.regions.length,
    slowQueryMs: slowQueryThresholdMs(config.targets.responseTimeMs),
    tags,
  });

  const cache = new CacheCluster("cache", {
    regions: dataTierRegions,
    topology: config.cache.topology,
    nodeType: config.cache.nodeType,
    shardCount: config.cache.shardCount,
    replicasPerShard: config.cache.replicasPerShard,
    tags,
  });

  const observability = buildObservability(config, network, providerFor, tags);
  // Sentry's events say which stack they come from.
  const sentry = { dsn: observability.sentryDsn, environment: config.stack };

  const originDns = new OriginDns("origin-dns", { domainName: config.cdn.domainName, provider: providerFor(config.regions[0]?.name ?? ""), tags });

  // Phases 1-3 run the app on Fargate; phase 4's Kubernetes clusters are their own block.
  const backend =
    config.compute.platform === "fargate"
      ? new Backend("backend", {
          regions: dataTierRegions.map((region) => {
            const regionNetwork = network.regions[region.region] as (typeof network.regions)[string];
            const regionCache = cache.regions[region.region];
            if (!regionCache) throw new Error(`No cache in region ${region.region} for the backend`);
            return {
              region: region.region,
              provider: region.provider,
              vpcId: regionNetwork.vpcId,
              publicSubnetIds: regionNetwork.publicSubnetIds,
              privateSubnetIds: regionNetwork.privateSubnetIds,
              loadBalancerSecurityGroupId: regionNetwork.loadBalancerSecurityGroupId ?? missingLoadBalancerTier(region.region),
              backendSecurityGroupId: regionNetwork.backendSecurityGroupId,
              taskSubnets: config.network.natGateways === "none" ? ("public" as const) : ("private" as const),
              cache: { endpoint: regionCache.endpoint, port: regionCache.port, mode: regionCache.mode },
            };
          }),
          image: config.compute.image,
          port: APP_DEFAULTS.port,
          metricsPort: APP_DEFAULTS.metricsPort,
          vcpu: config.compute.vcpu,
          memoryGb: config.compute.memoryGb,
          storageGb: config.compute.storageGb,
          instanceCount: config.compute.instanceCount,
          ...(config.compute.autoscaling
            ? {
                autoscaling: {
                  cpuPercent: config.compute.autoscaling.cpuTargetPercent,
                  memoryPercent: config.compute.autoscaling.memoryTargetPercent,
                  requestsPerTarget: config.compute.autoscaling.requestsPerTarget,
                },
              }
            : {}),
          services: config.compute.services,
          database: { shards: pulumi.output(database.shards), secretKmsKeyArns: database.kmsKeyArns },
          cacheAuthToken: cache.authToken,
          sentry,
          domainName: config.cdn.domainName,
          originZoneId: originDns.zoneId,
          deletionProtection: loadBalancerDeletionProtection(config.targets.uptimePercent),
          tags,
        })
      : undefined;

  const { failoverTargetSeconds } = config.disasterRecovery;
  const disasterRecovery = new DisasterRecovery("disaster-recovery", {
    level: config.disasterRecovery.level,
    regions: config.regions.map((region) => ({ region: region.name, provider: providerFor(region.name) })),
    backupRegions: config.disasterRecovery.backupRegions.map((region) => ({ region, provider: providerFor(region) })),
    database: {
      engine: config.database.engine,
      writerRegions: [...new Set(config.database.shards.map((shard) => shard.region))],
      backupRetentionDays: config.database.backupRetentionDays,
    },
    ...(failoverTargetSeconds === undefined ? {} : { failover: { domainName: config.cdn.domainName, originZoneId: originDns.zoneId, targetSeconds: failoverTargetSeconds } }),
    tags,
  });

  const kubernetes = config.compute.platform === "kubernetes" ? buildKubernetesBackend(config, { network, database, cache, originDns, sentry }, providerFor, tags) : undefined;
  // Credentials come from the environment (CLOUDFLARE_API_TOKEN, VERCEL_API_TOKEN), never from the stack.
  const cloudflareProvider = new cloudflare.Provider("cloudflare", {});
  const vercelProvider = new vercel.Provider("vercel", config.frontend.teamId === undefined ? {} : { team: config.frontend.teamId });

  const frontend = new Frontend("frontend", {
    domainName: config.cdn.domainName,
    plan: config.frontend.plan,
    regions: config.frontend.edgeRegions,
    apiUrl: `https://${publicApiHostname(config.cdn.domainName)}`,
    provider: vercelProvider,
    tags,
  });

  const cdn = new EdgeCdn("cdn", {
    domainName: config.cdn.domainName,
    plan: config.cdn.plan,
    accountId: config.cdn.accountId,
    regions: config.regions.map((region) => region.name),
    originNameServers: originDns.nameServers,
    apiRequestsPerMinute: config.targets.requestsPerMinute.max,
    siteRecords: frontend.dnsRecords,
    ...(failoverTargetSeconds === undefined ? {} : { failoverTargetSeconds }),
    ...(config.cdn.cloudFront ? { cloudFront: { provider: providerFor(CLOUDFRONT_REGION) } } : {}),
    provider: cloudflareProvider,
    tags,
  });

  const { nextPhaseTrigger } = config;
  const monitoring = new Monitoring("monitoring", {
    regions: config.regions.map((region) => ({ region: region.name, provider: providerFor(region.name), trafficPercent: region.trafficPercent })),
    billing: { region: BILLING_REGION, provider: providerFor(BILLING_REGION) },
    alerts: config.monitoring.alerts,
    signals: {
      phaseLabel: `phase ${config.phase}`,
      responseTimeTargetMs: config.targets.responseTimeMs,
      ...(nextPhaseTrigger ? { nextPhase: { label: `phase ${config.phase + 1}`, ...nextPhaseTrigger } } : {}),
    },
    monthlyBudgetUsd: config.targets.monthlyBudgetUsd,
    ...(backend
      ? { loadBalancers: Object.entries(backend.regions).map(([region, { loadBalancerArnSuffix, targetGroupArnSuffixes }]) => ({ region, loadBalancerArnSuffix, targetGroupArnSuffixes: targetGroupArnSuffixes as Record<string, pulumi.Output<string>> })) }
      : { latencyChecks: config.regions.map((region) => ({ region: region.name, hostname: regionalApiHostname(config.cdn.domainName, region.name) })) }),
    database: { targets: database.metricTargets, maxConnections: database.maxConnections },
    caches: Object.entries(cache.regions).map(([region, { nodeIds, nodeCount }]) => ({ region, nodeIds, nodeCount })),
    tags,
  });

  return {
    phase: config.phase,
    phaseName: config.phaseName,
    primaryRegion: config.regions[0]?.name,
    network: Object.fromEntries(
      Object.entries(network.regions).map(([region, regionNetwork]) => [
        region,
        {
          vpcId: regionNetwork.vpcId,
          publicSubnetIds: regionNetwork.publicSubnetIds,
          privateSubnetIds: regionNetwork.privateSubnetIds,
        },
      ]),
    ),
    // Endpoints, ports and the secrets' ARNs, never a password: the app's deployment reads the secret itself.
    database: {
      engine: database.engine,
      maxConnections: database.maxConnections,
      shards: database.shards,
      securityGroupIds: database.securityGroupIds,
      backupTargets: database.backupTargets,
    },
    disasterRecovery: {
      level: disasterRecovery.level,
      recoveryObjectives: disasterRecovery.recoveryObjectives,
      backupVaultArns: disasterRecovery.backupVaultArns,
      failover: disasterRecovery.failover,
    },
    edge: {
      apiUrl: cdn.apiUrl,
      zoneId: cdn.zoneId,
      loadBalancer: cdn.loadBalancer,
      cloudFront: cdn.cloudFront,
      frontendProjectId: frontend.projectId,
      frontendDomains: frontend.domains,
    },
    // Per region: the origin the CDN and the failover use, and the names the monitoring watches.
    ...(backend ? { backend: backend.regions } : {}),
    monitoring: {
      alertTopicArns: monitoring.alertTopicArns,
      costTopicArns: monitoring.costTopicArns,
      dashboardName: monitoring.dashboardName,
      costAlertConflicts: monitoring.costAlertConflicts,
    },
    // The AUTH token stays out: it is a secret, read from the component by whatever hands it to the app.
    cache: Object.fromEntries(
      Object.entries(cache.regions).map(([region, { endpoint, port, mode, securityGroupId, readOnly }]) => [region, { endpoint, port, mode, securityGroupId, readOnly }]),
    ),
    sentryDsn: observability.sentryDsn,
    ...(observability.logSearch ? { logSearch: { endpoint: observability.logSearch.endpoint, adminRoleArn: observability.logSearch.adminRoleArn } } : {}),
    ...(observability.apiMonitoring ? { datadog: observability.apiMonitoring } : {}),
    ...(kubernetes === undefined
      ? {}
      : { kubernetes: { eks: kubernetes.eks, gke: kubernetes.gke, origins: kubernetes.origins, workloads: kubernetes.workloads, replicaFloors: kubernetes.replicaFloors } }),
  };
}
