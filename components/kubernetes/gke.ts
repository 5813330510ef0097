import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { cidrsOverlap } from "../lib/cidr.js";
import { type NodeShape, podsPerNode } from "./eks.js";

/**
 * The GKE network's ranges. Fixed, because nothing about them varies by phase, but kept clear of every AWS VPC
 * (checked against them), so the VPN or interconnect that would join the clouds needs no renumbering.
 */
export const GKE_NETWORK = {
  nodesCidr: "10.40.0.0/20",
  podsCidr: "10.44.0.0/14",
  servicesCidr: "10.48.0.0/20",
  /** The control plane's private endpoint: a /28 GKE peers into the network. */
  controlPlaneCidr: "172.16.0.32/28",
  podsRangeName: "pods",
  servicesRangeName: "services",
};

/**
 * Compute-optimized C2D "highcpu" machines: 2 GB per vCPU, the pods' ratio, as on EKS. 32 vCPUs hold three 8-vCPU
 * pods beside the kubelet's reservation.
 */
export const GKE_MACHINE = { type: "c2d-highcpu-32", shape: { vcpu: 32, memoryGb: 64 } satisfies NodeShape };

/** Google's own least-privilege role for node service accounts: write logs and metrics, read node metadata. */
export const GKE_NODE_ROLES = ["roles/container.defaultNodeServiceAccount"];

export function gkeNetworkProblems(awsVpcCidrs: string[]): string[] {
  return [GKE_NETWORK.nodesCidr, GKE_NETWORK.podsCidr, GKE_NETWORK.servicesCidr].flatMap((gcpCidr) =>
    awsVpcCidrs.filter((awsCidr) => cidrsOverlap(gcpCidr, awsCidr)).map((awsCidr) => `GKE range ${gcpCidr} overlaps the AWS VPC ${awsCidr}: the clouds could not be joined without renumbering`),
  );
}

/** A kubeconfig that authenticates through gke-gcloud-auth-plugin: no credential in it, in the state or in a preview. */
export function gkeKubeconfig(cluster: { name: string; endpoint: string; clusterCaCertificate: string }): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: cluster.name, cluster: { server: `https://${cluster.endpoint}`, "certificate-authority-data": cluster.clusterCaCertificate } }],
    users: [{
      name: cluster.name,
      user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true, interactiveMode: "Never" } },
    }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user: cluster.name } }],
    "current-context": cluster.name,
  });
}

export interface GkeSpec {
  project: string;
  region: string;
  provider: gcp.Provider;
  clusterName: string;
  pod: NodeShape;
  replicaFloor: number;
  replicaMax: number;
  /** Zones GKE spreads a regional pool over: node bounds are per zone. */
  zones: number;
  nodeStorageGb: number;
  labels: Record<string, string>;
}

export interface GkeCluster {
  name: pulumi.Output<string>;
  endpoint: pulumi.Output<string>;
  kubeconfig: pulumi.Output<string>;
  nodePoolName: pulumi.Output<string>;
  ready: pulumi.Resource[];
}

/**
 * GKE is the seed's multi-cloud phase 4: the same workload on a second cloud, so that an AWS-wide outage or a
 * second provider's capacity never depends on one vendor. What it cannot do yet is serve: the data tier (Aurora,
 * ElastiCache) lives in AWS private subnets, and nothing joins the GCP network to them. That missing piece is an
 * HA VPN (gcp.compute.HaVpnGateway with aws.ec2.VpnConnection pairs, BGP over a Cloud Router) or a partner
 * interconnect, left out here; until it exists the pods fail their readiness check and the Service answers nothing,
 * which is why it is internal and no origin of the CDN.
 *
 * The cluster: regional (a control plane and nodes in every zone), release channel REGULAR, Workload Identity,
 * private nodes and a private endpoint only, shielded nodes, Dataplane V2 (eBPF, enforces NetworkPolicy), labels.
 */
