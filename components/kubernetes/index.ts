import { renderSettingsEnvironment, type DeployedSettings, type SettingVariable } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import type * as gcp from "@pulumi/gcp";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { cacheSettingsEnvironment, type CacheMode } from "../cache.js";
import { databaseSettings, type DatabaseShardOutputs } from "../database/index.js";
import { READINESS_PATH, regionalApiHostname, type RegionalOrigin } from "../lib/origin.js";
import { resourceTags, type StackTags } from "../tags.js";
import { buildEksCluster, buildEksRoles } from "./eks.js";
import { buildGkeCluster, gkeNetworkProblems } from "./gke.js";
import { buildWorkload, type PodsMetric, regionReplicaFloors, type ServiceExposure, type WorkloadOutputs } from "./workload.js";

export { eksKubeconfig, nodeSizeFor, planNodeGroups, podsPerNode } from "./eks.js";
export { GKE_MACHINE, GKE_NETWORK, gkeKubeconfig, gkeNetworkProblems } from "./gke.js";
export { autoscalingMetrics, containerResources, regionReplicaFloors, splitEnvironment } from "./workload.js";

/** One serving AWS region: its network, its traffic share and the local copy of the cache the pods there use. */
export interface EksRegionArgs {
  region: string;
  provider: aws.Provider;
  vpcCidr: string;
  privateSubnetIds: pulumi.Input<string>[];
  backendSecurityGroupId: pulumi.Input<string>;
  availabilityZones: string[];
  trafficPercent: number;
  cache: { endpoint: pulumi.Input<string>; port: number; mode: CacheMode };
}

/** Builds a Kubernetes provider from a cluster's kubeconfig: the stack decides how providers are made. */
export type KubernetesProviderFactory = (cluster: { name: string; kubeconfig: pulumi.Output<string> }) => k8s.Provider;

export interface KubernetesBackendArgs {
  /** The serving regions, the primary first: its cache and database copy also serve GKE. */
  eksRegions: EksRegionArgs[];
  gke: { project: string; region: string; provider: gcp.Provider };
  kubernetesProvider: KubernetesProviderFactory;
  image: { repository: string; tag: string };
  /** The seed's instance class: one pod each. */
  instance: { vcpu: number; memoryGb: number; storageGb: number };
  instanceCount: { min: number; max: number };
  autoscaling: { cpuPercent: number; memoryPercent: number; requestsPerPodPerSecond: number; requestsPerPodMetric?: string };
  /** The phase's lower bound of requests per minute: the replica floors carry it. */
  requestsPerMinute: number;
  containerPort: number;
  /** The app's metrics server: a container port Prometheus scrapes inside the cluster, never in the Service. */
  metricsPort: number;
  database: { shards: DatabaseShardOutputs[]; passwords: Record<string, pulumi.Input<string>> };
  cacheAuthToken: pulumi.Input<string>;
  /** Error tracking: the Sentry project's DSN (goes to the Secret) and the environment its events carry. */
  sentry?: { dsn: pulumi.Input<string>; environment: string };
  origin: { domainName: string; zoneId: pulumi.Input<string> };
  tags: StackTags;
}

const NAMESPACE = "francaisfluide";
/** Route 53 answers the origin names with a short TTL, so a replaced load balancer is picked up within a minute. */
const ORIGIN_RECORD_TTL_SECONDS = 60;
/** TLS 1.3 and 1.2 only, forward secrecy only. */
const NLB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface EksClusterOutputs {
  clusterName: pulumi.Output<string>;
  endpoint: pulumi.Output<string>;
  nodeGroupNames: { onDemand: pulumi.Output<string>; spot: pulumi.Output<string> };
}

/**
 * The backend of the Kubernetes phase: an EKS cluster in every serving region (where the data tier has a copy),
 * each running the app behind a public NLB that terminates TLS for `api-<region>.origin.<domain>`, and a GKE
 * cluster running the same workload on the second cloud (gke.ts says what it lacks to serve).
 */
export class KubernetesBackend extends pulumi.ComponentResource {
  readonly eks: Record<string, EksClusterOutputs>;
  readonly gke: { clusterName: pulumi.Output<string>; endpoint: pulumi.Output<string>; nodePoolName: pulumi.Output<string> };
  /** Per EKS region, what the CDN and the failover health checks reach. */
  readonly origins: RegionalOrigin[];
  /** Per cluster (`eks-<region>`, `gke`): the objects monitoring watches. */
  readonly workloads: Record<string, WorkloadOutputs>;
  readonly replicaFloors: Record<string, number>;

