import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResourceTags } from "../tags.js";

/** A node's size: whole pods must fit it beside what the kubelet, the OS and the daemon sets reserve. */
export interface NodeShape {
  vcpu: number;
  memoryGb: number;
}

/**
 * What a node keeps for itself: EKS's kubelet reservation on a 32-vCPU node is about 0.2 vCPU and 3 GiB with the
 * eviction threshold (AL2023 bootstrap formula), and the VPC CNI and kube-proxy daemon sets request a little more.
 */
export const NODE_RESERVED: NodeShape = { vcpu: 1, memoryGb: 4 };

/**
 * Compute-optimized sizes: 2 GiB per vCPU, the ratio of the seed's 8 vCPU / 16 GB instances, so neither CPU nor
 * memory is left stranded. Every family listed has each size with the same shape, which the spot group needs.
 */
const COMPUTE_OPTIMIZED_SIZES: Record<string, NodeShape> = {
  "4xlarge": { vcpu: 16, memoryGb: 32 },
  "8xlarge": { vcpu: 32, memoryGb: 64 },
  "12xlarge": { vcpu: 48, memoryGb: 96 },
  "16xlarge": { vcpu: 64, memoryGb: 128 },
};
/** Current Intel first for on-demand; spot draws from every family, as more pools mean fewer interruptions. */
const ON_DEMAND_FAMILIES = ["c7i", "c6i"];
const SPOT_FAMILIES = ["c7i", "c6i", "c7a", "c6a", "c5a"];
/** Below this share of a node's vCPUs used by pods, the size wastes more than it spares in blast radius. */
const MIN_PACKING = 0.75;

export function podsPerNode(node: NodeShape, pod: NodeShape): number {
  return Math.min(Math.floor((node.vcpu - NODE_RESERVED.vcpu) / pod.vcpu), Math.floor((node.memoryGb - NODE_RESERVED.memoryGb) / pod.memoryGb));
}

/** The smallest compute-optimized size whose pods use at least 75 % of its vCPUs: few pods lost with a node, little idle. */
export function nodeSizeFor(pod: NodeShape): { size: string; shape: NodeShape; podsPerNode: number } {
  for (const [size, shape] of Object.entries(COMPUTE_OPTIMIZED_SIZES)) {
    const fits = podsPerNode(shape, pod);
    if (fits >= 1 && (fits * pod.vcpu) / shape.vcpu >= MIN_PACKING) return { size, shape, podsPerNode: fits };
  }
  throw new Error(`No compute-optimized node size packs pods of ${pod.vcpu} vCPU / ${pod.memoryGb} GB to ${MIN_PACKING * 100} % (sizes: ${Object.keys(COMPUTE_OPTIMIZED_SIZES).join(", ")})`);
}

export interface NodeGroupPlan {
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
}

/**
 * On-demand nodes hold the region's replica floor, one node per zone at least so the pods spread over every zone,
 * and can carry the whole fleet if spot capacity runs dry. Spot nodes take the burst above the floor (the seed's
 * phase 4 savings): an interruption then costs burst capacity, never the floor. A cluster autoscaler moves each
 * group's desired size within these bounds.
 */
export function planNodeGroups(args: { pod: NodeShape; replicaFloor: number; replicaMax: number; zones: number }): { podsPerNode: number; onDemand: NodeGroupPlan; spot: NodeGroupPlan } {
  const node = nodeSizeFor(args.pod);
  const nodesFor = (pods: number) => Math.ceil(pods / node.podsPerNode);
  const floorNodes = Math.max(args.zones, nodesFor(args.replicaFloor));
  return {
    podsPerNode: node.podsPerNode,
    onDemand: {
      instanceTypes: ON_DEMAND_FAMILIES.map((family) => `${family}.${node.size}`),
      minSize: floorNodes,
      desiredSize: floorNodes,
      maxSize: Math.max(floorNodes, nodesFor(args.replicaMax)),
    },
    spot: {
      instanceTypes: SPOT_FAMILIES.map((family) => `${family}.${node.size}`),
      minSize: 0,
      desiredSize: 0,
      maxSize: Math.max(1, nodesFor(args.replicaMax - args.replicaFloor)),
    },
  };
}