export function buildGkeCluster(name: string, parent: pulumi.Resource, spec: GkeSpec): GkeCluster {
  const prefix = `${name}-gke`;
  const opts: pulumi.CustomResourceOptions = { parent, provider: spec.provider };
  const project = spec.project;

  const network = new gcp.compute.Network(`${prefix}-network`, {
    project,
    autoCreateSubnetworks: false,
    routingMode: "REGIONAL",
    description: `${spec.clusterName}: nodes, pods and services`,
  }, opts);
  const subnetwork = new gcp.compute.Subnetwork(`${prefix}-subnet`, {
    project,
    region: spec.region,
    network: network.id,
    ipCidrRange: GKE_NETWORK.nodesCidr,
    secondaryIpRanges: [
      { rangeName: GKE_NETWORK.podsRangeName, ipCidrRange: GKE_NETWORK.podsCidr },
      { rangeName: GKE_NETWORK.servicesRangeName, ipCidrRange: GKE_NETWORK.servicesCidr },
    ],
    // Private nodes reach Google's APIs (Artifact Registry, logging) without a public address.
    privateIpGoogleAccess: true,
  }, opts);
  // Private nodes have no public address: Cloud NAT is their way out, to pull the app's image from its registry.
  const router = new gcp.compute.Router(`${prefix}-router`, { project, region: spec.region, network: network.id }, opts);
  new gcp.compute.RouterNat(`${prefix}-nat`, {
    project,
    region: spec.region,
    router: router.name,
    natIpAllocateOption: "AUTO_ONLY",
    sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
    logConfig: { enable: true, filter: "ERRORS_ONLY" },
  }, opts);

  const nodeAccount = new gcp.serviceaccount.Account(`${prefix}-nodes`, {
    project,
    accountId: `${spec.clusterName}-nodes`.slice(0, 30),
    displayName: `${spec.clusterName} nodes`,
    description: "GKE nodes: logs and metrics only; workloads use their own identities (Workload Identity)",
  }, opts);
  const roleBindings = GKE_NODE_ROLES.map((role) =>
    new gcp.projects.IAMMember(`${prefix}-nodes-${role.split("/")[1]}`, { project, role, member: pulumi.interpolate`serviceAccount:${nodeAccount.email}` }, opts),
  );

  const cluster = new gcp.container.Cluster(prefix, {
    project,
    name: spec.clusterName,
    location: spec.region,
    network: network.id,
    subnetwork: subnetwork.id,
    networkingMode: "VPC_NATIVE",
    ipAllocationPolicy: { clusterSecondaryRangeName: GKE_NETWORK.podsRangeName, servicesSecondaryRangeName: GKE_NETWORK.servicesRangeName },
    // The node pool below is the only one: GKE needs a default pool to create the cluster, then removes it.
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    releaseChannel: { channel: "REGULAR" },
    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: GKE_NETWORK.controlPlaneCidr, masterGlobalAccessConfig: { enabled: false } },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: GKE_NETWORK.nodesCidr, displayName: "the cluster's own subnet" }], gcpPublicCidrsAccessEnabled: false },
    enableShieldedNodes: true,
    datapathProvider: "ADVANCED_DATAPATH",
    loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"] },
    deletionProtection: true,
    resourceLabels: spec.labels,
  }, opts);

  const perZone = (pods: number) => Math.ceil(Math.ceil(pods / podsPerNode(GKE_MACHINE.shape, spec.pod)) / spec.zones);
  const nodePool = new gcp.container.NodePool(`${prefix}-pool`, {
    project,
    name: "app",
    cluster: cluster.id,
    location: spec.region,
    // Per zone: one node in each zone at least, so the pods spread over all of them.
    autoscaling: { minNodeCount: Math.max(1, perZone(spec.replicaFloor)), maxNodeCount: Math.max(1, perZone(spec.replicaMax)), locationPolicy: "BALANCED" },
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: {
      machineType: GKE_MACHINE.type,
      diskSizeGb: spec.nodeStorageGb,
      diskType: "pd-balanced",
      imageType: "COS_CONTAINERD",
      serviceAccount: nodeAccount.email,
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
      workloadMetadataConfig: { mode: "GKE_METADATA" },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      resourceLabels: spec.labels,
    },
  }, { ...opts, dependsOn: roleBindings });

  return {
    name: cluster.name,
    endpoint: cluster.endpoint,
    kubeconfig: pulumi
      .all([cluster.name, cluster.endpoint, cluster.masterAuth])
      .apply(([clusterName, endpoint, auth]) => gkeKubeconfig({ name: clusterName, endpoint, clusterCaCertificate: auth.clusterCaCertificate })),
    nodePoolName: nodePool.name,
    ready: [nodePool],
  };
}