  constructor(name: string, args: KubernetesBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = gkeNetworkProblems(args.eksRegions.map((spec) => spec.vpcCidr));
    const [primary] = args.eksRegions;
    if (primary === undefined) problems.push("eksRegions: needs at least one serving region");
    if (problems.length > 0) throw new Error(`KubernetesBackend "${name}" has conflicting args:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    const { floors } = regionReplicaFloors({
      requestsPerMinute: args.requestsPerMinute,
      requestsPerPodPerSecond: args.autoscaling.requestsPerPodPerSecond,
      instanceCountMin: args.instanceCount.min,
      instanceCountMax: args.instanceCount.max,
      regions: args.eksRegions.map((spec) => ({ name: spec.region, trafficPercent: spec.trafficPercent })),
    });
    super("francaisfluide:backend:KubernetesBackend", name, {}, opts);
    this.replicaFloors = floors;

    const { tags } = args;
    const labels = resourceTags(tags, "backend");
    const tagsFor = (resourceName: string) => resourceTags(tags, "backend", `${tags.project}-${tags.phase}-${resourceName}`);
    const pod = { vcpu: args.instance.vcpu, memoryGb: args.instance.memoryGb };
    const requestsPerPod: PodsMetric | undefined =
      args.autoscaling.requestsPerPodMetric === undefined ? undefined : { name: args.autoscaling.requestsPerPodMetric, averageValue: args.autoscaling.requestsPerPodPerSecond };
    const workloadCommon = {
      namespace: NAMESPACE,
      image: args.image,
      instance: pod,
      containerPort: args.containerPort,
      metricsPort: args.metricsPort,
      autoscaling: { cpuPercent: args.autoscaling.cpuPercent, memoryPercent: args.autoscaling.memoryPercent, ...(requestsPerPod ? { requestsPerPod } : {}) },
      labels,
    };

    const roles = buildEksRoles(`${name}-eks`, { parent: this, provider: (primary as EksRegionArgs).provider }, tagsFor);
    this.eks = {};
    this.workloads = {};
    this.origins = [];
    for (const spec of args.eksRegions) {
      const floor = floors[spec.region] as number;
      const clusterName = `${tags.project}-${tags.phase}-${spec.region}`;
      const cluster = buildEksCluster(name, this, {
        region: spec.region,
        provider: spec.provider,
        privateSubnetIds: spec.privateSubnetIds,
        backendSecurityGroupId: spec.backendSecurityGroupId,
        zones: spec.availabilityZones.length,
        replicaFloor: floor,
        replicaMax: args.instanceCount.max,
        pod,
        nodeStorageGb: args.instance.storageGb,
      }, roles, tagsFor, clusterName);
      this.eks[spec.region] = { clusterName: cluster.name, endpoint: cluster.endpoint, nodeGroupNames: cluster.nodeGroupNames };

      const hostname = regionalApiHostname(args.origin.domainName, spec.region);
      const certificateArn = this.originCertificate(name, spec, hostname, args.origin.zoneId, tagsFor);
      const workload = buildWorkload(this, name, {
        ...workloadCommon,
        cluster: `eks-${spec.region}`,
        provider: args.kubernetesProvider({ name: `eks-${spec.region}`, kubeconfig: cluster.kubeconfig }),
        dependsOn: cluster.ready,
        environment: this.environment(args, spec.region, spec.cache),
        replicas: { min: floor, max: args.instanceCount.max },
        exposure: nlbExposure(certificateArn, tags),
      });
      this.workloads[`eks-${spec.region}`] = workload;

      new aws.route53.Record(`${name}-${spec.region}-origin`, {
        zoneId: args.origin.zoneId,
        name: hostname,
        type: "CNAME",
        ttl: ORIGIN_RECORD_TTL_SECONDS,
        records: [workload.loadBalancerAddress],
      }, { parent: this, provider: spec.provider });
      this.origins.push({ region: spec.region, hostname, loadBalancerDnsName: workload.loadBalancerAddress });
    }

    const primarySpec = primary as EksRegionArgs;
    const gkeCluster = buildGkeCluster(name, this, {
      project: args.gke.project,
      region: args.gke.region,
      provider: args.gke.provider,
      clusterName: `${tags.project}-${tags.phase}`,
      pod,
      replicaFloor: args.instanceCount.min,
      replicaMax: args.instanceCount.max,
      zones: 3,
      nodeStorageGb: args.instance.storageGb,
      labels,
    });
    this.gke = { clusterName: gkeCluster.name, endpoint: gkeCluster.endpoint, nodePoolName: gkeCluster.nodePoolName };
    this.workloads.gke = buildWorkload(this, name, {
      ...workloadCommon,
      cluster: "gke",
      provider: args.kubernetesProvider({ name: "gke", kubeconfig: gkeCluster.kubeconfig }),
      dependsOn: gkeCluster.ready,
      // The primary region's data tier, the one a VPN from GCP would reach first.
      environment: this.environment(args, primarySpec.region, primarySpec.cache),
      replicas: { min: args.instanceCount.min, max: args.instanceCount.max },
      // Internal until the clouds are joined: a public entry would only answer 503 (see gke.ts).
      exposure: { annotations: { "networking.gke.io/load-balancer-type": "Internal" }, port: 80, portName: "http" },
    });

    this.registerOutputs({ eks: this.eks, gke: this.gke, origins: this.origins, workloads: this.workloads, replicaFloors: this.replicaFloors });
  }

  /** The app's variables in one region: its database settings (reads from the local copy) and its cache. */
  private environment(args: KubernetesBackendArgs, region: string, cache: EksRegionArgs["cache"]): pulumi.Output<Partial<Record<SettingVariable, string>>> {
    return pulumi
      .all([pulumi.output(args.database.shards), pulumi.output(args.database.passwords), pulumi.output(cache.endpoint), pulumi.output(args.cacheAuthToken), pulumi.output(args.sentry?.dsn)])
      .apply(([shards, passwords, endpoint, authToken, sentryDsn]) => ({
        ...renderSettingsEnvironment({
          port: args.containerPort,
          metricsPort: args.metricsPort,
          // Every interface: the kubelet's probes and the load balancer come from outside the pod.
          host: "0.0.0.0",
          database: withPasswords(databaseSettings(shards, undefined, { region }), passwords),
          // The machine's core count would be the node's (32), not the pod's share.
          grammar: { workers: args.instance.vcpu },
          ...(sentryDsn === undefined || args.sentry === undefined ? {} : { telemetry: { sentry: { dsn: sentryDsn, environment: args.sentry.environment } } }),
        }),
        ...cacheSettingsEnvironment({ endpoint, port: cache.port, mode: cache.mode }, authToken),
      }));
  }

  /**
   * TLS for the region's origin name ends on the NLB with an ACM certificate, validated by DNS in the origin zone
   * (which Route 53 owns for exactly this), so the failover's HTTPS health checks and the CDN see a valid name.
   */
  private originCertificate(name: string, spec: EksRegionArgs, hostname: string, zoneId: pulumi.Input<string>, tagsFor: (resourceName: string) => ReturnType<typeof resourceTags>): pulumi.Output<string> {
    const opts = { parent: this, provider: spec.provider };
    const certificate = new aws.acm.Certificate(`${name}-${spec.region}-origin-certificate`, {
      domainName: hostname,
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
      tags: tagsFor(`${spec.region}-origin-certificate`),
    }, opts);
    // One name, so one validation record.
    const option = certificate.domainValidationOptions.apply((options) => {
      const [only] = options;
      if (only === undefined) throw new Error(`ACM gave no DNS validation record for ${hostname}`);
      return only;
    });
    const validationRecord = new aws.route53.Record(`${name}-${spec.region}-origin-certificate-validation`, {
      zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
    }, opts);
    const validation = new aws.acm.CertificateValidation(`${name}-${spec.region}-origin-certificate-validation`, {
      certificateArn: certificate.arn,
      validationRecordFqdns: [validationRecord.fqdn],
    }, opts);
    return validation.certificateArn;
  }
}

/**
 * A public NLB from the cloud controller EKS runs (no extra controller to install): TLS ends on its 443 listener
 * with the origin certificate and is forwarded as TCP to the pods' plain HTTP port; its target health is the app's
 * readiness, so a pod that lost its database stops receiving traffic before Route 53 sees the region fail.
 */
function nlbExposure(certificateArn: pulumi.Output<string>, tags: StackTags): ServiceExposure {
  const prefix = "service.beta.kubernetes.io/aws-load-balancer";
  const lbTags = resourceTags(tags, "backend");
  return {
    port: 443,
    portName: "https",
    annotations: {
      [`${prefix}-type`]: "nlb",
      [`${prefix}-internal`]: "false",
      [`${prefix}-cross-zone-load-balancing-enabled`]: "true",
      [`${prefix}-ssl-cert`]: certificateArn,
      [`${prefix}-ssl-ports`]: "https",
      [`${prefix}-ssl-negotiation-policy`]: NLB_TLS_POLICY,
      [`${prefix}-backend-protocol`]: "tcp",
      [`${prefix}-healthcheck-protocol`]: "http",
      [`${prefix}-healthcheck-path`]: READINESS_PATH,
      [`${prefix}-additional-resource-tags`]: Object.entries(lbTags).map(([key, value]) => `${key}=${value}`).join(","),
    },
  };
}

/**
 * The database settings with each shard's password beside its password-free URLs, so that the contract renders
 * the passwords into their own variables (DATABASE_PASSWORD, `shardPasswordVariable`), which go to the Secret.
 */
function withPasswords(settings: ReturnType<typeof databaseSettings>, passwords: Record<string, string>): DeployedSettings["database"] {
  const passwordOf = (id: string) => {
    const password = passwords[id];
    if (password === undefined) throw new Error(`No password given for database shard "${id}" (given: ${Object.keys(passwords).join(", ") || "none"})`);
    return password;
  };
  if (settings.shards === undefined) {
    const [only] = Object.keys(passwords);
    if (only === undefined || Object.keys(passwords).length !== 1) throw new Error(`One database URL needs exactly one password, given for: ${Object.keys(passwords).join(", ") || "none"}`);
    return { ...settings, password: passwordOf(only) };
  }
  return { ...settings, shards: settings.shards.map((shard) => ({ ...shard, password: passwordOf(shard.id) })) };
}