/** Every control-plane log EKS has: the audit and authenticator logs answer who did what. */
export const EKS_CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
/** Pinned minor version on standard support (extended support bills six times the control-plane price). */
export const EKS_VERSION = "1.33";
const CONTROL_PLANE_LOG_RETENTION_DAYS = 90;

/** A kubeconfig that authenticates with `aws eks get-token`: no credential in it, in the state or in a preview. */
export function eksKubeconfig(cluster: { name: string; endpoint: string; certificateAuthorityData: string; region: string }): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: cluster.name, cluster: { server: cluster.endpoint, "certificate-authority-data": cluster.certificateAuthorityData } }],
    users: [{
      name: cluster.name,
      user: {
        exec: {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region, "--output", "json"],
          interactiveMode: "Never",
        },
      },
    }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user: cluster.name } }],
    "current-context": cluster.name,
  });
}

export interface EksRoles {
  cluster: aws.iam.Role;
  node: aws.iam.Role;
  /** The managed policies attached: a cluster or node group waits for them. */
  attachments: aws.iam.RolePolicyAttachment[];
}

/** The cluster's and the nodes' roles, IAM being global: one pair for every region, with AWS's managed EKS policies only. */
export function buildEksRoles(name: string, opts: pulumi.CustomResourceOptions, tags: (resourceName: string) => ResourceTags): EksRoles {
  const role = (purpose: string, service: string, actions: string[], description: string) =>
    new aws.iam.Role(`${name}-${purpose}-role`, {
      description,
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }] }),
      tags: tags(`eks-${purpose}-role`),
    }, opts);
  const cluster = role("cluster", "eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"], "Assumed by the EKS control planes of the stack");
  const node = role("node", "ec2.amazonaws.com", ["sts:AssumeRole"], "Assumed by the EKS worker nodes of the stack");
  const attach = (target: aws.iam.Role, purpose: string, policy: string) =>
    new aws.iam.RolePolicyAttachment(`${name}-${purpose}-${policy.toLowerCase()}`, { role: target.name, policyArn: `arn:aws:iam::aws:policy/${policy}` }, opts);
  const attachments = [
    attach(cluster, "cluster", "AmazonEKSClusterPolicy"),
    attach(node, "node", "AmazonEKSWorkerNodePolicy"),
    attach(node, "node", "AmazonEKS_CNI_Policy"),
    // Pull only: the nodes never push an image.
    attach(node, "node", "AmazonEC2ContainerRegistryPullOnly"),
  ];
  return { cluster, node, attachments };
}

export interface EksRegionSpec {
  region: string;
  provider: aws.Provider;
  privateSubnetIds: pulumi.Input<string>[];
  /** The app tier's group, which the database and the cache admit: the nodes (and so the pods) carry it. */
  backendSecurityGroupId: pulumi.Input<string>;
  zones: number;
  replicaFloor: number;
  replicaMax: number;
  pod: NodeShape;
  nodeStorageGb: number;
}

export interface EksCluster {
  name: pulumi.Output<string>;
  endpoint: pulumi.Output<string>;
  kubeconfig: pulumi.Output<string>;
  nodeGroupNames: { onDemand: pulumi.Output<string>; spot: pulumi.Output<string> };
  /** Created once nodes exist: the workload waits for it, as pods need nodes and the HPA needs metrics. */
  ready: pulumi.Resource[];
}

/**
 * One region's EKS cluster: its API only on the VPC's private endpoint, Kubernetes secrets encrypted with a
 * customer-managed key, every control-plane log kept 90 days, access through access entries (API mode), and two
 * managed node groups in the private subnets sharing one launch template.
 */
