import * as gcp from "@pulumi/gcp";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** A GKE cluster's control plane and nodes have private addresses only. */
export const gcpContainerClusterConfigurePrivateEndpoint: ResourceValidationPolicy = {
  name: "gcp-container-cluster-configure-private-endpoint",
  description: "GKE clusters are private: privateClusterConfig.enablePrivateEndpoint and enablePrivateNodes are true.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, reportViolation) => {
    const config = (cluster.privateClusterConfig ?? {}) as { enablePrivateEndpoint?: unknown; enablePrivateNodes?: unknown };
    if (config.enablePrivateEndpoint !== true) reportViolation("GKE cluster control plane has a public endpoint: set privateClusterConfig.enablePrivateEndpoint to true.");
    if (config.enablePrivateNodes !== true) reportViolation("GKE cluster nodes have public addresses: set privateClusterConfig.enablePrivateNodes to true.");
  }),
};
