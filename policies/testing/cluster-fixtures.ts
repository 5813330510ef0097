import { resource } from "./security-fixtures.js";

export const eksCluster = (vpcConfig: Record<string, unknown> = {}) =>
  resource("aws:eks/cluster:Cluster", "backend-eks-us-east-1", { name: "francaisfluide-phase4-us-east-1", vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, endpointPublicAccess: false, ...vpcConfig } });
export const gkeCluster = (privateClusterConfig: Record<string, unknown> | null = {}) =>
  resource("gcp:container/cluster:Cluster", "backend-gke", {
    location: "europe-west9",
    ...(privateClusterConfig === null ? {} : { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: "172.16.0.0/28", ...privateClusterConfig } }),
  });