export function buildEksCluster(name: string, parent: pulumi.Resource, spec: EksRegionSpec, roles: EksRoles, tags: (resourceName: string) => ResourceTags, clusterName: string): EksCluster {
  const prefix = `${name}-eks-${spec.region}`;
  const opts: pulumi.CustomResourceOptions = { parent, provider: spec.provider };

  const key = new aws.kms.Key(`${prefix}-secrets-key`, {
    description: `${clusterName}: Kubernetes secrets (envelope encryption)`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    tags: tags(`eks-${spec.region}-secrets-key`),
  }, opts);
  // Created before the cluster, so EKS writes into a group with a retention instead of one kept forever.
  const logGroup = new aws.cloudwatch.LogGroup(`${prefix}-logs`, {
    name: `/aws/eks/${clusterName}/cluster`,
    retentionInDays: CONTROL_PLANE_LOG_RETENTION_DAYS,
    tags: tags(`eks-${spec.region}-logs`),
  }, opts);

  const cluster = new aws.eks.Cluster(prefix, {
    name: clusterName,
    version: EKS_VERSION,
    roleArn: roles.cluster.arn,
    vpcConfig: { subnetIds: spec.privateSubnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
    encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
    enabledClusterLogTypes: EKS_CONTROL_PLANE_LOGS,
    // The deploying principal (this program) gets an admin access entry; no aws-auth ConfigMap.
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
    upgradePolicy: { supportType: "STANDARD" },
    deletionProtection: true,
    tags: tags(`eks-${spec.region}`),
  }, { ...opts, dependsOn: [logGroup, ...roles.attachments] });

  // Security groups in a launch template replace EKS's default, so the cluster's own group (node to control plane,
  // and the node ports the load balancer reaches) is listed beside the app tier's.
  const launchTemplate = new aws.ec2.LaunchTemplate(`${prefix}-nodes`, {
    description: `${clusterName} worker nodes`,
    vpcSecurityGroupIds: [cluster.vpcConfig.clusterSecurityGroupId, spec.backendSecurityGroupId],
    // Pods cannot reach the instance metadata service (one hop), so they never borrow the node's role.
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: spec.nodeStorageGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
    tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: tags(`eks-${spec.region}-node`) })),
    tags: tags(`eks-${spec.region}-nodes`),
  }, opts);

  const plan = planNodeGroups({ pod: spec.pod, replicaFloor: spec.replicaFloor, replicaMax: spec.replicaMax, zones: spec.zones });
  const nodeGroup = (capacity: "on-demand" | "spot", group: NodeGroupPlan) =>
    new aws.eks.NodeGroup(`${prefix}-${capacity}`, {
      clusterName: cluster.name,
      nodeGroupName: capacity,
      nodeRoleArn: roles.node.arn,
      subnetIds: spec.privateSubnetIds,
      capacityType: capacity === "spot" ? "SPOT" : "ON_DEMAND",
      amiType: "AL2023_x86_64_STANDARD",
      instanceTypes: group.instanceTypes,
      scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      updateConfig: { maxUnavailable: 1 },
      labels: { "francaisfluide.fr/capacity": capacity },
      tags: tags(`eks-${spec.region}-${capacity}`),
    }, { ...opts, dependsOn: roles.attachments, ignoreChanges: ["scalingConfig.desiredSize"] }); // the autoscaler owns it
  const onDemand = nodeGroup("on-demand", plan.onDemand);
  const spot = nodeGroup("spot", plan.spot);

  // The HPA reads CPU and memory from metrics-server, which EKS does not run unless asked.
  const metricsServer = new aws.eks.Addon(`${prefix}-metrics-server`, {
    clusterName: cluster.name,
    addonName: "metrics-server",
    resolveConflictsOnCreate: "OVERWRITE",
    tags: tags(`eks-${spec.region}-metrics-server`),
  }, { ...opts, dependsOn: [onDemand] });

  return {
    name: cluster.name,
    endpoint: cluster.endpoint,
    kubeconfig: pulumi
      .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
      .apply(([clusterNameOut, endpoint, authority]) => eksKubeconfig({ name: clusterNameOut, endpoint, certificateAuthorityData: authority.data, region: spec.region })),
    nodeGroupNames: { onDemand: onDemand.nodeGroupName, spot: spot.nodeGroupName },
    ready: [onDemand, metricsServer],
  };
}
