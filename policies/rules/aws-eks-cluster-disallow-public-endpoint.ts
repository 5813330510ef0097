import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** The Kubernetes API of an EKS cluster is reachable from the VPC only (EKS opens a public endpoint unless told not to). */
export const awsEksClusterDisallowPublicEndpoint: ResourceValidationPolicy = {
  name: "aws-eks-cluster-disallow-public-endpoint",
  description: "EKS clusters serve their Kubernetes API on a private endpoint only: endpointPublicAccess false, endpointPrivateAccess true.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const vpcConfig = (cluster.vpcConfig ?? {}) as { endpointPublicAccess?: unknown; endpointPrivateAccess?: unknown };
    if (vpcConfig.endpointPublicAccess !== false) reportViolation("EKS cluster API endpoint is public: set vpcConfig.endpointPublicAccess to false.");
    if (vpcConfig.endpointPrivateAccess !== true) reportViolation("EKS cluster API has no private endpoint: set vpcConfig.endpointPrivateAccess to true.");
  }),
};
